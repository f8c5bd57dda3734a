"""The book's cover, drawn at build time from the course's facts.

One SVG (title, subtitle, author, the course's mark) serves as the EPUB's cover
image (``epub_cover``) and the cover on the online book's landing page. It is
written to the output's doctree folder and added to ``html_static_path``, so
every HTML-based builder copies it to ``_static/`` like any other static file;
nothing generated lands in the sources.
"""

from __future__ import annotations

import posixpath
import textwrap
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from ..audience import Medium, medium

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

COVER = "cover.svg"
#: The course's mark alone, for the print covers (the PDF, guide, workbook).
MARK = "cover-mark.svg"
WIDTH, HEIGHT = 600, 900
INK, PAPER, ACCENT = "#1f4e5f", "#f3efe6", "#f2b45a"
SERIF = "Georgia, 'DejaVu Serif', serif"
SANS = "'DejaVu Sans', Arial, sans-serif"


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def _text_block(lines: list[str], y: float, size: int, **style: str) -> str:
    attributes = " ".join(
        f'{name.replace("_", "-")}="{value}"' for name, value in style.items()
    )
    spans = "".join(
        f'<tspan x="{WIDTH / 2:g}" dy="{0 if i == 0 else size * 1.25:g}">'
        f"{escape(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{WIDTH / 2:g}" y="{y:g}" font-size="{size}" '
        f'text-anchor="middle" {attributes}>{spans}</text>'
    )


def _mark(x: float, y: float, scale: float) -> str:
    """The course's mark (static/book/logo.svg): a tear held by a hand."""
    return (
        f'<g transform="translate({x:g} {y:g}) scale({scale:g})">'
        f'<path d="M32 9C32 9 19 25.5 19 34.5a13 13 0 0 0 26 0C45 25.5 32 9 32 9Z"'
        f' fill="{PAPER}"/>'
        '<path d="M11 41c6 13 15 16 21 16s15-3 21-16" fill="none" '
        f'stroke="{ACCENT}" stroke-width="4.5" stroke-linecap="round"/></g>'
    )


def mark_svg() -> str:
    """The mark on its own, drawn as on the cover, for the print covers."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" '
        f'width="192" height="192" aria-hidden="true">{_mark(0, 0, 1)}</svg>\n'
    )


def cover_svg(title: str, subtitle: str, author: str) -> str:
    """The cover as an SVG document: the mark, then title, subtitle and author."""
    title_lines = _lines(title, 12)
    subtitle_lines = _lines(subtitle, 30)
    title_y = 470
    subtitle_y = title_y + 64 * len(title_lines) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="'
        f'{escape(" ".join([title, subtitle, author]).strip())}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{INK}"/>',
        _mark(204, 110, 3),  # large, above the title
        _text_block(
            title_lines, title_y, 56, fill=PAPER, font_family=SERIF, font_weight="bold"
        ),
        _text_block(subtitle_lines, subtitle_y, 26, fill=PAPER, font_family=SERIF),
        f'<rect x="250" y="{HEIGHT - 130}" width="100" height="4" fill="{ACCENT}"/>',
        _text_block(_lines(author, 40), HEIGHT - 80, 20, fill=PAPER, font_family=SANS),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _write_cover(app: Sphinx, config: Config) -> None:
    folder = Path(app.doctreedir) / "course-cover"  # one doctree folder per output
    folder.mkdir(parents=True, exist_ok=True)
    subtitle = config.html_context.get("course_subtitle", "")
    for name, svg in (
        (COVER, cover_svg(config.project, subtitle, config.author)),
        (MARK, mark_svg()),
    ):
        path = folder / name
        # Unchanged facts leave the file (and its date) alone: no needless rewrite.
        if not path.is_file() or path.read_text(encoding="utf-8") != svg:
            path.write_text(svg, encoding="utf-8")
    config.html_static_path = [*config.html_static_path, str(folder)]


def _cover_on_landing_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The cover beside the landing page's title and introduction."""
    # The online book's landing page (the EPUB shows it as its cover).
    if medium(app) is not Medium.SITE or docname != app.config.root_doc:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    config = app.config
    src = posixpath.relpath(f"_static/{COVER}", posixpath.dirname(docname) or ".")
    subtitle = config.html_context.get("course_subtitle", "")
    facts = [config.project, subtitle, config.author]
    alt = "Cover: " + " ".join(f"{fact}." for fact in facts if fact)
    figure = (
        f'<figure class="course-cover"><img src="{escape(src)}" '
        f'width="{WIDTH}" height="{HEIGHT}" alt="{escape(alt)}"></figure>'
    )
    section.insert(1, nodes.raw("", figure, format="html"))


def setup_cover(app: Sphinx) -> None:
    app.connect("config-inited", _write_cover)
    app.connect("doctree-resolved", _cover_on_landing_page)
