"""Repairs to the EPUB package document (``content.opf``) that Sphinx writes.

- The guide's "toc" entry points at the first page (the introduction); the
  book's table of contents is the EPUB 3 navigation document, ``nav.xhtml``.
- The cover image (``epub_cover``) is named only by the EPUB 2 ``<meta
  name="cover">``; EPUB 3 reading systems find it by ``properties="cover-image"``.
- A page with inline SVG (math drawn at build time) must say so with
  ``properties="svg"`` (epubcheck OPF-014).

Applied by the course's EPUB builder (``builder.py``) before zipping.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

NAV = "nav.xhtml"


def point_toc_at_nav(opf: str) -> str:
    return re.sub(
        r'(<reference type="toc"[^>]*?href=")[^"]*(")', rf"\g<1>{NAV}\g<2>", opf
    )


def mark_cover_image(opf: str, cover_href: str) -> str:
    item = re.compile(
        rf'(<item [^>]*href="{re.escape(escape(cover_href))}"[^>]*?)\s*/>'
    )
    return item.sub(r'\g<1> properties="cover-image" />', opf, count=1)


def mark_svg_pages(opf: str, outdir: Path) -> str:
    """``properties="svg"`` on every XHTML page that holds an ``<svg>`` element."""

    def mark(match: re.Match[str]) -> str:
        item = match.group(0)
        href = re.search(r'href="([^"]*)"', item)
        page = outdir / unescape(href.group(1)) if href else None
        if page is None or not page.is_file() or "<svg" not in page.read_text("utf-8"):
            return item
        if 'properties="' in item:
            if re.search(r'properties="[^"]*\bsvg\b', item):
                return item
            return item.replace('properties="', 'properties="svg ', 1)
        return re.sub(r"\s*/>$", ' properties="svg" />', item)

    return re.sub(r'<item [^>]*media-type="application/xhtml\+xml"[^>]*/>', mark, opf)


def repair_package(opf: str, cover_href: str | None, outdir: Path | None = None) -> str:
    opf = point_toc_at_nav(opf)
    if outdir is not None:
        opf = mark_svg_pages(opf, outdir)
    if cover_href and 'properties="cover-image"' not in opf:
        opf = mark_cover_image(opf, cover_href)
    return opf
