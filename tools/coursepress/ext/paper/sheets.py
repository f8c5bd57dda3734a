"""Printable sheets: each MyST file of ``book/sheets/`` becomes its own PDF.

``sheets/conf.py`` (in ``book/sheets/``) makes them a small Sphinx project of
their own, so the book never shows a form to fill in. The ``sheetpdf`` builder
writes each sheet as a page of the ``coursepress-sheet`` theme (the print theme
without cover or contents) and renders it with WeasyPrint, like the book's PDF.

Two directives give room to write:
- ``{write-space} N``: N ruled lines (1 to 12);
- ``{fill-in}``: one labelled line per line of its content ("Name", "Date");
``{choices}`` gives a box to tick per line, and ``{new-page}`` starts a new page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from coursepress.course.layout import sheet_pdf
from coursepress.resources import THEMES

from ..audience import Audience, Medium
from ..authoring.forms import fill_in, write_space
from .pdf import LETTER_CSS, render

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
MAX_LINES = 12
#: US Letter is 18 mm shorter than A4 and a little wider: a figure as wide as the
#: text would grow taller and push a one-page sheet onto a second page.
SHEET_LETTER_CSS = (
    LETTER_CSS + " .sheet figure img { width: auto !important; max-height: 72mm; }"
)


class WriteSpaceDirective(SphinxDirective):
    """``{write-space} 4``: four ruled lines to write on."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        text = self.arguments[0] if self.arguments else "3"
        if not text.isdigit() or not 1 <= int(text) <= MAX_LINES:
            raise self.error(
                f"write-space takes a number of lines from 1 to {MAX_LINES}, "
                f"not {text!r}"
            )
        return [write_space(int(text))]


class FillInDirective(SphinxDirective):
    """``{fill-in}``: a labelled line to write on for each line of the content."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        labels = [line.strip() for line in self.content if line.strip()]
        if not labels:
            raise self.error("fill-in is empty: write one label per line, e.g. 'Name'")
        return [fill_in(labels)]


class ChoicesDirective(SphinxDirective):
    """``{choices}``: boxes to tick, one per line of the content ("Yes", "No")."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        labels = [line.strip() for line in self.content if line.strip()]
        if len(labels) < 2:
            raise self.error("choices needs at least two lines, one per box to tick")
        para = nodes.paragraph(classes=["choices"])
        for label in labels:
            para += nodes.inline("", f"\u2610 {label}", classes=["choice"])
            para += nodes.Text(" ")
        return [para]


class NewPageDirective(SphinxDirective):
    """``{new-page}``: what follows starts a new page (a part to sign and hand back)."""

    def run(self) -> list[nodes.Node]:
        return [nodes.container(classes=["new-page"])]


class SheetBuilder(StandaloneHTMLBuilder):
    """``-b sheetpdf``: ``<outdir>/<sheet>.pdf`` for every sheet but the index."""

    name = "sheetpdf"
    epilog = "The sheets are in %(outdir)s."
    course_audience = Audience.READER  # filled in by participants (and facilitators)
    course_medium = Medium.PRINT
    search = False
    copysource = False
    # A sized picture is not a link to its file: in a PDF that link would be
    # a file:// address on the build machine (and differ between checkouts).
    html_scaled_image_link = False

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return "coursepress-sheet", {}

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        # As for the book: the PDF's Author comes from <meta name="author">.
        self.globalcontext["author"] = self.config.author

    def finish(self) -> None:
        super().finish()
        outdir = Path(self.outdir)
        # A sheet since removed: its PDFs go with the rest (ext/outputs.py).
        for docname in sorted(self.env.found_docs):
            if docname == self.config.root_doc:
                continue
            slug = Path(docname).name
            # A4, and US Letter for groups that print on it (as the workbook).
            for target, css in (
                (outdir / sheet_pdf(slug), ""),
                (outdir / sheet_pdf(slug, letter=True), SHEET_LETTER_CSS),
            ):
                render(
                    outdir / f"{docname}{self.out_suffix}",
                    target,
                    self.config.language or "en",
                    extra_css=css,
                    root=outdir,
                )


def setup_sheets(app: Sphinx) -> None:
    app.add_directive("write-space", WriteSpaceDirective)
    app.add_directive("fill-in", FillInDirective)
    app.add_directive("new-page", NewPageDirective)
    app.add_directive("choices", ChoicesDirective)
    app.add_builder(SheetBuilder)
    app.add_html_theme("coursepress-sheet", str(THEMES / "sheet"))
