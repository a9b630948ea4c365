import sqlite3

import pytest

import stipple
from conftest import DATA


def test_a_sweep_gives_a_summary_row_per_plan():
    result = stipple.batch(DATA / "sweeps" / "ludwig-series.yaml", jobs=2)
    summary = result.summary
    assert len(summary) == 3 and result.failed == 0
    assert list(summary["client.hair_loss.stage"]) == ["I", "II", "III"]
    assert (summary["status"] == "ok").all()
    # summary.json says the same as the CSV.
    rows = result.summary_json if isinstance(result.summary_json, list) else result.summary_json.get("rows", [])
    assert [str(r["id"]) for r in rows] == [str(i) for i in summary["id"]]


def test_plans_as_dicts_and_a_failing_plan_is_a_row_not_an_exception(minimal_plan, tmp_path):
    bad = dict(minimal_plan, design={"target_density_per_cm2": -5})
    with pytest.warns(UserWarning, match="failed"):
        result = stipple.batch([minimal_plan, bad], out=tmp_path / "b", keep="reports")
    assert len(result.summary) == 2 and result.failed == 1
    assert "target_density_per_cm2" in " ".join(map(str, result.errors.iloc[0].tolist()))
    ok = result.summary[result.summary["status"] == "ok"].iloc[0]
    plan = result.plan(ok["id"])
    assert plan.report["plan"]["name"] == "python-minimal"


def test_db_is_passed_to_the_cli(minimal_plan, tmp_path):
    # Issue 27 item 2 adds `batch --db`. Until the executable has it, the CLI's refusal comes back
    # as a StippleError naming the option; once it has it, the tables are there to query.
    help_text = stipple._cli.run(["batch", "--help"]).stdout
    db = tmp_path / "results.sqlite"
    if "--db" in help_text:
        result = stipple.batch([minimal_plan], db=db)
        plans = result.read_sql("SELECT * FROM plans")
        assert len(plans) == 1
    else:
        with pytest.raises(stipple.StippleError) as caught:
            stipple.batch([minimal_plan], db=db)
        assert "--db" in caught.value.message
