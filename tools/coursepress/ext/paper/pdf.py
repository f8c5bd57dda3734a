"""The book as a PDF: a single-page HTML with a lean print theme, through WeasyPrint.

The builder is Sphinx's single-page HTML builder with its own theme (the web
theme's CSS and fonts are slow in WeasyPrint and look wrong on paper). WeasyPrint
writes to a temporary file that replaces the target only when it succeeded, so a
failed build never leaves half a PDF.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.util import logging

from coursepress import __version__
from coursepress.pdf import PDFRenderError, render_pdf
from coursepress.resources import THEMES

from .markup import PrintTranslator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class PDFBuildError(SphinxError):
    category = "PDF build error"


def render(html: Path, target: Path, language: str, extra_css: str = "") -> None:
    """``render_pdf`` for a builder: a failed render is a Sphinx build error."""
    try:
        render_pdf(html, target, language, extra_css)
    except PDFRenderError as err:
        raise PDFBuildError(str(err)) from err


class CoursePDFBuilder(SingleFileHTMLBuilder):
    """``-b coursepdf``: ``<outdir>/<course_basename>.pdf`` and its HTML source."""

    name = "coursepdf"
    epilog = "The PDF is in %(outdir)s."
    default_translator_class = PrintTranslator

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return "coursepress-print", {}

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        # Sphinx gives templates no ``author``; the print theme shows it on the
        # cover and WeasyPrint takes the PDF's Author from <meta name="author">.
        self.globalcontext["author"] = self.config.author

    def finish(self) -> None:
        super().finish()
        html = Path(self.outdir, self.config.root_doc + self.out_suffix)
        target = Path(self.outdir, self.config.course_basename + ".pdf")
        render(html, target, self.config.language or "en")


from .handouts import GuideBuilder, WorkbookBuilder  # noqa: E402  (they subclass the above)
from .numbers import setup_print_numbers  # noqa: E402


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("coursepress.ext")
    app.add_builder(CoursePDFBuilder)
    app.add_builder(GuideBuilder)
    app.add_builder(WorkbookBuilder)
    app.add_html_theme("coursepress-print", str(THEMES / "print"))
    setup_print_numbers(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
