"""Session decks: a workshop session's slides assembled from its modules' decks.

Each session deck opens with the content note (the only one in the deck) and the
agenda with clock times (on as many slides as it needs; the run sheet in the
speaker notes); then come the run sheet's items in order: check-in, the group
agreements (introduced in the session whose exercise makes them, reviewed in the
others), the modules' slides (only the exercises the format chose), breaks with a
countdown, a check-out; then a slide with a QR code of the book's address and a
last one with the crisis lines. The chapters' own slides are reused as written, so
a session deck never differs from the module decks. Every slide the run sheet
times carries ``data-timing`` for the speaker view's pacing clock.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import segno
from bs4 import BeautifulSoup
from sphinx.util import logging

from ..kit.formats import Format, Session, clock
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
    # The session has its own closing slides, and one content note at the start.
    for slide in soup.select(
        "section[data-course-closing], section[data-course-block='content-note']"
    ):
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


# A phone number: digits with spaces or hyphens between them ("0808 2000 247",
# "1-800-799-7233"), kept on one line so nobody reads half of it.
PHONE = re.compile(r"\d[\d -]{4,}\d")


def unbroken_numbers(line: str) -> str:
    """``line`` as HTML, its phone numbers in spans that do not wrap."""
    return PHONE.sub(
        lambda m: f'<span class="number">{m.group(0)}</span>', html.escape(line)
    )


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, border=2, dark="#222")


# Rows of the agenda on one slide: more are shared out over several slides.
AGENDA_ROWS = 12


def _pages(rows: list[dict[str, str]], most: int = AGENDA_ROWS) -> list[list[Any]]:
    """``rows`` cut into the fewest slides of at most ``most``, of equal length."""
    count = max(1, -(-len(rows) // most))
    size = -(-len(rows) // count)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _agreements_exercise(session: Session) -> str:
    """The exercise of this session in which the group makes its agreements, if
    it comes after the agreements item (the first session): "" otherwise."""
    kinds = [item.kind for item in session.items]
    if "agreements" not in kinds:
        return ""
    for item in session.items[kinds.index("agreements") :]:
        if item.kind == "exercise" and "agreement" in item.title.lower():
            return item.title
    return ""


def _shares(session: Session, kind: str, slides: int) -> int:
    """Seconds for each of ``slides`` slides that together take the ``kind`` item
    of the run sheet (check-in, check-out); 0 if the session has none."""
    minutes = sum(item.minutes for item in session.items if item.kind == kind)
    return minutes * 60 // slides if minutes else 0


def session_context(
    builder: CourseDecksBuilder, fmt: Format, session: Session
) -> dict[str, Any]:
    config = builder.config
    chapters = {c.module: c for c in builder.env.course_chapters.values()}
    base = config.course_base_url.rstrip("/") + "/" if config.course_base_url else ""
    modules = []
    for module in session.modules:
        chapter = chapters[module]
        chosen = session.exercises.get(module)
        modules.append(
            {
                "module": module,
                "title": chapter.title,
                "slides": _module_slides(builder, chapter.docname, chosen),
                "url": f"{base}{chapter.docname}.html",
            }
        )
    first_url = modules[0]["url"] if modules else base
    run = [
        {
            "clock": item.clock,
            "minutes": item.minutes,
            "kind": item.kind,
            "title": item.title,
        }
        for item in session.items
    ]
    end = clock(session.start + session.used)
    agenda = _pages([*run, {"clock": end, "kind": "end", "title": "End"}])
    return {
        "project": config.project,  # rendered alone, without the page's context
        "format": fmt,
        "session": session,
        "run": run,
        "agenda": agenda,
        "end": end,
        "modules": modules,
        "content_note": config.course_content_note,
        "agreements": config.course_agreements,
        "agreements_exercise": _agreements_exercise(session),
        "crisis_lines": [unbroken_numbers(line) for line in config.course_crisis_lines],
        "book_url": base,
        "qr_svg": qr_svg(first_url or config.project),
        "qr_url": first_url,
        # data-timing of the slides around the run sheet's fixed items: the
        # title, content note and agenda are shown during the check-in, the
        # reading list and crisis lines during the check-out.
        "opening_seconds": _shares(session, "check-in", 3 + len(agenda)),
        "closing_seconds": _shares(
            session, "check-out", 2 + bool(config.course_crisis_lines)
        ),
    }


def write_session_decks(builder: CourseDecksBuilder) -> None:
    """Write ``<format>/<session>.html`` and ``<format>/index.html`` (run sheets)."""
    formats = course_formats(builder.env)
    builder.course_formats = formats
    for fmt in formats:
        contexts = []
        for session in fmt.sessions:
            ctx = session_context(builder, fmt, session)
            body = builder.templates.render("session-slides.html", ctx)
            builder.revealjs_slide = (
                None  # the last chapter's page settings must not leak
            )
            pagename = f"{fmt.slug}/{session.slug}"
            builder.session_seconds[pagename] = session.used * 60
            builder.handle_page(
                pagename,
                {
                    "body": body,
                    "title": f"{session.title} · {fmt.title}",
                    "revealjs": builder.revealjs_context,
                },
            )
            contexts.append(ctx)
        builder.handle_page(
            f"{fmt.slug}/index",
            {"format": fmt, "sessions": contexts, "title": fmt.title},
            "format-index.html",
        )
