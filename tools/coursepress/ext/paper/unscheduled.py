"""Modules that no workshop format schedules, in the facilitator guide.

The guide is built session by session from ``slides/formats``: a module no
session names (a new chapter 10, say) dropped out of it without a word. Its
notes now follow the sessions under a heading of their own, and the build
warns, naming the chapter, that no run sheet or session deck has it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

SECTION_TITLE = "Modules in no workshop format"


def unscheduled_modules(
    chapters: Iterable[Any],
    covered: set[int],
    formats_dir: str,
    module_notes: Callable[[Any], nodes.section],
) -> list[nodes.section]:
    """A section with the notes of every module no session covers (warned)."""
    missing = [c for c in chapters if c.module not in covered]
    if not missing:
        return []
    section = nodes.section(ids=["unscheduled-modules"])
    section += nodes.title(text=SECTION_TITLE)
    section += nodes.paragraph(
        text="No session of the workshop formats teaches these modules yet, so "
        "no run sheet or session deck has them. Their notes are here for "
        "planning."
    )
    shown = "/".join(Path(formats_dir).parts[-2:])  # slides/formats
    for chapter in missing:
        logger.warning(
            f"module {chapter.module} ({chapter.title!r}) is in no session of the "
            f"workshop formats in {shown}: add it to a session's plan, or "
            "the run sheets and session decks leave it out (the facilitator "
            f"guide lists it under {SECTION_TITLE!r})",
            location=(chapter.docname, 1),
            type="course",
            subtype="format",
        )
        section += module_notes(chapter)
    return [section]
