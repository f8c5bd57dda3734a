"""Render single-page HTML to a tagged PDF with WeasyPrint, atomically, when needed.

No Sphinx here: the builders (book, guide, workbooks, sheets, session prints) call
``render_pdf`` and turn ``PDFRenderError`` into their own build error.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from coursepress.files import atomic_path
from coursepress.publishing.stamps import forget, is_current, remember

from .engine import engine
from .errors import PDFRefusedError, PDFRenderError
from .fetcher import build_only_fetcher, page_url
from .stamp import engine_fingerprint, pdf_digest

logger = logging.getLogger(__name__)

__all__ = ["PDFRefusedError", "PDFRenderError", "render_pdf"]


def render_pdf(
    html: Path,
    target: Path,
    language: str,
    extra_css: str = "",
    root: Path | None = None,
) -> None:
    """Render ``html`` to ``target`` as a tagged PDF (PDF/UA), atomically.

    Skipped when the HTML, its stylesheets and images, and the engine are byte
    for byte what rendered ``target`` last time (see ``stamp``). The speed-ups
    and settings of the render are undone when it ends (see ``engine``).
    WeasyPrint may load only files inside ``root`` (the builder's output
    folder; ``html``'s own folder by default): anything else it is asked for
    fails the render, naming it (see ``fetcher``), and so does a link to a
    ``file:`` address (``file_links``).
    """
    root = html.parent if root is None else root
    digest = pdf_digest(html, extra_css, language, *engine_fingerprint())
    if is_current(target, digest):
        logger.info(f"{target.name} is up to date: its HTML did not change")
        return
    forget(target)
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import CSS, HTML

    logger.info(f"rendering {target.name} with WeasyPrint")
    fetcher, refused = build_only_fetcher(root)
    local_links: list[str] = []
    try:
        with atomic_path(target) as partial, engine():
            stylesheets = (
                [CSS(string=extra_css, url_fetcher=fetcher)] if extra_css else None
            )
            page = HTML(url=page_url(html, root), url_fetcher=fetcher)
            page.write_pdf(
                str(partial),
                stylesheets=stylesheets,
                pdf_variant="pdf/ua-1",
                pdf_tags=True,
                custom_metadata=True,
                finisher=lambda document, _pdf: local_links.extend(
                    file_links(document)
                ),
            )
            # Inside: the partial PDF is thrown away, not kept.
            if refused:
                raise PDFRefusedError(_refused_message(html, target, refused))
            if local_links:
                raise PDFRefusedError(_local_links_message(html, target, local_links))
    except PDFRenderError:
        raise
    except Exception as err:  # WeasyPrint raises many kinds; all mean "no PDF"
        raise PDFRenderError(f"WeasyPrint could not render {html}: {err}") from err
    remember(target, digest)


def file_links(document: Any) -> list[str]:
    """The links of a rendered document to ``file:`` addresses.

    A relative link to a file of the build (a picture, a download) becomes a
    ``file:///<checkout>/build/...`` address in the PDF: it opens nothing on a
    reader's machine and prints the build machine's path into the file.
    """
    return [
        target
        for page in document.pages
        for kind, target, _rectangle, _box in page.links
        if kind == "external" and target.lower().startswith("file:")
    ]


def _local_links_message(html: Path, target: Path, links: list[str]) -> str:
    listed = "; ".join(dict.fromkeys(links))
    return (
        f"{target.name} (from {html.name}) links to files of the build machine: "
        f"{listed}. A PDF is read elsewhere: link to a web address or to a "
        "heading instead"
    )


def _refused_message(html: Path, target: Path, refused: list[str]) -> str:
    listed = "; ".join(dict.fromkeys(refused))  # each once, in page order
    return (
        f"{target.name} (from {html.name}) asks for what a PDF may not hold: "
        f"{listed}. A PDF is made only from the files of the build: put the "
        "file in the course and refer to it by a relative path, or link to a "
        "web address instead of showing or attaching it"
    )
