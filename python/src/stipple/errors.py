"""The one exception the package raises for a failed stipple run."""

from __future__ import annotations

from typing import Sequence


class StippleError(Exception):
    """The stipple executable refused the input or could not run.

    ``message`` is the CLI's own message (its last ``stipple: error: ...`` line, which names the
    file, the field and what was expected), ``returncode`` its exit status (1: the run failed;
    2 is "some plans or fits failed" and is reported on the result, not raised), ``command``
    the argument list that was run and ``stderr`` everything it printed there.
    """

    def __init__(self, message: str, returncode: int | None = None, command: Sequence[str] = (), stderr: str = ""):
        super().__init__(message)
        self.message = message
        self.returncode = returncode
        self.command = list(command)
        self.stderr = stderr

    def __str__(self) -> str:
        return self.message
