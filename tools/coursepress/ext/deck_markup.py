"""Valid HTML from sphinx-revealjs: every ``<section>`` a deck opens is closed.

sphinx-revealjs 3.2 closes a slide's wrapping ``<section>`` (a vertical stack)
only when the next section starts, so the last one of every deck stays open and
the Nu Html Checker reports "Unclosed element section". Browsers repair it, but
the decks are to be valid HTML; this mixin closes what is still open when the
document's top section ends. Added to whichever translator the deck builder
uses, so it composes with any other translator override.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

from docutils import nodes
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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
