"""Stipple from Python: simulate plans, run batches, fit and benchmark fade models, with results
as pandas DataFrames.

Every call runs the ``stipple`` executable (``$STIPPLE``, else on PATH, else the repository's
``.build/release`` or ``.build/debug``) with files written for it, and reads its outputs back.
A refused input raises :class:`StippleError` carrying the CLI's message and exit status.
"""

from ._cli import find_executable
from .batch import BatchResult, batch
from .errors import StippleError
from .fading import BenchmarkResult, benchmark, fit
from .simulate import Result, load, simulate

__all__ = ["simulate", "load", "Result", "batch", "BatchResult", "fit", "benchmark", "BenchmarkResult",
           "StippleError", "find_executable", "version"]

__version__ = "0.1.0"


def version() -> str:
    """The executable's version line (``stipple --version``)."""
    from . import _cli

    return _cli.run(["--version"]).stdout.strip()
