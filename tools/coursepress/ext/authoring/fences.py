"""An unclosed fence fails the build, naming the line where it opened.

MyST, like CommonMark, lets a code fence (```` ``` ````, ``~~~``) or a directive's
colon fence (``:::``) that is never closed run to the end of the document: the
rest of the chapter silently becomes code, or the body of a box, and the build
passes. This check reads each source as markdown-it does (a fence closes at
the first line of at least as many of its characters and nothing else; what is
inside a colon fence is read again, so nested directives are checked too).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

_OPENER = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")


def _closes(line: str, char: str, length: int) -> bool:
    stripped = line.strip()
    return len(stripped) >= length and stripped == char * len(stripped)


def unclosed_fence(
    lines: list[str], start: int = 0, end: int | None = None
) -> tuple[int, int | None] | None:
    """The first fence in ``lines[start:end]`` that is never closed.

    Returns its index and, when it sits inside a directive, the index of that
    directive's fence (whose closing line it may have taken), else None.
    """
    end = len(lines) if end is None else end
    index = start
    while index < end:
        match = _OPENER.match(lines[index])
        if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
            index += 1
            continue
        char, length = match["fence"][0], len(match["fence"])
        close = next(
            (n for n in range(index + 1, end) if _closes(lines[n], char, length)), None
        )
        if close is None:
            return index, None
        if char == ":":  # a directive's body: its own fences must close inside it
            inner = unclosed_fence(lines, index + 1, close)
            if inner is not None:
                return inner[0], inner[1] if inner[1] is not None else index
        index = close + 1
    return None


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.env.doc2path(docname).suffix != ".md":
        return
    lines = source[0].splitlines()
    found = unclosed_fence(lines)
    if found is None:
        return
    index, parent = found
    opening = lines[index].strip()
    fence = _OPENER.match(lines[index])["fence"]  # type: ignore[index]
    if parent is None:
        message = (
            f"unclosed fence {opening!r}: everything after it would be swallowed; "
            f"close it with a line of {fence!r}"
        )
    else:
        outer = lines[parent].strip()
        message = (
            f"fence {opening!r} is not closed inside {outer!r} (line {parent + 1}): "
            f"close {outer!r} before this line, or close this one inside it"
        )
    logger.warning(
        message, location=(docname, index + 1), type="course", subtype="fence"
    )


def setup_fences(app: Sphinx) -> None:
    app.connect("source-read", _check)
