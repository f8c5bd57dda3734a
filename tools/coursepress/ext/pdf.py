"""The book as a PDF: a single-page HTML with a lean print theme, through WeasyPrint.

The builder is Sphinx's single-page HTML builder with its own theme (the web
theme's CSS and fonts are slow in WeasyPrint and look wrong on paper). WeasyPrint
writes to a temporary file that replaces the target only when it succeeded, so a
failed build never leaves half a PDF.
"""

from __future__ import annotations

import logging as std_logging
import sys
from collections.abc import Set
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.util import logging

from coursepress import __version__

from .print_markup import PrintTranslator
from .renderstamp import forget, is_current, pdf_digest, remember

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
THEMES = Path(__file__).resolve().parent.parent / "themes"


class PDFBuildError(SphinxError):
    category = "PDF build error"


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
        render_pdf(html, target, self.config.language or "en")


#: Modules whose code decides the PDF's bytes besides WeasyPrint's own.
_RENDER_MODULES = (
    "pdf",
    "fixedboxes",
    "gcpause",
    "pagerefs",
    "pagestreams",
    "pagestyles",
)
#: The engine: a new release of either may lay out or write differently.
_ENGINE = ("weasyprint", "pydyf")


def engine_fingerprint() -> list[str]:
    """What renders a PDF besides its HTML: the engine's versions and our patches.

    Part of the render stamp, so an upgrade of WeasyPrint or pydyf, or an edit
    to a speed-up that patches them, renders the PDF again instead of keeping
    the one the old code wrote.
    """
    parts = [f"{name}=={metadata.version(name)}" for name in _ENGINE]
    here = Path(__file__).resolve().parent
    for name in _RENDER_MODULES:
        # The loaded module's file where it is loaded (the same file otherwise);
        # read, not imported: an up-to-date PDF must not load WeasyPrint.
        module = sys.modules.get(f"{__package__}.{name}")
        loaded = getattr(module, "__file__", None)
        path = Path(loaded) if loaded else here / f"{name}.py"
        parts.append(name + "\0" + path.read_text(encoding="utf-8"))
    return parts


def render_pdf(html: Path, target: Path, language: str, extra_css: str = "") -> None:
    """Render ``html`` to ``target`` as a tagged PDF (PDF/UA), atomically.

    Skipped when the HTML, its stylesheets and images, and this code are byte
    for byte what rendered ``target`` last time (see ``renderstamp``).
    """
    digest = pdf_digest(html, extra_css, language, *engine_fingerprint())
    if is_current(target, digest):
        logger.info(f"{target.name} is up to date: its HTML did not change")
        return
    forget(target)
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import CSS, HTML

    from .fixedboxes import install as skip_pages_without_fixed_boxes
    from .gcpause import fewer_collections
    from .pagerefs import install as keep_page_references
    from .pagestreams import install as pack_page_streams
    from .pagestyles import install as look_up_page_styles

    # WeasyPrint 70 is quadratic in the page count in three places, and holds
    # every page's drawing uncompressed until the end: see each module.
    keep_page_references()
    look_up_page_styles()
    skip_pages_without_fixed_boxes()
    pack_page_streams()

    # WeasyPrint logs every CSS property it does not support; keep real errors.
    std_logging.getLogger("weasyprint").setLevel(std_logging.ERROR)
    partial = target.with_name(f".{target.name}.partial")
    logger.info(f"rendering {target.name} with WeasyPrint")
    try:
        stylesheets = [CSS(string=extra_css)] if extra_css else None
        with fewer_collections():
            HTML(filename=str(html)).write_pdf(
                str(partial),
                stylesheets=stylesheets,
                pdf_variant="pdf/ua-1",
                pdf_tags=True,
                custom_metadata=True,
            )
    except Exception as err:  # WeasyPrint raises many kinds; all mean "no PDF"
        partial.unlink(missing_ok=True)
        raise PDFBuildError(f"WeasyPrint could not render {html}: {err}") from err
    partial.replace(target)
    remember(target, digest)


from .handouts import GuideBuilder, WorkbookBuilder  # noqa: E402  (they subclass the above)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("coursepress.ext")
    app.add_builder(CoursePDFBuilder)
    app.add_builder(GuideBuilder)
    app.add_builder(WorkbookBuilder)
    app.add_html_theme("coursepress-print", str(THEMES / "print"))
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
