"""A chapter's outline in deck order: teaching, exercises, the discussion questions.

The decks show a section's slide, then the activity slides of the exercises inside
it; the discussion questions have a slide where the chapter places them. The
outline follows that order, counting the running prose of each stretch of teaching
between them, so the workshop formats can share the chapter's teaching minutes
between those stretches and list a run sheet in the order the room sees it.
"""

from __future__ import annotations

from docutils import nodes

from coursepress.course.formats import Piece

from ..nodes import course_block, exercise, facilitator_note, slide_bullets

#: Not running prose: the deck shows them elsewhere, or they repeat the prose.
_NOT_PROSE = (exercise, course_block, facilitator_note, slide_bullets, nodes.title)


def prose_words(node: nodes.Node) -> int:
    if isinstance(node, _NOT_PROSE):
        return 0
    if isinstance(node, nodes.Text):
        return len(node.astext().split())
    return sum(prose_words(child) for child in node.children)


def _is_marker(node: nodes.Node) -> bool:
    return isinstance(node, exercise) or (
        isinstance(node, course_block) and node.get("kind") == "discussion"
    )


def _markers(section: nodes.section) -> list[nodes.Element]:
    """Exercises and discussion blocks of a section, not nested in another."""
    found = []
    for node in section.findall(_is_marker):
        parent, nested = node.parent, False
        while parent is not None and parent is not section:
            nested = nested or isinstance(parent, (exercise, course_block))
            parent = parent.parent
        if not nested:
            found.append(node)
    return found


def chapter_outline(top: nodes.section) -> tuple[Piece, ...]:
    """Teaching and markers alternating, starting and ending with teaching."""
    pieces: list[Piece] = []
    words, title = 0, ""

    def mark(node: nodes.Element) -> None:
        nonlocal words, title
        pieces.append(Piece("teaching", words=words, title=title))
        words, title = 0, ""
        if isinstance(node, exercise):
            pieces.append(Piece("exercise", name=node["name"]))
        else:
            pieces.append(Piece("discussion"))

    for child in top.children[1:]:
        if isinstance(child, nodes.section):
            if not title and child.children:
                title = child[0].astext()
            words += prose_words(child)
            for node in _markers(child):
                mark(node)
        elif _is_marker(child):
            mark(child)
        else:
            words += prose_words(child)
    pieces.append(Piece("teaching", words=words, title=title))
    return tuple(pieces)
