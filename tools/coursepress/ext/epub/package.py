"""Repairs to the EPUB package document (``content.opf``) that Sphinx writes.

- The guide's "toc" entry points at the first page (the introduction); the
  book's table of contents is the EPUB 3 navigation document, ``nav.xhtml``.
- The cover image (``epub_cover``) is named only by the EPUB 2 ``<meta
  name="cover">``; EPUB 3 reading systems find it by ``properties="cover-image"``.

Applied by the course's EPUB builder (``builder.py``) before zipping.
"""

from __future__ import annotations

import re
from html import escape

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


def repair_package(opf: str, cover_href: str | None) -> str:
    opf = point_toc_at_nav(opf)
    if cover_href and 'properties="cover-image"' not in opf:
        opf = mark_cover_image(opf, cover_href)
    return opf
