"""stipple.fit and stipple.benchmark: fade models against observed series."""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Sequence, Union

import pandas as pd

from . import _cli

Data = Union[pd.DataFrame, str, Path]
Models = Union[str, Sequence[str]]


def _observations(data: Data, folder: Path) -> Path:
    """A CSV file of the observations: a path as given, or the DataFrame written without its index
    (columns series,day,value; series,day,L; series,day,L,a,b; or a model's own variables)."""
    if isinstance(data, pd.DataFrame):
        path = folder / "observations.csv"
        data.to_csv(path, index=False)
        return path
    return Path(data)


def _models(models: Optional[Models]) -> Optional[str]:
    if models is None:
        return None
    return models if isinstance(models, str) else ",".join(models)


def _kind(kind: str) -> dict:
    if kind not in ("retained", "lightness", "lab"):
        raise ValueError(f"kind must be 'retained', 'lightness' or 'lab', got {kind!r}")
    return {"lightness": kind == "lightness", "lab": kind == "lab"}


def _start(start: Optional[Mapping[str, float]]) -> Optional[list]:
    return None if not start else [f"{k}={v}" for k, v in start.items()]


def fit(data: Data, models: Optional[Models] = "all", *, model_files: Sequence[Union[str, Path]] = (),
        kind: str = "retained", folds: Optional[int] = None, jobs: Optional[int] = None, sun: Optional[float] = None,
        start: Optional[Mapping[str, float]] = None, data_folder: Union[str, Path, None] = None) -> pd.DataFrame:
    """Fits fade models to every series of ``data`` (``stipple fade fit``).

    Returns one row per series x model x parameter (the CLI's columns: status, rmse, aic,
    estimate, std_error, ci95_low/high, at_bound, ...). Fits that did not converge are rows with
    their status (and a warning), not an exception; a refused input raises StippleError.
    ``models``: "all", a name or a list (``None`` with ``model_files``: only those).
    """
    with _cli.Scratch() as scratch:
        args = ["fade", "fit", str(_observations(data, scratch))]
        args += _cli.options(model=_models(models), model_file=[str(p) for p in model_files] or None, folds=folds,
                             jobs=jobs, sun=sun, start=_start(start), data=data_folder, **_kind(kind))
        done = _cli.run(args, ok=(0, 2))
    frame = pd.read_csv(io.StringIO(done.stdout))
    if done.returncode == 2:
        warnings.warn("stipple fade fit: some series failed or did not converge (see the status column)", stacklevel=2)
    return frame


@dataclass
class BenchmarkResult:
    """``leaderboard``: one row per model, best forecast first (forecast_rmse with its 95 %
    bootstrap interval, wins, failed, the paired comparison with the best). ``forecasts``: one
    row per series x model (status, forecast and in-sample RMSE, AIC, ...). ``report``: the whole
    JSON report. ``charts``: the chart folder when one was asked for."""

    leaderboard: pd.DataFrame
    forecasts: pd.DataFrame
    report: dict
    charts: Optional[Path] = None


def benchmark(data: Data, models: Optional[Models] = "all", *, model_files: Sequence[Union[str, Path]] = (),
              forecast_from: Optional[float] = None, kind: str = "retained", folds: Optional[int] = None,
              jobs: Optional[int] = None, sun: Optional[float] = None, seed: Optional[int] = None,
              bootstrap: Optional[int] = None, charts: Union[str, Path, None] = None,
              figure_format: Optional[str] = None, figure_width: Optional[int] = None,
              data_folder: Union[str, Path, None] = None) -> BenchmarkResult:
    """Compares fade models by forecasting (``stipple fade benchmark --json``): fit before the
    cut-off, forecast after, score. ``charts``: a folder for the per-series charts and the
    leaderboard (``figure_format`` "png" or "svg")."""
    with _cli.Scratch() as scratch:
        args = ["fade", "benchmark", str(_observations(data, scratch)), "--json"]
        args += _cli.options(models=_models(models), model_file=[str(p) for p in model_files] or None,
                             forecast_from=forecast_from, folds=folds, jobs=jobs, sun=sun, seed=seed, bootstrap=bootstrap,
                             charts=charts, figure_format=figure_format, figure_width=figure_width, data=data_folder,
                             **_kind(kind))
        done = _cli.run(args, ok=(0, 2))
    report = json.loads(done.stdout)
    if done.returncode == 2:
        warnings.warn("stipple fade benchmark: some fits failed or did not converge (see forecasts.status)", stacklevel=2)
    rows = []
    for series in report.get("series", []):
        for model in series.get("models", []):
            row = {k: v for k, v in model.items() if k not in ("parameters", "forecast")}
            rows.append({"series": series.get("series"), "cutoff_day": series.get("cutoff_day"),
                         "winner": series.get("winner"), **row})
    return BenchmarkResult(leaderboard=pd.DataFrame(report.get("leaderboard", [])), forecasts=pd.DataFrame(rows),
                           report=report, charts=Path(charts) if charts is not None else None)
