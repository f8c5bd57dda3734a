"""Session decks on paper: every slide with its speaker notes, one PDF per session.

For the facilitator's binder, and for the evening the projector fails. The PDF is
made from the session deck's own slides (so it cannot differ from what the room
sees) with the print theme's stylesheet and WeasyPrint, as the handouts are: no
browser. Each slide is a block: its number and title, what the slide shows, then
its notes, the facilitator's cue first.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from coursepress.course.layout import SESSION_PDF_FOLDER, session_pdf
from coursepress.resources import THEMES

from .pdf import render

if TYPE_CHECKING:
    from coursepress.course.formats import Format, Session

STYLESHEETS = ("print.css", "session-notes.css")
#: Links that still work on paper; any other link would point into the build.
KEPT_LINKS = ("https://", "http://", "mailto:", "tel:", "sms:")


def pdf_name(fmt: Format, session: Session) -> str:
    return session_pdf(fmt.slug, session.slug)


def slides_of(body: str) -> list[Tag]:
    """The slides of a deck body in the order reveal.js shows them."""
    soup = BeautifulSoup(body, "html.parser")
    return [
        section
        for section in soup.find_all("section")
        if section.find("section") is None
    ]


def _cue_first(notes: Tag) -> None:
    """Move the facilitator's cue (from its label to the next label) to the top."""
    labels = notes.select(":scope > .notes-label")
    for label in labels:
        if "facilitator" not in label.get_text(strip=True).lower():
            continue
        if label is notes.find(recursive=False):
            return  # already first
        block = [label]
        for sibling in label.find_next_siblings():
            if "notes-label" in (sibling.get("class") or []):
                break
            block.append(sibling)
        for element in reversed(block):
            notes.insert(0, element.extract())
        return


def _plain_links(element: Tag) -> None:
    for link in element.find_all("a"):
        href = link.get("href", "")
        if not href.startswith(KEPT_LINKS):
            link.unwrap()


def print_html(
    title: str, subtitle: str, body: str, language: str, project: str, author: str
) -> str:
    """A print document: a cover line, then every slide with its notes below."""
    blocks = []
    for number, slide in enumerate(slides_of(body), start=1):
        notes = slide.find("aside", class_="notes")
        if notes is not None:
            notes.extract()
            _cue_first(notes)
            notes.name = "div"
            notes["class"] = ["slide-notes"]
        heading = slide.find(["h1", "h2", "h3"])
        slide_title = heading.get_text(" ", strip=True) if heading else ""
        if heading is not None:
            heading.extract()
        _plain_links(slide)
        shown = "".join(str(child) for child in slide.children).strip()
        notes_html = ""
        if notes is not None and notes.get_text(strip=True):
            _plain_links(notes)
            notes_html = f'<p class="notes-heading">Notes</p>{notes.decode_contents()}'
        blocks.append(
            f'<section class="slide-sheet" id="slide-{number}">'
            f'<h2><span class="slide-number">{number}</span> '
            f"{html.escape(slide_title)}</h2>"
            f'<div class="slide-shown">{shown}</div>'
            f'<div class="slide-notes">{notes_html}</div></section>'
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head>'
        # The PDF's title (shown by readers) names the course as well.
        f'<meta charset="utf-8"><title>{html.escape(project)}: '
        f"{html.escape(title)}</title>"
        # WeasyPrint takes the PDF's Author from it.
        f'<meta name="author" content="{html.escape(author)}">'
        '<meta name="generator" content="coursepress"></head><body>'
        f'<header class="session-cover"><h1>{html.escape(title)}</h1>'
        f'<p class="session-subtitle">{html.escape(subtitle)}</p></header>'
        f'<main class="session-slides">{"".join(blocks)}</main></body></html>\n'
    )


def write_session_pdf(
    outdir: Path,
    fmt: Format,
    session: Session,
    body: str,
    project: str,
    language: str,
    author: str,
) -> Path:
    """Render ``<outdir>/.session-pdfs/slides-<format>-<session>.pdf``.

    The print HTML sits beside the session deck (a hidden file the publisher
    skips), so relative image addresses resolve as they do in the deck.
    """
    deck_folder = outdir / fmt.slug
    source = deck_folder / f".{session.slug}.print.html"
    source.write_text(
        print_html(
            f"{session.title}: slides and notes",
            " · ".join(
                part for part in (project, fmt.title, fmt.session_name(session)) if part
            ),
            body,
            language,
            project,
            author,
        ),
        encoding="utf-8",
    )
    target = outdir / SESSION_PDF_FOLDER / pdf_name(fmt, session)
    target.parent.mkdir(exist_ok=True)
    css = "\n".join(
        (THEMES / "print" / "static" / name).read_text(encoding="utf-8")
        for name in STYLESHEETS
    )
    render(source, target, language, extra_css=css, root=outdir)
    return target
