"""Session decks: a workshop session's slides assembled from its modules' decks.

Each session deck opens with the content note, the group agreements, the agenda
with clock times (the run sheet in the speaker notes) and a check-in; then come
the modules' slides (only the exercises the format chose), breaks, a check-out
and a closing slide with a QR code of the book's address. The chapters' own slides
are reused as written, so a session deck never differs from the module decks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import segno
from bs4 import BeautifulSoup
from sphinx.util import logging

from ..kit.formats import Format, Session, clock
from ..settings import published_url
from .session_print import pdf_name, write_session_pdf
from .sessions import course_formats

if TYPE_CHECKING:
    from .decks import CourseDecksBuilder

logger = logging.getLogger(__name__)
BODIES = ".chapter-slides"  # inside the decks' output folder; never published


def save_chapter_slides(builder: CourseDecksBuilder, docname: str, body: str) -> None:
    path = Path(builder.outdir, BODIES, f"{docname}.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def _module_slides(
    builder: CourseDecksBuilder, docname: str, chosen: tuple[str, ...] | None
) -> str:
    """A chapter's slides without its closing slide and the exercises not chosen."""
    path = Path(builder.outdir, BODIES, f"{docname}.html")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for slide in soup.select("section[data-course-closing]"):
        slide.decompose()
    if chosen is not None:
        for slide in soup.select("section[data-exercise]"):
            if slide["data-exercise"] not in chosen:
                slide.decompose()
    # Empty vertical wrappers left behind would show as blank slides.
    for wrapper in soup.find_all("section"):
        if not wrapper.get_text(strip=True) and not wrapper.find(["img", "svg"]):
            wrapper.decompose()
    _relocate(soup, Path(docname).name)
    return str(soup)


def _relocate(soup: BeautifulSoup, slug: str) -> None:
    """Make a chapter's slides valid inside a session deck in another folder.

    Several chapters share one page there: their ids get the chapter's name as a
    prefix (and so do links to them), and links to sibling decks point back to
    the chapters' folder.
    """
    ids = set()
    for element in soup.find_all(id=True):
        ids.add(element["id"])
        element["id"] = f"{slug}-{element['id']}"
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") and href[1:] in ids:
            link["href"] = f"#{slug}-{href[1:]}"
        elif not href.startswith(("#", "../", "/")) and "://" not in href:
            link["href"] = f"../chapters/{href}"


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, border=2, dark="#222")


def session_context(
    builder: CourseDecksBuilder, fmt: Format, session: Session
) -> dict[str, Any]:
    config = builder.config
    chapters = {c.module: c for c in builder.env.course_chapters.values()}
    # A placeholder address (example.org...) is no address: print none.
    base = published_url(config.course_base_url)
    modules = []
    for module in session.modules:
        chapter = chapters[module]
        chosen = session.exercises.get(module)
        modules.append(
            {
                "module": module,
                "title": chapter.title,
                "slides": _module_slides(builder, chapter.docname, chosen),
                # No published address: no address at all, rather than a dead one.
                "url": f"{base}{chapter.docname}.html" if base else "",
            }
        )
    first_url = modules[0]["url"] if modules else base
    return {
        "project": config.project,  # the title slide's subtitle names the course
        "format": fmt,
        "session": session,
        "run": [
            {
                "clock": item.clock,
                "minutes": item.minutes,
                "kind": item.kind,
                "title": item.title,
            }
            for item in session.items
        ],
        "end": clock(session.start + session.used),
        "modules": modules,
        "content_note": config.course_content_note,
        "agreements": config.course_agreements,
        "crisis_lines": config.course_crisis_lines,
        "book_url": base,
        "qr_svg": qr_svg(first_url) if first_url else "",
        "qr_url": first_url,
    }


def write_session_decks(builder: CourseDecksBuilder) -> None:
    """Write ``<format>/<session>.html``, its PDF with notes (``session_print``)
    and ``<format>/index.html`` (run sheets)."""
    formats = course_formats(builder.env)
    builder.course_formats = formats
    config = builder.config
    for fmt in formats:
        contexts = []
        for session in fmt.sessions:
            ctx = session_context(builder, fmt, session)
            body = builder.templates.render("session-slides.html", ctx)
            builder.revealjs_slide = (
                None  # the last chapter's page settings must not leak
            )
            builder.handle_page(
                f"{fmt.slug}/{session.slug}",
                {
                    "body": body,
                    "title": f"{session.title} · {fmt.title}",
                    "revealjs": builder.revealjs_context,
                },
            )
            write_session_pdf(
                Path(builder.outdir),
                fmt,
                session,
                body,
                config.project,
                config.language or "en",
            )
            # From slides/<format>/index.html to the site's (and the kit's) downloads.
            ctx["slides_pdf"] = f"../../downloads/{pdf_name(fmt, session)}"
            contexts.append(ctx)
        builder.handle_page(
            f"{fmt.slug}/index",
            {"format": fmt, "sessions": contexts, "title": fmt.title},
            "format-index.html",
        )
