"""Decks: each footnote joins the speaker notes of the slide that cites it.

MyST puts a chapter's footnotes at the end of the document, after its last
section. In a deck that is inside ``div.slides`` but outside every slide, and
reveal.js drew the footnote over every slide of the chapter. Moved into the
``##`` section that first refers to it (or the chapter's opening, before the
first section), a footnote goes to that slide's speaker notes with the prose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..audience import Audience, audience

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _home(ref: nodes.Node, top: nodes.section) -> nodes.Element:
    """The ``##`` section holding ``ref``, or the chapter's top section."""
    node, section = ref, top
    while node is not None and node is not top:
        if isinstance(node, nodes.section) and node.parent is top:
            section = node
        node = node.parent
    return section


class FootnotesToNotes(SphinxPostTransform):
    default_priority = 199  # before the deck slides are made (200)

    def run(self, **kwargs: Any) -> None:
        if audience(self.env) is not Audience.ROOM:
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        for rule in list(self.document.findall(nodes.transition)):
            if "footnotes" in rule["classes"] and rule.parent is self.document:
                rule.parent.remove(rule)
        refs: dict[str, nodes.footnote_reference] = {}
        for ref in self.document.findall(nodes.footnote_reference):
            refs.setdefault(ref.get("refid", ""), ref)
        for note in list(self.document.findall(nodes.footnote)):
            if note.parent is not self.document:
                continue  # already inside a section: it goes where it stands
            first = next((refs[i] for i in note["ids"] if i in refs), None)
            home = top if first is None else _home(first, top)
            note.parent.remove(note)
            if home is top:
                # Before the first ## section: the title slide's notes.
                index = next(
                    (
                        i
                        for i, child in enumerate(top.children)
                        if isinstance(child, nodes.section)
                    ),
                    len(top.children),
                )
                top.insert(index, note)
            else:
                home += note


def setup_deck_footnotes(app: Sphinx) -> None:
    app.add_post_transform(FootnotesToNotes)
