import pytest

import stipple
from conftest import DATA


def test_a_refused_plan_raises_with_the_clis_message_and_status(minimal_plan):
    minimal_plan["client"]["norwood"] = "IX"
    with pytest.raises(stipple.StippleError) as caught:
        stipple.simulate(minimal_plan)
    error = caught.value
    assert error.returncode == 1
    assert "client.norwood" in error.message and "IX" in error.message
    assert "III vertex" in str(error)  # what was expected
    assert "stipple: error:" in error.stderr and error.command[1] == "simulate"


def test_a_missing_plan_file_names_the_file(tmp_path):
    with pytest.raises(stipple.StippleError) as caught:
        stipple.simulate(tmp_path / "no-such-plan.yaml")
    assert "no-such-plan.yaml" in caught.value.message and caught.value.returncode == 1


def test_a_bad_option_value_is_refused_by_the_cli(minimal_plan):
    with pytest.raises(stipple.StippleError) as caught:
        stipple.simulate(minimal_plan, images="some")
    assert caught.value.returncode != 0 and "images" in caught.value.message


def test_a_wrong_STIPPLE_path_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("STIPPLE", str(tmp_path / "missing-stipple"))
    with pytest.raises(stipple.StippleError) as caught:
        stipple.find_executable()
    assert "STIPPLE=" in caught.value.message and "missing-stipple" in caught.value.message


def test_fit_refuses_an_unknown_model():
    with pytest.raises(stipple.StippleError) as caught:
        stipple.fit(DATA / "fade" / "example_observations.csv", models=["mono", "quadratic"])
    assert "quadratic" in caught.value.message
