"""Sound HTML from sphinx-revealjs: closed sections, links that land.

- sphinx-revealjs 3.2 closes a slide's wrapping ``<section>`` (a vertical
  stack) only when the next section starts, so the last one of every deck stays
  open and the Nu Html Checker reports "Unclosed element section". This mixin
  closes what is still open when the document's top section ends. The decks
  builder writes with ``DeckTranslator``, sphinx-revealjs's with this mixin.
- A cross-reference to another chapter becomes a link to that chapter's deck
  with the label as anchor (``07-….html#ch-being-a-safe-person``), but slides
  carry no ids, so the anchor lands nowhere (found by ``nox -s linkcheck``).
  Links from one deck to another lose their anchor: they open the deck. A link
  to a place in the same chapter (``#ex-sample``) opens that place in the book.

Both are the decks builder's own repairs (``builder.py``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri
from sphinx_revealjs.writers import RevealjsSlideTranslator

from ..audience import Audience, audience
from ..compat import current_builder


class ClosedSectionsMixin:
    """Close the vertical-stack ``<section>`` left open after the last slide."""

    section_level: int
    body: list[str]
    _nest_step: int

    def depart_section(self, node: nodes.section) -> None:
        super().depart_section(node)  # type: ignore[misc]
        if self.section_level == 0 and self._nest_step > 0:
            self.body.append("</section>\n" * self._nest_step)
            self._nest_step = 0


def open_sections(translator: Any) -> str:
    """The closing tags of the sections a slide translator left open: for slides
    written one by one, outside their chapter (the session decks)."""
    return "</section>\n" * translator._nest_step


class DeckToDeckLinks(SphinxPostTransform):
    """Links that would land on a slide's id: slides have none."""

    default_priority = 900  # after references are resolved and slides are made

    def run(self, **kwargs: Any) -> None:
        if audience(self.env) is not Audience.ROOM:
            return
        builder = current_builder(self.env)
        docname = self.env.docname
        book_page = relative_uri(builder.get_target_uri(docname), f"../{docname}.html")
        for ref in self.document.findall(nodes.reference):
            page, _, anchor = ref.get("refuri", "").partition("#")
            # A sibling deck: a bare file name (book pages are ../../x.html).
            if anchor and page.endswith(".html") and "/" not in page:
                ref["refuri"] = page
            elif "refid" in ref or (anchor and not page):
                # A place in this chapter: its book page has the id.
                ref["refuri"] = f"{book_page}#{ref.attributes.pop('refid', anchor)}"


class DeckTranslator(ClosedSectionsMixin, RevealjsSlideTranslator):
    """sphinx-revealjs's slide translator, its sections closed."""
