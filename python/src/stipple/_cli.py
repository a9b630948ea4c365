"""Finding and running the stipple executable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Union

from .errors import StippleError

PathLike = Union[str, os.PathLike]


def _repository_builds(start: Path) -> Iterable[Path]:
    """`.build/release/stipple`, then `.build/debug/stipple`, of the first folder at or above
    ``start`` that holds the Swift package (its Package.swift)."""
    for folder in [start, *start.parents]:
        if (folder / "Package.swift").is_file():
            yield folder / ".build" / "release" / "stipple"
            yield folder / ".build" / "debug" / "stipple"
            return


def find_executable() -> Path:
    """The stipple executable: ``$STIPPLE``, else ``stipple`` on PATH, else a build in the
    repository around the current folder or around this package (an editable install).

    Raises StippleError when none is found, saying where it looked."""
    explicit = os.environ.get("STIPPLE")
    if explicit:
        path = Path(explicit)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise StippleError(f"STIPPLE={explicit} is not an executable file (expected the path of a built stipple)")
    on_path = shutil.which("stipple")
    if on_path:
        return Path(on_path)
    looked = []
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for candidate in _repository_builds(start):
            looked.append(str(candidate))
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    raise StippleError("stipple executable not found: set STIPPLE to its path, put it on PATH, or build it in the "
                       "repository (swift build -c release --product stipple); looked in: " + (", ".join(looked) or "PATH"))


def run(arguments: Sequence[str], *, ok: Sequence[int] = (0,), cwd: Optional[PathLike] = None) -> subprocess.CompletedProcess:
    """Runs ``stipple ARGUMENTS``; an exit status outside ``ok`` raises StippleError carrying the
    CLI's message."""
    command = [str(find_executable()), *map(str, arguments)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    if done.returncode not in ok:
        raise StippleError(_message(done.stderr, done.returncode), done.returncode, command, done.stderr)
    return done


def _message(stderr: str, returncode: int) -> str:
    """The CLI's error line(s) without the program-name prefix, else a status line."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("stipple: error:") or line.startswith("Error:")]
    chosen = errors or lines[-3:]
    text = "\n".join(line.removeprefix("stipple: error: ").removeprefix("Error: ") for line in chosen)
    return text or f"stipple exited with status {returncode} and no message"


def write_input(value: Union[PathLike, Mapping], folder: Path, name: str) -> Path:
    """A path as given, or a dict written as JSON into ``folder`` (plans and sweeps are YAML or
    JSON)."""
    if isinstance(value, Mapping):
        path = folder / name
        path.write_text(json.dumps(value, indent=2))
        return path
    return Path(value)


def options(**named) -> list:
    """``--name value`` for every option that is set (``True`` flags as ``--name``); underscores
    become dashes."""
    out = []
    for key, value in named.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            out.append(flag)
        elif isinstance(value, (list, tuple)):
            for item in value:
                out += [flag, str(item)]
        else:
            out += [flag, str(value)]
    return out


class Scratch:
    """A temporary folder for the files handed to stipple, removed on exit."""

    def __enter__(self) -> Path:
        self._dir = tempfile.TemporaryDirectory(prefix="stipple-py-")
        return Path(self._dir.name)

    def __exit__(self, *exc) -> None:
        self._dir.cleanup()
