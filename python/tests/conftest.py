"""The tests run the real stipple executable: $STIPPLE, PATH or the repository's build."""

from pathlib import Path

import pytest

import stipple

REPOSITORY = Path(__file__).resolve().parents[2]
DATA = REPOSITORY / "Data"


@pytest.fixture(scope="session", autouse=True)
def executable():
    # Fails (not skips) when there is no stipple to test against: a green run means it ran.
    return stipple.find_executable()


@pytest.fixture
def minimal_plan():
    """A one-session plan as a dict (the plan schema's required fields)."""
    return {
        "name": "python-minimal",
        "client": {"norwood": "V"},
        "design": {"target_density_per_cm2": 110},
        "sessions": [{"day": 0, "fraction_of_target": 0.6, "needle_mm": 0.25, "depth_mm": 0.6},
                     {"day": 14, "fraction_of_target": 1.0, "needle_mm": 0.25, "depth_mm": 0.6}],
    }
