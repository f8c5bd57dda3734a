"""Figure, table and equation numbers in the single-page print builders.

Sphinx looks a caption's number up by document only for a builder whose name is
``singlehtml``; the PDF builders (``coursepdf``, ``guidepdf``, ``workbookpdf``)
are single-page builders under other names, so their captions and equations
had no number while ``{numref}`` and ``{eq}`` said "Fig. 1" and "(1)". Their
translator answers those look-ups as the single-page builder it is.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .markup import PrintTranslator

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes


@contextmanager
def _as_single_page(builder: Any) -> Iterator[None]:
    if not isinstance(builder, SingleFileHTMLBuilder) or builder.name == "singlehtml":
        yield
        return
    name = builder.name
    builder.name = "singlehtml"  # the name Sphinx's look-ups test, nothing else
    try:
        yield
    finally:
        builder.name = name


class NumberedPrintTranslator(PrintTranslator):
    def add_fignumber(self, node: nodes.Element) -> None:
        with _as_single_page(self.builder):
            super().add_fignumber(node)

    def get_secnumber(self, node: nodes.Element) -> tuple[int, ...] | None:
        with _as_single_page(self.builder):
            return super().get_secnumber(node)

    def visit_math_block(self, node: nodes.Element) -> None:
        with _as_single_page(self.builder):
            super().visit_math_block(node)
