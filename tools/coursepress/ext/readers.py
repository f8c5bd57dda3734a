"""Reader outputs (book, PDF, EPUB): turn course nodes into standard docutils nodes.

Runs for every output whose audience (``audience.py``) is not the room. Facilitator-only
and slide-only nodes are removed here, before any writer or search indexer sees the
doctree; for the facilitator, notes and debriefs are shown as boxes instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from coursepress.course.exercise import PAIRING, PAIRING_SAID

from .audience import Audience, audience
from .nodes import (
    FACILITATOR_ONLY,
    SLIDES_ONLY,
    course_block,
    exercise,
    exercise_debrief,
    exercise_prompts,
    facilitator_note,
    speaker_notes,
)
from .web.search import NO_SEARCH

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Boxes every chapter repeats: kept out of search results (see ``search``).
UNSEARCHED_BLOCKS = frozenset({"content-note"})


def exercise_meta(node: exercise) -> str:
    """One line a participant reads first: time, format and what to bring."""
    parts = [f"{node['duration']} minutes", node["format"].capitalize()]
    if node.get("pairs") == PAIRING:
        parts.append(PAIRING_SAID)
    if node["materials"]:
        parts.append("You need: " + "; ".join(node["materials"]))
    return " · ".join(parts)


SAFEGUARDS_TITLE = "Go gently"


def safeguards_box(node: exercise) -> nodes.container | None:
    """The exercise's safeguards, under a heading, wherever it is done."""
    lines = node.get("safeguards") or []
    if not lines:
        return None
    box = nodes.container(classes=["exercise-safeguards"])
    box += nodes.rubric(text=SAFEGUARDS_TITLE)
    items = nodes.bullet_list()
    for line in lines:
        items += nodes.list_item("", nodes.paragraph(text=line))
    box += items
    return box


def exercise_title(node: exercise) -> str:
    return f"Exercise {node.get('number', '')}: {node['title']}"


def _admonition(title: str, classes: list[str], **attributes: Any) -> nodes.admonition:
    box = nodes.admonition(classes=classes, **attributes)
    box += nodes.title(text=title)
    return box


def _boxed(node: nodes.Element, title: str, kind: str) -> nodes.admonition:
    box = _admonition(title, ["course-block", kind])
    box += node.children
    return box


class ReaderOutputs(SphinxPostTransform):
    """Readers see boxes and numbered exercises; never notes or slide bullets."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        reader = audience(self.env)
        if reader is Audience.ROOM:
            return
        if reader is Audience.FACILITATOR:
            for node in list(self.document.findall(facilitator_note)):
                node.replace_self(
                    _boxed(node, "Facilitator notes", "facilitator-notes")
                )
            for node in list(self.document.findall(exercise_debrief)):
                node.replace_self(_boxed(node, "Debrief questions", "debrief"))
        for node_class in (*FACILITATOR_ONLY, *SLIDES_ONLY, speaker_notes):
            for node in list(self.document.findall(node_class)):
                node.parent.remove(node)
        for node in list(self.document.findall(exercise_prompts)):
            box = nodes.container(classes=["exercise-prompts"])
            box += nodes.rubric(text="Questions to consider")
            box += node.children
            node.replace_self(box)
        for node in list(self.document.findall(course_block)):
            classes = ["course-block", node["kind"]]
            if node["kind"] in UNSEARCHED_BLOCKS:
                classes.append(NO_SEARCH)
            box = _admonition(node["title"], classes)
            box += node.children
            node.replace_self(box)
        for node in list(self.document.findall(exercise)):
            box = _admonition(exercise_title(node), ["exercise"], ids=node["ids"])
            box += nodes.paragraph(text=exercise_meta(node), classes=["exercise-meta"])
            if (safeguards := safeguards_box(node)) is not None:
                box += safeguards
            box += node.children
            node.replace_self(box)


def setup_readers(app: Sphinx) -> None:
    app.add_post_transform(ReaderOutputs)
