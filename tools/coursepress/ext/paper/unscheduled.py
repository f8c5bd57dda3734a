"""Modules that no workshop format schedules, in the facilitator guide.

The guide is built session by session from ``slides/formats``: a module no
session names (a new chapter 10, say) dropped out of it without a word. Its
notes now follow the sessions under a heading of their own. Every build warns,
naming the chapter, that no run sheet or session deck has it
(``authoring/sessions.py``, ``check_formats``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from docutils import nodes

SECTION_TITLE = "Chapters in no workshop format"


def unscheduled_modules(
    chapters: Iterable[Any],
    covered: set[int],
    module_notes: Callable[[Any], nodes.section],
) -> list[nodes.section]:
    """A section with the notes of every module no session covers."""
    missing = [c for c in chapters if c.module not in covered]
    if not missing:
        return []
    section = nodes.section(ids=["unscheduled-modules"])
    section += nodes.title(text=SECTION_TITLE)
    section += nodes.paragraph(
        text="No session of the workshop formats teaches these chapters yet, so "
        "no run sheet or session deck has them. Their notes are here for "
        "planning."
    )
    for chapter in missing:
        section += module_notes(chapter)
    return [section]
