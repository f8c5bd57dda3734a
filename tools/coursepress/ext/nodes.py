"""Neutral doctree nodes of the course.

Directives emit these; a post-transform chosen by the builder turns them into
standard docutils nodes (reader outputs) or slide structure (decks). No builder
renders them directly, so a new output format degrades to "not shown".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class facilitator_note(nodes.General, nodes.Element):
    """Notes for facilitators: speaker notes and the guide, never reader outputs."""


class slide_bullets(nodes.General, nodes.Element):
    """The bullets the author chose for a section's slide."""


class course_block(nodes.General, nodes.Element):
    """A titled box for readers and a slide of its own: objectives, key points..."""


class exercise(nodes.General, nodes.Element):
    """An exercise loaded from ``exercises/``: attributes carry its metadata."""


class exercise_prompts(nodes.General, nodes.Element):
    """Questions a participant answers (shown to readers and participants)."""


class exercise_debrief(nodes.General, nodes.Element):
    """Debrief questions: facilitators only."""


class speaker_notes(nodes.General, nodes.Element):
    """A slide's speaker notes, rendered as reveal.js ``<aside class="notes">``."""


def visit_speaker_notes(self: Any, node: speaker_notes) -> None:
    # Keep the notes' structure (lists, emphasis, links): the notes plugin shows HTML.
    self.body.append('<aside class="notes">')


def depart_speaker_notes(self: Any, node: speaker_notes) -> None:
    self.body.append("</aside>\n")


class placeholder(nodes.General, nodes.Element):
    """Content computed from the whole course at write time (sources, downloads)."""


#: Nodes whose text must never reach a reader (book, PDF, EPUB, workbook).
FACILITATOR_ONLY: tuple[type[nodes.Element], ...] = (
    facilitator_note,
    exercise_debrief,
)

#: Nodes that exist only for the decks.
SLIDES_ONLY: tuple[type[nodes.Element], ...] = (slide_bullets,)

ALL_NODES: tuple[type[nodes.Element], ...] = (
    facilitator_note,
    slide_bullets,
    course_block,
    exercise,
    exercise_prompts,
    exercise_debrief,
    speaker_notes,
    placeholder,
)
