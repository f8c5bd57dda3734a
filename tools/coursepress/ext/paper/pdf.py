"""The book as a PDF: a single-page HTML with a lean print theme, through WeasyPrint.

The builder is Sphinx's single-page HTML builder with its own theme (the web
theme's CSS and fonts are slow in WeasyPrint and look wrong on paper). WeasyPrint
writes to a temporary file that replaces the target only when it succeeded, so a
failed build never leaves half a PDF. The single-page HTML's repairs
(``markup.py``) are the builder's own.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.util import logging

from coursepress.pdf import PDFRefusedError, PDFRenderError, render_pdf

from ..audience import Audience, Medium
from .markup import Renames, anchor_documents, fix_html, unique_ids
from .numbers import NumberedPrintTranslator

logger = logging.getLogger(__name__)


#: Over the print themes' A4: the US Letter editions (workbook, sheets).
LETTER_CSS = "@page { size: letter !important; }"


class PDFBuildError(SphinxError):
    category = "PDF build error"


def render(
    html: Path,
    target: Path,
    language: str,
    extra_css: str = "",
    root: Path | None = None,
) -> None:
    """``render_pdf`` for a builder: a failed render is a Sphinx build error.

    ``root``, the builder's output folder, is all WeasyPrint may read (the
    folder of ``html`` when not given). A page asking for anything else is
    the author's to fix: one error, no PDF, and the strict build fails.
    """
    try:
        render_pdf(html, target, language, extra_css, root)
    except PDFRefusedError as err:
        logger.error(str(err), type="course", subtype="pdf")
    except PDFRenderError as err:
        raise PDFBuildError(str(err)) from err


class CoursePDFBuilder(SingleFileHTMLBuilder):
    """``-b coursepdf``: ``<outdir>/<course_basename>.pdf`` and its HTML source."""

    name = "coursepdf"
    epilog = "The PDF is in %(outdir)s."
    # Numbers figures, tables and equations as Sphinx's singlehtml does.
    default_translator_class = NumberedPrintTranslator
    course_audience = Audience.READER
    course_medium = Medium.PRINT
    # A sized picture is not a link to its file: in a PDF that link would be
    # a file:// address on the build machine (and differ between checkouts).
    html_scaled_image_link = False
    course_id_renames: Renames  # ids renamed in the joined page (markup.py)

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return "coursepress-print", {}

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        self.course_id_renames = {}
        # Sphinx gives templates no ``author``; the print theme shows it on the
        # cover and WeasyPrint takes the PDF's Author from <meta name="author">.
        self.globalcontext["author"] = self.config.author

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        # The joined page's ids and anchors, repaired before it is written.
        self.course_id_renames = unique_ids(doctree, docname)
        anchor_documents(doctree)
        super().write_doc(docname, doctree)

    def handle_page(
        self, pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        # The same repairs in the rendered parts (the contents come from the toctree).
        for key in ("body", "toc"):
            if isinstance(addctx.get(key), str):
                addctx[key] = fix_html(addctx[key], self.course_id_renames)
        super().handle_page(pagename, addctx, *args, **kwargs)

    def finish(self) -> None:
        super().finish()
        html = Path(self.outdir, self.config.root_doc + self.out_suffix)
        target = Path(self.outdir, self.config.course_basename + ".pdf")
        render(html, target, self.config.language or "en")
