"""The workshop kit: formats and run sheets, session decks, guide and workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of
from coursepress.kit.formats import FormatError, load_format
from pypdf import PdfReader


@dataclass
class Chapter:
    docname: str
    module: int
    title: str
    teaching_minutes: int


@dataclass
class Exercise:
    name: str
    number: str
    title: str
    duration: int
    format: str


CHAPTERS = {
    1: Chapter("chapters/01-a", 1, "One", 20),
    2: Chapter("chapters/02-b", 2, "Two", 30),
}
EXERCISES = {
    "chapters/01-a": [
        Exercise("ex-a", "1.1", "A", 15, "solo"),
        Exercise("ex-b", "1.2", "B", 10, "pairs"),
    ],
    "chapters/02-b": [Exercise("ex-c", "2.1", "C", 20, "small group")],
}


def write_format(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "evening.toml"
    path.write_text(
        'title = "Evening"\ncheck_in = 10\nagreements = 5\ncheck_out = 10\n' + body
    )
    return path


SESSION = """
[[sessions]]
slug = "one"
title = "First"
start = "18:30"
length = {length}
plan = ["check-in", "agreements", 1, "break:15", 2, "check-out"]
"""


def test_run_sheet_times_are_the_sum_of_their_parts(tmp_path: Path) -> None:
    fmt = load_format(
        write_format(tmp_path, SESSION.format(length=140)), CHAPTERS, EXERCISES
    )
    session = fmt.sessions[0]
    assert [(i.clock, i.minutes, i.kind) for i in session.items] == [
        ("18:30", 10, "check-in"),
        ("18:40", 5, "agreements"),
        ("18:45", 20, "teaching"),
        ("19:05", 15, "exercise"),
        ("19:20", 10, "exercise"),
        ("19:30", 15, "break"),
        ("19:45", 30, "teaching"),
        ("20:15", 20, "exercise"),
        ("20:35", 10, "check-out"),
    ]
    assert session.used == 135 and session.modules == (1, 2)


def test_session_that_does_not_fit_names_the_session_and_line(tmp_path: Path) -> None:
    path = write_format(tmp_path, SESSION.format(length=100))
    with pytest.raises(FormatError) as err:
        load_format(path, CHAPTERS, EXERCISES)
    assert "session 'one' does not fit" in str(err.value) and "35 more" in str(
        err.value
    )
    assert err.value.line == 7


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('1, "break:15"', '7, "break:15"'), "names module 7, which no chapter is"),
        (('"break:15"', '"nap:15"'), "unknown plan entry 'nap:15'"),
        (('start = "18:30"', 'start = "half six"'), "start must be a time"),
    ],
)
def test_bad_format_entries(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write_format(tmp_path, SESSION.format(length=200).replace(*change))
    with pytest.raises(FormatError, match=message):
        load_format(path, CHAPTERS, EXERCISES)


def test_chosen_exercises_must_exist(tmp_path: Path) -> None:
    body = SESSION.format(length=200) + '[sessions.exercises]\n"1" = ["ex-z"]\n'
    with pytest.raises(FormatError, match="module 1 has no exercise 'ex-z'"):
        load_format(write_format(tmp_path, body), CHAPTERS, EXERCISES)


def test_chosen_exercises_shorten_the_module(tmp_path: Path) -> None:
    body = SESSION.format(length=200) + '[sessions.exercises]\n"1" = ["ex-b"]\n'
    session = load_format(write_format(tmp_path, body), CHAPTERS, EXERCISES).sessions[0]
    assert [i.exercise for i in session.items if i.kind == "exercise"] == [
        "ex-b",
        "ex-c",
    ]


@pytest.mark.sphinx("decks", testroot="course")
def test_session_deck_is_assembled_from_module_slides(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    page = BeautifulSoup(
        (app.outdir / "short" / "evening.html").read_text(), "html.parser"
    )
    text = page.get_text(" ")
    titles = [
        h.get_text(" ", strip=True) for h in page.select(".slides h1, .slides h2")
    ]
    subtitle = page.select_one("section[data-state=title] .deck-subtitle")
    assert subtitle.get_text().startswith("Test course · Short evening")
    # The run sheet's items in its order: check-in, then agreements.
    assert titles[:5] == [
        "The sample evening",
        "Content note",
        "Plan for this session",
        "Check-in",
        "Group agreements",
    ]
    assert "Sample chapter" in titles and "Exercise 3.1: Sample exercise" in titles
    assert "Exercise 3.2: Other exercise" not in titles  # not chosen for this session
    assert "Read the chapter" not in titles  # the module decks' closing slide
    # One content note per deck: the chapter's own is left out.
    assert titles.count("Content note") == 1
    assert titles[-4:] == ["Break", "Check-out", "Keep reading", "If you need help now"]
    # Timed slides: the speaker view paces the deck (data-timing, totalTime) and
    # activities and breaks have a countdown (seconds).
    activity = page.select_one("section[data-state='activity']")
    assert activity["data-timing"] == activity["data-countdown"] == "900"
    pause = page.select_one("section[data-state='break']")
    assert pause["data-timing"] == pause["data-countdown"] == "600"
    assert '{"totalTime": 3600}' in (app.outdir / "short" / "evening.html").read_text()
    assert "CONTENT-NOTE-OF-THE-COURSE" in text and "CRISIS-LINE-TEXT 988" in text
    agenda = [row.get_text(" ", strip=True) for row in page.select("table.agenda tr")]
    assert agenda[0] == "19:00 Opening check-in" and agenda[-1] == "20:00 End"
    assert page.select_one("figure.qr svg") is not None
    assert "https://example.org/course/chapters/03-sample.html" in text
    notes = " ".join(n.get_text(" ") for n in page.select("aside.notes"))
    assert "FACILITATOR-SECTION-TEXT" in notes and "DEBRIEF-TEXT" in notes
    html = (app.outdir / "short" / "evening.html").read_text()
    assert 'src="../_static/revealjs/dist/reveal.js"' in html and "RevealNotes" in html
    index = BeautifulSoup(
        (app.outdir / "short" / "index.html").read_text(), "html.parser"
    )
    assert "19:00 to 20:00, 60 of 60 minutes" in index.get_text(" ")
    decks = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert decks.find("a", href="short/evening.html") is not None


@pytest.mark.sphinx(
    "decks",
    testroot="course",
    srcdir="course-no-formats",
    confoverrides={"course_formats_dir": ""},
)
def test_without_formats_there_are_no_session_decks(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    assert not (app.outdir / "short").exists()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.sphinx("guidepdf", testroot="course")
def test_guide_has_run_sheets_notes_and_debriefs(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    text = pdf_text(app.outdir / "facilitator-guide.pdf")
    for marker in (
        "FACILITATOR-INTRO-TEXT",
        "FACILITATOR-SECTION-TEXT",
        "DEBRIEF-TEXT",
        "OBJECTIVE-TEXT",
        "Exercise 3.1: Sample exercise",
        "Exercise 3.2: Other exercise",
        "Opening check-in",
        "Short evening: The sample evening",
    ):
        assert marker in text, marker
    assert "SLIDE-BULLET-TEXT" not in text and "SECTION-PROSE-TEXT" not in text


@pytest.mark.sphinx("workbookpdf", testroot="course")
def test_workbook_has_exercises_and_room_to_write_but_no_notes(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    html = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert len(html.select(".exercise-prompts .write-space")) == 2
    for name, size in (
        ("workbook.pdf", (595, 842)),
        ("workbook-letter.pdf", (612, 792)),
    ):
        reader = PdfReader(app.outdir / name)
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size
        text = "\n".join(page.extract_text() for page in reader.pages)
        for marker in (
            "Exercise 3.1: Sample exercise",
            "Exercise 3.2: Other exercise",
            "PROMPT-TEXT",
            "KEYPOINT-TEXT",
            "CONTENT-NOTE-OF-THE-COURSE",
        ):
            assert marker in text, marker
        for marker in (
            "FACILITATOR-INTRO-TEXT",
            "FACILITATOR-SECTION-TEXT",
            "DEBRIEF-TEXT",
        ):
            assert marker not in text, marker
