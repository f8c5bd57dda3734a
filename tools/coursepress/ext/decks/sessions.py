"""Session decks: a workshop session's slides assembled from its modules' decks.

Each session deck opens with the content note (the only one in the deck) and the
agenda with clock times (on as many slides as it needs; the run sheet in the
speaker notes); then every item of the run sheet in its order, each with its
slides: the check-in, the group agreements (introduced in the session whose
exercise makes them, reviewed in the others), a stretch of a module's teaching, an
exercise, the discussion questions, a break with a countdown, the review of the
home practice set last time, the home practice set now, the check-out; then a
slide with a QR code of the book's address and a last one with the crisis lines.
The chapters' own slides are reused as written, so a session deck never differs
from the module decks. Every slide the run sheet times carries ``data-timing`` for
the speaker view's pacing clock.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import segno
from bs4 import BeautifulSoup, Tag
from sphinx.util import logging

from coursepress.course.crisis import groups as crisis_groups
from coursepress.course.facts import published_url
from coursepress.course.formats import Format, Item, Session, clock

from ..paper.session_print import pdf_name, write_session_pdf

if TYPE_CHECKING:
    from .builder import CourseDecksBuilder

logger = logging.getLogger(__name__)
BODIES = ".chapter-slides"  # inside the decks' output folder; never published


def save_chapter_slides(builder: CourseDecksBuilder, docname: str, body: str) -> None:
    path = Path(builder.outdir, BODIES, f"{docname}.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def _module_units(builder: CourseDecksBuilder, docname: str) -> list[Tag]:
    """A chapter's slides (one top-level ``<section>`` each), closing slide left out.

    Ids are made unique to the chapter, as several chapters share a session deck.
    """
    path = Path(builder.outdir, BODIES, f"{docname}.html")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    # The session has its own closing slides, and one content note at the start.
    for slide in soup.select(
        "section[data-course-closing], section[data-course-block='content-note']"
    ):
        slide.decompose()
    # Empty vertical wrappers left behind would show as blank slides.
    for wrapper in soup.find_all("section"):
        if not wrapper.get_text(strip=True) and not wrapper.find(["img", "svg"]):
            wrapper.decompose()
    _relocate(soup, Path(docname).name)
    return soup.find_all("section", recursive=False)


def _unit_key(unit: Tag, segment: int) -> tuple[str, str | int]:
    """Which outline piece a slide belongs to: an exercise, the discussion, teaching."""
    if (found := unit.find("section", attrs={"data-exercise": True})) is not None:
        return ("exercise", str(found["data-exercise"]))
    if unit.find("section", attrs={"data-course-block": "discussion"}) is not None:
        return ("discussion", "")
    return ("teaching", segment)


def _keyed_units(
    builder: CourseDecksBuilder, chapter: Any
) -> list[tuple[tuple[str, str | int], Tag]]:
    """A chapter's slides, each with the outline piece it shows."""
    keyed, segment = [], 0
    for unit in _module_units(builder, chapter.docname):
        key = _unit_key(unit, segment)
        if key[0] != "teaching":
            segment += 1
        keyed.append((key, unit))
    outline = [
        (piece.kind, piece.name)
        for piece in chapter.outline
        if piece.kind != "teaching"
    ]
    shown = [key for key, _ in keyed if key[0] != "teaching"]
    if chapter.outline and shown != outline:
        logger.warning(
            f"the deck of {chapter.docname!r} shows its exercises and discussion as "
            f"{shown}, but its outline has {outline}: the session decks' slides "
            "may not match the run sheet",
            type="course",
            subtype="format",
        )
    return keyed


def item_slides(
    builder: CourseDecksBuilder, session: Session, previous: Session | None
) -> list[str]:
    """Each run-sheet item's slides, so the deck runs in the run sheet's order.

    Teaching that gets no minutes of its own (no prose between two exercises)
    goes with the next item of its module, or else the one before.
    """
    chapters = {c.module: c for c in builder.env.course_chapters.values()}
    slides: list[list[Tag]] = [[] for _ in session.items]
    for module in dict.fromkeys(
        item.module for item in session.items if item.module is not None
    ):
        indexes = [i for i, it in enumerate(session.items) if it.module == module]
        owner: dict[tuple[str, str | int], int] = {}
        for i in indexes:
            item = session.items[i]
            if item.kind == "teaching":
                for part in item.parts:
                    owner[("teaching", part)] = i
            elif item.kind == "discussion":
                owner[("discussion", "")] = i
            elif item.exercise and item.kind != "home":
                owner[("exercise", item.exercise)] = i
        pending: list[Tag] = []
        last: int | None = None
        for key, unit in _keyed_units(builder, chapters[module]):
            index = owner.get(key)
            if index is None:
                if key[0] == "teaching":
                    pending.append(unit)  # its teaching has no minutes here
                continue
            if pending:
                slides[index].extend(pending)
                pending = []
            slides[index].append(unit)
            last = index
        if pending and last is not None:
            slides[last].extend(pending)
    html = ["".join(str(unit) for unit in units) for units in slides]
    items = session.items
    for i, item in enumerate(items):
        if item.kind == "home" and (i == 0 or items[i - 1].kind != "home"):
            # One slide for the home practice set together.
            after = [n for n in range(i, len(items)) if items[n].kind != "home"]
            group = list(items[i : after[0] if after else len(items)])
            html[i] = _home_slide(group)
        elif item.kind == "review":
            html[i] = _review_slide(builder, previous)
    return html


def _home_slide(group: list[Item]) -> str:
    titles = "".join(
        f"<li>{escape(item.title.removeprefix('Home practice: '))}</li>"
        for item in group
    )
    return (
        '<section><section data-state="home-practice">'
        "<h2>Home practice</h2>"
        "<p>Before the next session, on your own or with someone you trust:</p>"
        f"<ul>{titles}</ul>"
        '<p class="deck-subtitle">The instructions and questions are in your '
        "workbook. We start next time by hearing how it went; you can pass.</p>"
        '<aside class="notes"><p>Read the exercise\'s instructions aloud and say '
        "that nobody will be asked what they wrote.</p></aside>"
        "</section></section>"
    )


def _review_slide(builder: CourseDecksBuilder, previous: Session | None) -> str:
    """What was set last time, with its debrief questions in the notes."""
    chapters = {c.module: c for c in builder.env.course_chapters.values()}
    set_last_time = [
        i for i in (previous.items if previous else ()) if i.kind == "home"
    ]
    items, notes = [], []
    for item in set_last_time:
        items.append(f"<li>{escape(item.title.removeprefix('Home practice: '))}</li>")
        chapter = chapters.get(item.module) if item.module is not None else None
        for unit in _module_units(builder, chapter.docname) if chapter else []:
            if unit.find("section", attrs={"data-exercise": item.exercise}):
                aside = unit.find("aside", class_="notes")
                notes.append(aside.decode_contents() if aside else "")
    listed = (
        f"<ul>{''.join(items)}</ul>"
        if items
        else "<p>What did you try from last time's chapter?</p>"
    )
    return (
        '<section><section data-state="review">'
        "<h2>Since last time</h2>"
        f"{listed}"
        "<p>What did you try, and what did you notice?</p>"
        '<p class="deck-subtitle">You can pass.</p>'
        '<aside class="notes"><p>Go round once; nobody has to say what they wrote. '
        "Thank each person; if someone did not try it, that is fine.</p>"
        f"{''.join(notes)}</aside>"
        "</section></section>"
    )


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
        lambda m: f'<span class="number">{m.group(0)}</span>', escape(line)
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
    builder: CourseDecksBuilder,
    fmt: Format,
    session: Session,
    previous: Session | None = None,
) -> dict[str, Any]:
    config = builder.config
    chapters = {c.module: c for c in builder.env.course_chapters.values()}
    # A placeholder address (example.org...) is no address: print none.
    base = published_url(config.course_base_url)
    modules = [
        {
            "module": module,
            "title": chapters[module].title,
            # No published address: no address at all, rather than a dead one.
            "url": f"{base}{chapters[module].docname}.html" if base else "",
        }
        for module in session.modules
    ]
    slides = item_slides(builder, session, previous)
    first_url = modules[0]["url"] if modules else base
    run = [
        {
            "clock": item.clock,
            "minutes": item.minutes,
            "kind": item.kind,
            "title": item.title,
            "detail": item.detail,
            "optional": item.optional,
            "slides": html,
        }
        for item, html in zip(session.items, slides, strict=True)
    ]
    end = clock(session.start + session.used)
    agenda = _pages([*run, {"clock": end, "kind": "end", "title": "End"}])
    return {
        "project": config.project,  # the title slide's subtitle names the course
        "format": fmt,
        "session": session,
        "run": run,
        "agenda": agenda,
        "end": end,
        "modules": modules,
        "content_note": config.course_content_note,
        "agreements": config.course_agreements,
        "agreements_exercise": _agreements_exercise(session),
        # One line per service under its group's name: the full list stays
        # readable from the back of the room.
        "crisis_groups": [
            {"group": group, "lines": [unbroken_numbers(m.plain()) for m in members]}
            for group, members in crisis_groups(tuple(config.course_crisis))
        ],
        "book_url": base,
        "qr_svg": qr_svg(first_url) if first_url else "",
        "qr_url": first_url,
        # data-timing of the slides around the run sheet's fixed items: the
        # title, content note and agenda are shown during the check-in, the
        # reading list and crisis lines during the check-out.
        "opening_seconds": _shares(session, "check-in", 3 + len(agenda)),
        "closing_seconds": _shares(
            session, "check-out", 2 + bool(config.course_crisis)
        ),
    }


def write_session_decks(builder: CourseDecksBuilder, formats: list[Format]) -> None:
    """Write ``<format>/<session>.html``, its PDF with notes (``session_print``)
    and ``<format>/index.html`` (run sheets)."""
    config = builder.config
    for fmt in formats:
        contexts = []
        for index, session in enumerate(fmt.sessions):
            previous = fmt.sessions[index - 1] if index else None
            ctx = session_context(builder, fmt, session, previous)
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
