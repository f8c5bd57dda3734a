"""Substitutions (``{{ name }}`` in MyST) from ``course.toml``'s ``[substitutions]``.

A value is inline MyST. A crisis number in a value becomes the same ``tel:`` link
as on the crisis page (the ``{crisis-call}`` role), so "call {{ helpline }}"
dials what the crisis page dials. A phone-like number that is in no
``[[crisis]]`` table is refused: crisis numbers are typed in one place only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .crisis import CourseFileError, CrisisLine

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Six or more digits, maybe with spaces or dashes: what reads as a phone number.
_PHONE = re.compile(r"\+?\d[\d -]{4,}\d")


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def load_substitutions(
    table: Any, crisis: Iterable[CrisisLine], text: str, path: Path
) -> tuple[tuple[str, str], ...]:
    """``[substitutions]`` as (name, MyST) pairs; a bad entry names its line."""
    if table is None:
        return ()
    if not isinstance(table, dict):
        raise CourseFileError(
            'substitutions must be a table: [substitutions] then name = "text"',
            path,
            _line_of(text, r"^\s*substitutions\b"),
        )
    pairs = []
    for name, value in table.items():
        line = _line_of(text, rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
        if not _NAME.match(name):
            raise CourseFileError(
                f"substitution name {name!r}: use letters, digits and _ only "
                "(it is written {{ name }} in a chapter)",
                path,
                line,
            )
        if not isinstance(value, str):
            raise CourseFileError(
                f"substitution {name!r} must be text in quotes", path, line
            )
        try:
            pairs.append((name, link_crisis_numbers(name, value, crisis)))
        except ValueError as err:
            raise CourseFileError(str(err), path, line) from err
    return tuple(pairs)


def crisis_numbers(lines: Iterable[CrisisLine]) -> set[str]:
    """Every number a crisis line gives to call, as written."""
    return {number for line in lines for number in line.call}


def link_crisis_numbers(name: str, value: str, crisis: Iterable[CrisisLine]) -> str:
    """``value`` with each crisis number as ``{crisis-call}``; ValueError for others."""
    known = sorted(crisis_numbers(crisis), key=len, reverse=True)
    pieces = [value]
    if known:
        number = "|".join(map(re.escape, known))
        pieces = re.split(rf"(?<![\d+])({number})(?!\d)", value)
    # split() with one group: odd indices are the crisis numbers themselves.
    for piece in pieces[::2]:
        if stray := _PHONE.search(piece):
            raise ValueError(
                f"substitution {name!r} gives the number {stray.group(0)!r}, which "
                "no [[crisis]] table has: add the line there (crisis numbers are "
                "typed in one place only)"
            )
    return "".join(
        "{crisis-call}`" + piece + "`" if index % 2 else piece
        for index, piece in enumerate(pieces)
    )
