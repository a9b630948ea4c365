"""stipple.batch: many plans and sweeps, the summary as a DataFrame."""

from __future__ import annotations

import json
import shutil
import sqlite3
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Sequence, Union

import pandas as pd

from . import _cli
from .simulate import Result, load

Input = Union[str, Path, Mapping]


@dataclass
class BatchResult:
    """``summary``: summary.csv, one row per plan in input order (position, id, source, status,
    message, the swept values, the results). ``errors``: errors.csv (the failed plans and why).
    ``out``: the batch folder, or None when none was asked for. ``db``: the SQLite file given as
    ``db=`` (needs a stipple with ``batch --db``)."""

    summary: pd.DataFrame
    errors: pd.DataFrame
    summary_json: object
    out: Optional[Path] = None
    db: Optional[Path] = None

    @property
    def failed(self) -> int:
        return len(self.errors)

    def plan(self, plan_id: str) -> Result:
        """One plan's tables, from its folder (a batch kept with ``keep="all"`` or "reports")."""
        if self.out is None:
            raise ValueError("the batch was run without out=: no plan folders were kept")
        return load(self.out / plan_id)

    def read_sql(self, query: str, params: Sequence = ()) -> pd.DataFrame:
        """A query on the batch's database (``db=``) as a DataFrame."""
        if self.db is None:
            raise ValueError("the batch was run without db=")
        with sqlite3.connect(self.db) as connection:
            return pd.read_sql_query(query, connection, params=params)


def batch(inputs: Union[Input, Sequence[Input]], out: Union[str, Path, None] = None, *, jobs: Optional[int] = None,
          images: Optional[str] = None, keep: Optional[str] = None, dots: bool = False, resume: bool = False,
          force: bool = False, shard: Optional[str] = None, db: Union[str, Path, None] = None,
          figure_format: Optional[str] = None, figure_width: Optional[int] = None,
          data: Union[str, Path, None] = None, extra_args: Sequence[str] = ()) -> BatchResult:
    """Runs plans, folders of plans and sweep files (``stipple batch``); dicts are written as JSON
    plans or sweeps first (give the paths inside them absolute).

    Without ``out`` the batch runs in a temporary folder with ``keep="summary"`` and only the
    tables are kept. Plans that fail are rows of ``errors`` (and a warning), not an exception; a
    batch that cannot run raises StippleError.

    ``db``: write the results into this SQLite file too (``stipple batch --db``, issue 27 item 2:
    with a stipple that has no ``--db`` yet this raises StippleError with the CLI's message).
    """
    items = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    with _cli.Scratch() as scratch:
        paths = [str(_cli.write_input(item, scratch, f"input-{i}.json")) for i, item in enumerate(items)]
        target = Path(out) if out is not None else scratch / "batch"
        if out is None and keep is None:
            keep = "summary"
        args = ["batch", *paths, "--out", str(target), "--quiet"]
        args += _cli.options(jobs=jobs, images=images, keep=keep, dots=dots, resume=resume, force=force, shard=shard,
                             db=db, figure_format=figure_format, figure_width=figure_width, data=data)
        args += list(extra_args)
        done = _cli.run(args, ok=(0, 2))
        summary = pd.read_csv(target / "summary.csv")
        errors_path = target / "errors.csv"
        errors = pd.read_csv(errors_path) if errors_path.is_file() else pd.DataFrame()
        summary_json = json.loads((target / "summary.json").read_text())
        if out is None:
            shutil.rmtree(target, ignore_errors=True)
    if done.returncode == 2:
        warnings.warn(f"stipple batch: {len(errors)} plan(s) failed (see .errors)", stacklevel=2)
    return BatchResult(summary=summary, errors=errors, summary_json=summary_json,
                       out=Path(out) if out is not None else None, db=Path(db) if db is not None else None)
