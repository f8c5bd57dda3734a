"""Figure, table and equation numbers in the single-page print builders.

Sphinx looks a caption's number up by document only for a builder whose name is
``singlehtml``; the PDF builders (``coursepdf``, ``guidepdf``, ``workbookpdf``)
are single-page builders under other names, so their captions and equations
had no number while ``{numref}`` and ``{eq}`` said "Fig. 1" and "(1)". Their
translator answers those look-ups as the single-page builder it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import as_single_page_builder
from .markup import PrintTranslator

if TYPE_CHECKING:
    from docutils import nodes


class NumberedPrintTranslator(PrintTranslator):
    def add_fignumber(self, node: nodes.Element) -> None:
        with as_single_page_builder(self.builder):
            super().add_fignumber(node)

    def get_secnumber(self, node: nodes.Element) -> tuple[int, ...] | None:
        with as_single_page_builder(self.builder):
            return super().get_secnumber(node)

    def visit_math_block(self, node: nodes.Element) -> None:
        with as_single_page_builder(self.builder):
            super().visit_math_block(node)
