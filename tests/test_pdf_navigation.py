"""The printed PDFs of the real course send a reader to the right page and print
cleanly: contents, links and bookmarks land on their heading, no box or question
is cut from what follows it, empty pages stay empty.

Every PDF (book, facilitator guide, both workbooks) is checked against the
single-page HTML WeasyPrint made it from, so nothing here names a chapter.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT
from pdfpages import BOTTOM_MARGIN, MM, PrintedPDF, squash, target_text, visible_text
from pypdf import PdfReader

COURSE = tomllib.loads((PROJECT / "book" / "course.toml").read_text(encoding="utf-8"))
# Each PDF of downloads/ and the build folder of the HTML it was rendered from.
SOURCES = {
    f"{COURSE['basename']}.pdf": "pdf",
    "facilitator-guide.pdf": "guide",
    "workbook.pdf": "workbook",
    "workbook-letter.pdf": "workbook",
}
# A contents line: title, leader dots, the page number the leader points to.
CONTENTS_LINE = re.compile(r"^(?P<title>.*?)\s*\.{3,}\s*(?P<page>\d+)$")
PAGE_REFERENCE = re.compile(r"\(page\s*(?P<page>\d+)\)")
# .write-space: 7.8 mm a line, 2 mm above the first.
LINE_PITCH, SPACE_ABOVE = 7.8 * MM, 2 * MM
# Windows into the text from a destination: a heading is within a line or two.
SLACK = 80


@pytest.fixture(scope="module", params=sorted(SOURCES))
def printed(
    request: pytest.FixtureRequest, site: Path
) -> tuple[PrintedPDF, BeautifulSoup]:
    name = request.param
    pdf = PrintedPDF(site / "downloads" / name)
    html = site.parent / SOURCES[name] / "index.html"
    return pdf, BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_every_link_lands_on_its_target(printed) -> None:
    pdf, soup = printed
    links = list(pdf.links())
    assert len(links) > 5, pdf.path.name  # contents at least: the check has material
    wrong = []
    for link in links:
        page, top = pdf.where(link.target)
        expected = target_text(soup, link.target)[:40]
        shown = squash(page.text_from(top))
        if expected not in shown[: len(expected) + SLACK]:
            wrong.append(
                f"p. {link.page.number} -> #{link.target} opens p. {page.number}: "
                f"{shown[:50]!r}, not {expected!r}"
            )
        # A link that prints where it goes ("Crisis resources (page 91)").
        said = PAGE_REFERENCE.search(link.page.text_in(link.rect))
        if said and said["page"] != page.footer():
            wrong.append(
                f"p. {link.page.number} -> #{link.target} says page {said['page']}, "
                f"opens the page numbered {page.footer()!r}"
            )
    assert wrong == [], f"{pdf.path.name}:\n" + "\n".join(sorted(set(wrong)))


def test_contents_print_the_page_each_entry_opens(printed) -> None:
    pdf, _soup = printed
    entries = []
    for link in pdf.links():
        match = CONTENTS_LINE.match(link.page.text_in(link.rect).strip())
        if match:
            entries.append((link, match["title"], int(match["page"])))
    assert len(entries) >= 5, pdf.path.name
    wrong = []
    for link, title, printed_page in entries:
        page, top = pdf.where(link.target)
        starts = squash(page.text_from(top))[: len(squash(title)) + SLACK]
        if page.footer() != str(printed_page) or squash(title) not in starts:
            wrong.append(
                f"{title!r}: contents say p. {printed_page}, link opens the page "
                f"numbered {page.footer()!r} at {starts[:40]!r}"
            )
    assert wrong == [], f"{pdf.path.name}:\n" + "\n".join(wrong)
    # The bookmarks agree with the contents.
    opened = {squash(title): pdf.where(link.target)[0] for link, title, _ in entries}
    marks = {squash(m.title): m.page for m in pdf.outline()}
    disagree = [t for t, page in opened.items() if t in marks and marks[t] != page]
    assert len(set(opened) & set(marks)) >= 5, pdf.path.name
    assert disagree == [], pdf.path.name


def test_every_bookmark_opens_its_heading(printed) -> None:
    pdf, _soup = printed
    marks = pdf.outline()
    assert len(marks) >= 5, pdf.path.name
    wrong = []
    for mark in marks:
        title, shown = squash(mark.title), squash(mark.page.text_from(mark.top))
        if title not in shown[: len(title) + SLACK]:
            wrong.append(
                f"{mark.title!r} opens p. {mark.page.number} at {shown[:40]!r}"
            )
    assert wrong == [], f"{pdf.path.name}:\n" + "\n".join(wrong)


def test_empty_pages_print_no_running_head_or_number(printed) -> None:
    pdf, _soup = printed
    blank = [p for p in pdf.pages if not p.body()]
    if pdf.path.name.startswith(COURSE["basename"]):
        assert blank, "the book has empty versos before chapters: material to check"
    marked = [f"p. {p.number}: {[r.text for r in p.runs]}" for p in blank if p.runs]
    assert marked == [], pdf.path.name


def _last_lines(lines: list, length: int) -> str:
    """The page's last whole lines, squashed, as soon as they reach ``length``."""
    tail = ""
    for _, line in reversed(lines):
        tail = squash(line) + tail
        if len(tail) >= length:
            break
    return tail


def test_no_page_ends_with_a_box_title_or_a_label(printed) -> None:
    """An exercise's title and meta line, a rubric, a reference's label: each
    printed at the foot of a page with what it introduces on the next."""
    pdf, soup = printed
    heads = {
        squash(visible_text(tag))
        for tag in soup.select(
            ".admonition-title, .exercise-meta, .rubric, div.citation > .label"
        )
    }
    heads.discard("")
    assert heads, pdf.path.name
    stranded = []
    for page in pdf.pages:
        lines = page.lines()
        if not lines:
            continue
        # The page's last lines hold the head and nothing else: a citation in
        # running text that reads like a reference's label is not a label.
        stranded += [
            f"p. {page.number}: {h!r}" for h in heads if _last_lines(lines, len(h)) == h
        ]
    assert stranded == [], f"{pdf.path.name}:\n" + "\n".join(stranded)


def test_every_question_keeps_its_lines_on_its_page(printed) -> None:
    """Workbook: a question that ends a page has room for its ruled lines below it."""
    pdf, soup = printed
    questions = {}
    for space in soup.select(".write-space"):
        lines = int(next(c for c in space["class"] if c.startswith("lines-"))[6:])
        question = squash(visible_text(space.find_parent("li")))
        questions[question] = SPACE_ABOVE + lines * LINE_PITCH
    if not questions:
        pytest.skip(f"{pdf.path.name} has no room to write")
    cut = []
    for page in pdf.pages:
        lines = page.lines()
        if not lines:
            continue
        text = squash(page.text())
        for question, height in questions.items():
            room = lines[-1][0] - BOTTOM_MARGIN
            if text.endswith(question) and room < height - 3:
                cut.append(
                    f"p. {page.number}: {question[:40]!r} has {room / MM:.0f} mm "
                    f"below it for {height / MM:.0f} mm of lines"
                )
    assert cut == [], f"{pdf.path.name}:\n" + "\n".join(cut)


def test_author_is_set(printed) -> None:
    pdf, _soup = printed
    assert pdf.reader.metadata.author == COURSE["author"], pdf.path.name


def test_every_downloaded_pdf_names_the_author(site: Path) -> None:
    """Book, guide, workbooks, session slides and printable sheets alike."""
    pdfs = sorted((site / "downloads").rglob("*.pdf"))
    assert len(pdfs) > len(SOURCES)  # session slides and sheets are among them
    unnamed = [p.name for p in pdfs if PdfReader(p).metadata.author != COURSE["author"]]
    assert unnamed == []


def _numbered_chapters() -> list[str]:
    """Each chapter's title as every output numbers it ("3. Why ..."), read from
    its front matter's module and its heading."""
    titles = []
    for path in sorted((PROJECT / "book" / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        module = re.search(r"^module:\s*(\d+)", text, re.MULTILINE)
        heading = re.search(r"^# (.+)$", text, re.MULTILINE)
        if module and heading:
            titles.append(f"{module[1]}. {heading[1].strip()}")
    return titles


def _running_head(page) -> str:
    return " ".join(r.text for r in page.runs if r not in page.body()).strip()


def test_the_book_pdf_numbers_its_chapters_everywhere_a_reader_looks(
    site: Path,
) -> None:
    """Contents, openers, running headers and bookmarks: "3. Why ..." as the
    book and the EPUB say, so "Chapter 3" in the text can be found."""
    pdf = PrintedPDF(site / "downloads" / f"{COURSE['basename']}.pdf")
    chapters = _numbered_chapters()
    assert len(chapters) >= 3
    marks = {squash(m.title): m for m in pdf.outline()}
    contents = squash(" ".join(p.text() for p in pdf.pages[1:3]))
    missing = []
    for title in chapters:
        mark = marks.get(squash(title))
        if mark is None:
            missing.append(f"{title!r}: no bookmark")
            continue
        if squash(title) not in contents:
            missing.append(f"{title!r}: not in the contents")
        if squash(title) not in squash(mark.page.text_from(mark.top))[:200]:
            missing.append(f"{title!r}: not the opener's heading")
        following = pdf.pages[mark.page.number]  # the page after the opener
        if squash(title)[:30] not in squash(_running_head(following)):
            missing.append(f"{title!r}: running head {_running_head(following)!r}")
    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize("name", ["facilitator-guide.pdf", "workbook.pdf"])
def test_the_handouts_number_chapters_and_sessions_as_the_book_and_decks(
    site: Path, name: str
) -> None:
    pdf = PrintedPDF(site / "downloads" / name)
    marks = [squash(m.title) for m in pdf.outline()]
    chapters = [squash(t) for t in _numbered_chapters()]
    # Every chapter part of the handout carries the book's number for it.
    assert set(chapters) <= set(marks), set(chapters) - set(marks)
    assert not [m for m in marks if m.startswith("module")], marks
    if name.startswith("facilitator"):
        # Each session of a format of several, "Session N" as its deck's file.
        for formats in sorted((PROJECT / "slides" / "formats").glob("*.toml")):
            fmt = tomllib.loads(formats.read_text(encoding="utf-8"))
            sessions = fmt["sessions"]
            for number, session in enumerate(sessions, start=1):
                heading = session["title"]
                if len(sessions) > 1:
                    heading = f"Session {number}: {heading}"
                expected = squash(f"{heading} ({fmt['title']})")
                assert expected in marks, (formats.name, expected)


def test_a_link_that_prints_its_page_says_page_once(printed) -> None:
    """No "the Crisis resources (page 91) page", nor "the page Crisis resources
    (page 91)": the page number is the word."""
    pdf, _soup = printed
    text = " ".join(" ".join(page.text().split()) for page in pdf.pages)
    doubled = re.findall(
        r".{0,40}(?:\(page\s*\d+\)\s*page\b|\bpage\s+[A-Z][^()]{0,40}\(page\s*\d+\)).{0,20}",
        text,
    )
    assert doubled == [], pdf.path.name
