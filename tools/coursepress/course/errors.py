"""Errors in a course's own files, each naming the file, the line and what to do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .locations import display_path
from .nesting import toml_too_deep_line, too_deep

#: The largest text file an author writes (a chapter, an exercise, a TOML or
#: .bib file): ten times the longest chapter. Anything larger is a mistake (a
#: pasted export, a file saved over by something else) and would only slow the
#: build down before failing it.
MAX_TEXT_BYTES = 1_000_000


class CourseFileError(ValueError):
    """A course file that cannot be used; ``str()`` is ``path:line: message``.

    ``message`` alone is what to fix, for places (Sphinx's logger) that show the
    location themselves.
    """

    def __init__(self, message: str, path: Path, line: int) -> None:
        super().__init__(f"{display_path(path)}:{line}: {message}")
        self.message, self.path, self.line = message, path, line


def toml_error_line(err: tomllib.TOMLDecodeError, text: str = "") -> int:
    """The 1-based line tomllib names in its message ("... (at line 3, column 5)").

    A file cut short fails "at end of document": its last line that has text.
    """
    # Python 3.11 to 3.13 give the position only in the message's text.
    lineno = getattr(err, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    match = re.search(r"line (\d+)", str(err))
    if match:
        return int(match.group(1))
    if "end of document" in str(err):
        return text.rstrip().count("\n") + 1
    return 1


def too_large(size: int) -> str:
    """The message for a text file of ``size`` bytes over MAX_TEXT_BYTES."""
    return (
        f"the file is {size / 1e6:.1f} MB, over the limit of "
        f"{MAX_TEXT_BYTES / 1e6:.0f} MB for a text file: split it, or check "
        "that it is the file you meant to save here"
    )


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The text of an author's file, or CourseFileError (too large, not UTF-8)."""
    size = path.stat().st_size  # before reading: a huge file is not read at all
    if size > MAX_TEXT_BYTES:
        raise CourseFileError(too_large(size), path, 1)
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        before = data[: err.start]
        column = err.start - before.rfind(b"\n")
        raise CourseFileError(
            f"not UTF-8 (byte 0x{data[err.start]:02x} at column {column}): save "
            "the file as UTF-8 in your editor (or check that it is a text file)",
            path,
            before.count(b"\n") + 1,
        ) from err


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's tables and its text, or CourseFileError at the broken line."""
    text = read_text(path)
    # Before parsing: tomllib recurses once per level and would end in a
    # RecursionError traceback.
    deep_line = toml_too_deep_line(text)
    if deep_line is not None:
        raise CourseFileError(too_deep(), path, deep_line)
    try:
        return tomllib.loads(text), text
    except RecursionError:  # only if called from a very deep stack already
        raise CourseFileError(too_deep(), path, 1) from None
    except tomllib.TOMLDecodeError as err:
        raise CourseFileError(
            f"invalid TOML: {err}: check the quotes, brackets and commas here, "
            "and that no key is given twice",
            path,
            toml_error_line(err, text),
        ) from err
