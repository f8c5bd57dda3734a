"""Sound HTML from sphinx-revealjs: closed sections, links that land.

- sphinx-revealjs 3.2 closes a slide's wrapping ``<section>`` (a vertical
  stack) only when the next section starts, so the last one of every deck stays
  open and the Nu Html Checker reports "Unclosed element section". This mixin
  closes what is still open when the document's top section ends. It is added to
  whichever translator the deck builder uses, so it composes with others.
- A cross-reference to another chapter becomes a link to that chapter's deck
  with the label as anchor (``07-….html#ch-being-a-safe-person``), but slides
  carry no ids, so the anchor lands nowhere (found by ``nox -s linkcheck``).
  Links from one deck to another lose their anchor: they open the deck. A link
  to a place in the same chapter (``#ex-sample``) opens that place in the book.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri
from sphinx_revealjs.builders import RevealjsHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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


class DeckToDeckLinks(SphinxPostTransform):
    """Links that would land on a slide's id: slides have none."""

    default_priority = 900  # after references are resolved and slides are made

    def run(self, **kwargs: Any) -> None:
        builder = self.app.builder
        if not isinstance(builder, RevealjsHTMLBuilder):
            return
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


def _install(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, RevealjsHTMLBuilder):
        return
    base = app.registry.translators.get(builder.name, builder.default_translator_class)
    if issubclass(base, ClosedSectionsMixin):
        return
    translator = types.new_class(
        "ClosedSectionsTranslator", (ClosedSectionsMixin, base)
    )
    app.set_translator(builder.name, translator, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _install)
    app.add_post_transform(DeckToDeckLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
