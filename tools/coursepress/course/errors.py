"""Errors in a course's own files, each naming the file, the line and what to do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .locations import display_path


class CourseFileError(ValueError):
    """A course file that cannot be used; ``str()`` is ``path:line: message``.

    ``message`` alone is what to fix, for places (Sphinx's logger) that show the
    location themselves.
    """

    def __init__(self, message: str, path: Path, line: int) -> None:
        super().__init__(f"{display_path(path)}:{line}: {message}")
        self.message, self.path, self.line = message, path, line


def toml_error_line(err: tomllib.TOMLDecodeError) -> int:
    """The 1-based line tomllib names in its message ("... (at line 3, column 5)")."""
    # Python 3.11 to 3.13 give the position only in the message's text.
    lineno = getattr(err, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else 1


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's tables and its text, or CourseFileError at the broken line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise CourseFileError(
            f"not UTF-8 (byte {err.start}): save the file as UTF-8", path, 1
        ) from err
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        raise CourseFileError(
            f"invalid TOML: {err}", path, toml_error_line(err)
        ) from err
