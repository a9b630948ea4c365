import warnings
import xml.etree.ElementTree as ET

import pandas as pd

import stipple
from conftest import DATA


def observations(name):
    return pd.read_csv(DATA / "fade" / name, comment="#")


def test_fit_a_dataframe_gives_a_row_per_series_model_and_parameter():
    df = observations("example_observations.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fits = stipple.fit(df, models=["mono", "bi"])
    # A fit that did not converge is a row with its status and a warning, not an exception.
    assert bool(caught) == bool((fits["status"] != "converged").any())
    assert set(fits["model"]) == {"mono", "bi"}
    assert set(fits["series"]) == set(df["series"])
    mono = fits[fits["model"] == "mono"]
    assert list(mono["parameter"].unique()) == ["k"] and len(mono) == df["series"].nunique()
    converged = fits[fits["status"] == "converged"]
    assert not converged.empty
    assert (converged["ci95_low"] <= converged["estimate"]).all() and (converged["estimate"] <= converged["ci95_high"]).all()


def test_benchmark_leaderboard_names_models_with_intervals_and_svg_charts(tmp_path):
    result = stipple.benchmark(DATA / "fade" / "example_benchmark.csv", models=["mono", "bi", "weibull"], bootstrap=200,
                               charts=tmp_path / "charts", figure_format="svg")
    board = result.leaderboard
    assert set(board["model"]) == {"mono", "bi", "weibull"}
    assert list(board["forecast_rmse"]) == sorted(board["forecast_rmse"])  # best first
    assert ((board["forecast_rmse_low"] <= board["forecast_rmse"]) & (board["forecast_rmse"] <= board["forecast_rmse_high"])).all()
    assert len(result.forecasts) == 3 * len(result.report["series"])
    svg = ET.parse(tmp_path / "charts" / "leaderboard.svg").getroot()
    assert svg.tag.endswith("svg")
    texts = {t.text for t in svg.iter() if t.tag.endswith("text")}
    assert {"mono", "bi", "weibull"} <= texts
    for chart in (tmp_path / "charts").glob("series-*.svg"):
        ET.parse(chart)  # every chart is well-formed XML
