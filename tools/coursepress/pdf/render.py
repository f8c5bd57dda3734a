"""Render single-page HTML to a tagged PDF with WeasyPrint, atomically, when needed.

No Sphinx here: the builders (book, guide, workbooks, sheets, session prints) call
``render_pdf`` and turn ``PDFRenderError`` into their own build error.
"""

from __future__ import annotations

import logging
import sys
from importlib import metadata
from pathlib import Path

from coursepress.stamps import forget, is_current, remember

from .stamp import pdf_digest

logger = logging.getLogger(__name__)


class PDFRenderError(Exception):
    """WeasyPrint could not render: no PDF was written, the old one is gone."""


#: Modules whose code decides the PDF's bytes besides WeasyPrint's own.
_RENDER_MODULES = (
    "render",
    "stamp",
    "speedups.fixedboxes",
    "speedups.gcpause",
    "speedups.pagerefs",
    "speedups.pagestreams",
    "speedups.pagestyles",
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
        path = (
            Path(loaded)
            if loaded
            else here.joinpath(*name.split(".")).with_suffix(".py")
        )
        parts.append(name + "\0" + path.read_text(encoding="utf-8"))
    return parts


def render_pdf(html: Path, target: Path, language: str, extra_css: str = "") -> None:
    """Render ``html`` to ``target`` as a tagged PDF (PDF/UA), atomically.

    Skipped when the HTML, its stylesheets and images, and this code are byte
    for byte what rendered ``target`` last time (see ``stamp``).
    """
    digest = pdf_digest(html, extra_css, language, *engine_fingerprint())
    if is_current(target, digest):
        logger.info(f"{target.name} is up to date: its HTML did not change")
        return
    forget(target)
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import CSS, HTML

    from .speedups.fixedboxes import install as skip_pages_without_fixed_boxes
    from .speedups.gcpause import fewer_collections
    from .speedups.pagerefs import install as keep_page_references
    from .speedups.pagestreams import install as pack_page_streams
    from .speedups.pagestyles import install as look_up_page_styles

    # WeasyPrint 70 is quadratic in the page count in three places, and holds
    # every page's drawing uncompressed until the end: see each module.
    keep_page_references()
    look_up_page_styles()
    skip_pages_without_fixed_boxes()
    pack_page_streams()

    # WeasyPrint logs every CSS property it does not support; keep real errors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
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
        raise PDFRenderError(f"WeasyPrint could not render {html}: {err}") from err
    partial.replace(target)
    remember(target, digest)
