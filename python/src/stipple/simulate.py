"""stipple.simulate: one plan, its tables as DataFrames."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Mapping, Optional, Union

import pandas as pd

from . import _cli


@dataclass
class Result:
    """One simulated plan.

    ``sessions``: one row per session (report.json's sessions, flattened: the session's plan
    fields, its whole-scalp metrics without prefix, its colour as ``colour_*``).
    ``regions``: sessions.csv, one row per session x region (region ``all`` is the whole scalp).
    ``timeline``: timeline.csv, one row per follow-up day x region (empty without follow-ups).
    ``timeline_sessions``: timeline_sessions.csv, per follow-up day x session.
    ``fade_curves``: fade_curves.csv, every 15 days per session.
    ``report``: report.json as a dict. ``out``: the output folder, or None when none was asked
    for (the files were read and removed). ``files``: the files written.
    """

    report: dict
    sessions: pd.DataFrame
    regions: pd.DataFrame
    timeline: pd.DataFrame
    timeline_sessions: pd.DataFrame
    fade_curves: pd.DataFrame
    out: Optional[Path] = None
    files: List[str] = field(default_factory=list)

    @property
    def touch_up_day(self) -> Optional[float]:
        """The suggested touch-up day (report.json ``touch_up.suggested_session.day``), or None."""
        suggested = (self.report.get("touch_up") or {}).get("suggested_session") or {}
        return suggested.get("day")


def sessions_frame(report: Mapping) -> pd.DataFrame:
    """report.json's sessions, one row each: nested fields joined with ``_``; the whole-scalp
    metrics (``all``) keep their own names."""
    frame = pd.json_normalize(list(report.get("sessions", [])), sep="_")
    frame = frame.drop(columns=[c for c in ("all_region",) if c in frame.columns])
    return frame.rename(columns={c: c[len("all_"):] for c in frame.columns if c.startswith("all_")})


def _csv(folder: Path, name: str) -> pd.DataFrame:
    path = folder / name
    return pd.read_csv(path) if path.is_file() else pd.DataFrame()


def load(folder: Union[str, Path]) -> Result:
    """Reads a folder written by ``stipple simulate`` (or a batch's plan folder)."""
    folder = Path(folder)
    report = json.loads((folder / "report.json").read_text())
    return Result(report=report, sessions=sessions_frame(report), regions=_csv(folder, "sessions.csv"),
                  timeline=_csv(folder, "timeline.csv"), timeline_sessions=_csv(folder, "timeline_sessions.csv"),
                  fade_curves=_csv(folder, "fade_curves.csv"), out=folder,
                  files=sorted(p.name for p in folder.iterdir() if p.is_file()))


def simulate(plan: Union[str, Path, Mapping], seed: Optional[int] = None, out: Union[str, Path, None] = None, *,
             images: str = "none", dots: bool = False, html: bool = False,
             figure_format: Optional[str] = None, figure_width: Optional[int] = None,
             data: Union[str, Path, None] = None) -> Result:
    """Simulates ``plan`` (a YAML/JSON file, or a dict in the plan schema) and returns its tables.

    ``seed`` overrides the plan's seed (same plan + seed: the same numbers). ``out`` keeps the
    output folder (with ``images`` "summary" or "all" for pictures, ``html`` for report.html);
    without it the files are read and removed. A dict plan is written as JSON first, so paths
    inside it resolve from a temporary folder: give them absolute.

    Raises StippleError with the CLI's message when the plan is refused.
    """
    with _cli.Scratch() as scratch:
        path = _cli.write_input(plan, scratch, "plan.json")
        target = Path(out) if out is not None else scratch / "out"
        args = ["simulate", str(path), "--out", str(target), "--quiet", "--images", images]
        if not dots:
            args.append("--no-dots")
        if not html or images == "none":
            args.append("--no-html")
        args += _cli.options(seed=seed, figure_format=figure_format, figure_width=figure_width, data=data)
        _cli.run(args)
        result = load(target)
        if out is None:
            result.out = None
            shutil.rmtree(target, ignore_errors=True)
        return result
