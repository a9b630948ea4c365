import pytest

import stipple
from conftest import DATA


def test_simulate_a_plan_file_gives_one_row_per_session_and_the_csv_tables():
    r = stipple.simulate(DATA / "plans" / "norwood-v-three-sessions.yaml")
    assert list(r.sessions["session"]) == [1, 2, 3]
    assert r.report["schema"] == "stipple.report"
    # The flattened whole-scalp metrics are the report's own numbers.
    assert list(r.sessions["new_impressions"]) == [s["new_impressions"] for s in r.report["sessions"]]
    assert list(r.sessions["impressions_per_cm2"]) == [s["all"]["impressions_per_cm2"] for s in r.report["sessions"]]
    assert "colour_healed_hex" in r.sessions.columns and "colour_healed_lab_L" in r.sessions.columns
    # sessions.csv: one row per session x region, region "all" being the session's whole scalp.
    whole = r.regions[r.regions["region"] == "all"]
    assert list(whole["session"]) == [1, 2, 3]
    assert list(whole["impressions"]) == [s["all"]["impressions"] for s in r.report["sessions"]]
    assert len(r.regions) == 3 * r.regions["region"].nunique()
    assert not r.timeline.empty and set(r.timeline["day"]) == set(r.report["plan"]["follow_up_days"])
    assert set(r.fade_curves["session"]) == {1, 2, 3}
    assert r.out is None


def test_a_dict_plan_with_a_seed_is_deterministic_and_the_seed_matters(minimal_plan):
    a = stipple.simulate(minimal_plan, seed=3)
    b = stipple.simulate(minimal_plan, seed=3)
    c = stipple.simulate(minimal_plan, seed=4)
    assert a.report["plan"]["seed"] == 3 and c.report["plan"]["seed"] == 4
    assert a.sessions.equals(b.sessions) and a.regions.equals(b.regions)
    assert not a.regions["nn_min_mm"].equals(c.regions["nn_min_mm"])


def test_out_keeps_the_folder_and_its_pictures(tmp_path, minimal_plan):
    r = stipple.simulate(minimal_plan, out=tmp_path / "run", images="summary", html=True, figure_format="svg")
    assert r.out == tmp_path / "run"
    assert {"report.json", "sessions.csv", "fade_curves.svg", "report.html"} <= set(r.files)
    assert (tmp_path / "run" / "fade_curves.svg").is_file()
    again = stipple.load(tmp_path / "run")
    assert again.sessions.equals(r.sessions)
