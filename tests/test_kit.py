"""The workshop kit: formats and run sheets, session decks, guide and workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import production_layout, warnings_of
from coursepress.course.formats import FormatError, Piece, load_format, teaching_split
from pypdf import PdfReader


@dataclass
class Chapter:
    docname: str
    module: int
    title: str
    teaching_minutes: int
    outline: tuple[Piece, ...] = ()


@dataclass
class Exercise:
    name: str
    number: str
    title: str
    duration: int
    format: str
    debrief: int = 0
    transition: int = 0
    solo: bool = False


def _outline(*parts: str | int) -> tuple[Piece, ...]:
    """Words of teaching (int), exercise names, "D" for the discussion."""
    pieces = []
    for part in parts:
        if isinstance(part, int):
            pieces.append(Piece("teaching", words=part, title=f"Section {part}"))
        elif part == "D":
            pieces.append(Piece("discussion"))
        else:
            pieces.append(Piece("exercise", part))
    return tuple(pieces)


CHAPTERS = {
    1: Chapter(
        "chapters/01-a", 1, "One", 20, _outline(30, "ex-a", 10, "ex-b", 0, "D", 0)
    ),
    2: Chapter("chapters/02-b", 2, "Two", 30, _outline(60, "ex-c", 0, "D", 0)),
}
EXERCISES = {
    "chapters/01-a": [
        Exercise("ex-a", "1.1", "A", 15, "solo", debrief=3),
        Exercise("ex-b", "1.2", "B", 10, "pairs", debrief=3, transition=2, solo=True),
    ],
    "chapters/02-b": [
        Exercise(
            "ex-c", "2.1", "C", 20, "small group", debrief=5, transition=2, solo=True
        )
    ],
}
HEADER = (
    'title = "Evening"\ncheck_in = 10\nagreements = 5\ncheck_out = 10\n'
    "home_practice = 2\n"
)


def write_format(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "evening.toml"
    path.write_text(HEADER + body)
    return path


def session(slug: str, length: int, *plan: str, extra: str = "") -> str:
    """A session whose plan has one entry a line, so each has its own line."""
    entries = "".join(f"  {entry},\n" for entry in plan)
    return (
        f'\n[[sessions]]\nslug = "{slug}"\ntitle = "{slug.title()}"\n'
        f'start = "18:30"\nlength = {length}\nplan = [\n{entries}]\n{extra}'
    )


GOOD = ('"check-in"', '"agreements"', "1", '"break:15"', "2", '"check-out"')


def line_of(path: Path, needle: str, after: str = "") -> int:
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def fails(path: Path, message: str) -> FormatError:
    with pytest.raises(FormatError) as err:
        load_format(path, CHAPTERS, EXERCISES)
    assert err.value.path == path
    assert any(message in text for text, _ in err.value.problems), err.value.problems
    return err.value


def problem_line(err: FormatError, message: str) -> int:
    return next(line for text, line in err.problems if message in text)


def test_run_sheet_follows_the_deck_with_real_exercise_times(tmp_path: Path) -> None:
    fmt = load_format(
        write_format(tmp_path, session("one", 160, *GOOD)), CHAPTERS, EXERCISES
    )
    one = fmt.sessions[0]
    assert [(i.clock, i.minutes, i.kind, i.title) for i in one.items] == [
        ("18:30", 10, "check-in", "Opening check-in"),
        ("18:40", 5, "agreements", "Group agreements"),
        # Chapter 1's 20 teaching minutes: 30 and 10 words, so 15 and 5.
        ("18:45", 15, "teaching", "Chapter 1: One"),
        ("19:00", 18, "exercise", "Exercise 1.1: A (solo)"),  # 15 + 3 debrief
        ("19:18", 5, "teaching", "Chapter 1 continued: Section 10"),
        ("19:23", 15, "exercise", "Exercise 1.2: B (pairs)"),  # 2 + 10 + 3
        (
            "19:38",
            0,
            "discussion",
            "Chapter 1: discussion questions (optional, if time allows)",
        ),
        ("19:38", 15, "break", "Break"),
        ("19:53", 30, "teaching", "Chapter 2: Two"),
        ("20:23", 27, "exercise", "Exercise 2.1: C (small group)"),
        (
            "20:50",
            0,
            "discussion",
            "Chapter 2: discussion questions (optional, if time allows)",
        ),
        ("20:50", 10, "check-out", "Closing check-out"),
    ]
    assert one.items[5].detail == "2 moving + 10 activity + 3 debrief"
    assert one.items[3].detail == "15 activity + 3 debrief"
    assert one.used == 150 and one.spare == 10 and one.modules == (1, 2)


def test_teaching_minutes_add_up_and_every_stretch_with_words_gets_one() -> None:
    chapter = Chapter("c", 5, "C", 10, _outline(1000, "x", 1, "y", 0, "z", 7))
    shares = teaching_split(chapter)
    assert sum(shares) == 10 and shares[2] == 0
    assert shares[1] == 1 and shares[3] == 1


def test_a_module_split_by_a_break(tmp_path: Path) -> None:
    plan = (
        '"check-in"',
        '"agreements"',
        '{ module = 1, until = "ex-a" }',
        '"break:15"',
        "1",
        '"check-out"',
    )
    one = load_format(
        write_format(tmp_path, session("one", 120, *plan)), CHAPTERS, EXERCISES
    ).sessions[0]
    assert [i.kind for i in one.items] == [
        "check-in",
        "agreements",
        "teaching",
        "exercise",
        "break",
        "teaching",
        "exercise",
        "discussion",
        "check-out",
    ]
    assert one.items[5].title == "Chapter 1 continued: Section 10"
    # The teaching after the last exercise has no words: no item of its own.
    assert one.items[5].parts == (1,) and one.items[2].parts == (0,)


def test_home_practice_agreements_slot_and_discussion_minutes(tmp_path: Path) -> None:
    plan = (
        '"check-in"',
        '"agreements:ex-a"',
        "1",
        '"break:15"',
        "2",
        '"home:ex-b"',
        '"home:ex-c"',
        '"check-out"',
    )
    extra = '[sessions.discussion]\n"1" = 5\n'
    after = session("two", 30, '"check-in"', '"review:5"', '"check-out"')
    one = load_format(
        write_format(tmp_path, session("one", 120, *plan, extra=extra) + after),
        CHAPTERS,
        EXERCISES,
    ).sessions[0]
    rows = [(i.minutes, i.kind, i.title) for i in one.items]
    assert rows[1] == (18, "agreements", "Exercise 1.1: A (solo)")
    # Neither the agreements' exercise nor home practice runs inside the module.
    assert [i.exercise for i in one.items if i.kind == "exercise"] == []
    assert rows[2] == (20, "teaching", "Chapter 1: One")
    assert rows[3] == (5, "discussion", "Chapter 1: discussion questions")
    assert rows[-3:] == [
        # At home people work alone: an exercise for two goes as its solo version.
        (2, "home", "Home practice, Exercise 1.2: B (on your own)"),
        (0, "home", "Home practice, Exercise 2.1: C (on your own)"),
        (10, "check-out", "Closing check-out"),
    ]
    assert one.home == ("ex-b", "ex-c")


def test_an_exercise_for_two_goes_home_only_with_its_solo_version(
    tmp_path: Path,
) -> None:
    exercises = {
        **EXERCISES,
        "chapters/01-a": [
            EXERCISES["chapters/01-a"][0],
            Exercise("ex-b", "1.2", "B", 10, "pairs", debrief=3, transition=2),
        ],
    }
    plan = ('"check-in"', '"agreements"', "1", '"break:15"', "2", '"home:ex-b"')
    after = session("two", 30, '"check-in"', '"review:5"', '"check-out"')
    path = write_format(tmp_path, session("one", 120, *plan, '"check-out"') + after)
    with pytest.raises(FormatError) as err:
        load_format(path, CHAPTERS, exercises)
    message = "session 'one' sends pairs exercise 1.2 home ('home:ex-b'), but it "
    assert any(message in text for text, _ in err.value.problems)
    assert problem_line(err.value, message) == line_of(path, '"home:ex-b"')


def test_the_last_session_sets_no_home_practice(tmp_path: Path) -> None:
    plan = ('"check-in"', '"agreements"', "1", '"break:15"', "2", '"home:ex-a"')
    first = session("one", 150, '"check-in"', '"agreements"', '"check-out"')
    path = write_format(tmp_path, first + session("two", 120, *plan, '"check-out"'))
    err = fails(path, "session 'two' is the last of its format, so it sets no home")
    assert problem_line(err, "is the last") == line_of(path, '"home:ex-a"')
    # A format of one session (a day) ends as an ending too.
    path = write_format(tmp_path, session("day", 120, *plan, '"check-out"'))
    fails(path, "session 'day' is the last of its format, so it sets no home")


def test_session_over_its_length_names_file_line_and_session(tmp_path: Path) -> None:
    path = write_format(tmp_path, session("one", 140, *GOOD))
    err = fails(path, "session 'one' does not fit: its items take 150 minutes, 10 more")
    assert err.line == line_of(path, "length = 140")


def test_less_than_five_minutes_spare_fails(tmp_path: Path) -> None:
    path = write_format(tmp_path, session("one", 153, *GOOD))
    err = fails(path, "session 'one' leaves 3 minutes spare (150 of 153)")
    assert err.line == line_of(path, "length = 153")


def test_break_just_before_the_check_out_fails(tmp_path: Path) -> None:
    plan = (
        '"check-in"',
        '"agreements"',
        "1",
        '"break:15"',
        '"home:ex-c"',
        '"check-out"',
    )
    path = write_format(
        tmp_path,
        session("one", 120, *plan, extra='[sessions.exercises]\n"1" = ["ex-a"]\n'),
    )
    err = fails(
        path, "session 'one' puts its break at 19:23, just before the check-out"
    )
    assert problem_line(err, "just before") == line_of(path, '"break:15"')


def test_no_stretch_longer_than_ninety_minutes(tmp_path: Path) -> None:
    plan = ('"check-in"', '"agreements"', "1", "2", '"break:15"', '"check-out"')
    path = write_format(tmp_path, session("day", 200, *plan))
    err = fails(
        path,
        "session 'day' runs 98 minutes without a break (18:30 to 20:08, "
        "through 'Chapter 2: Two')",
    )
    assert problem_line(err, "without a break") == line_of(path, "plan = [")


def test_break_must_fall_near_the_middle(tmp_path: Path) -> None:
    plan = ('"check-in"', '"break:15"', '"agreements"', "1", '"check-out"')
    path = write_format(tmp_path, session("one", 120, *plan))
    err = fails(path, "session 'one': the break at 18:40 is not near the middle")
    assert problem_line(err, "near the middle") == line_of(path, '"break:15"')


def test_every_session_after_the_first_reviews_the_home_practice(
    tmp_path: Path,
) -> None:
    body = session("one", 160, *GOOD) + session("two", 160, *GOOD)
    path = write_format(tmp_path, body)
    err = fails(path, "session 'two' does not open by reviewing the home practice")
    assert err.line == line_of(path, "plan = [", after='slug = "two"')
    assert len(err.problems) == 1  # session one is fine
    reviewed = ('"check-in"', '"agreements"', '"review:5"', *GOOD[2:])
    fmt = load_format(
        write_format(
            tmp_path, session("one", 160, *GOOD) + session("two", 170, *reviewed)
        ),
        CHAPTERS,
        EXERCISES,
    )
    assert fmt.sessions[1].items[2].title == "Review of the home practice"


def test_the_first_session_has_nothing_to_review(tmp_path: Path) -> None:
    plan = ('"check-in"', '"review:5"', *GOOD[1:])
    path = write_format(
        tmp_path, session("one", 170, *plan) + session("two", 170, *plan)
    )
    err = fails(path, "session 'one' is the first: there is no home practice")
    assert err.line == line_of(path, '"review:5"')


def test_every_problem_of_every_session_is_reported(tmp_path: Path) -> None:
    body = session("one", 140, *GOOD) + session("two", 153, *GOOD)
    err = fails(write_format(tmp_path, body), "session 'one' does not fit")
    messages = " | ".join(text for text, _ in err.problems)
    assert "session 'two' leaves 3 minutes spare" in messages
    assert "session 'two' does not open by reviewing" in messages


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  1,", "  7,"), "names module 7, which no chapter is"),
        (('"break:15"', '"nap:15"'), "unknown plan entry 'nap:15'"),
        (('start = "18:30"', 'start = "half six"'), "start must be a time"),
        (
            ("  1,", '  { module = 1, until = "ex-z" },'),
            "module 1 has no exercise 'ex-z'",
        ),
        (("  1,", '  { module = 1, until = "ex-a" },'), "stops module 1 part-way"),
        (("  2,", "  2,\n  2,"), "names module 2 again, but it is already complete"),
        (('"check-out"', '"home:ex-q"'), "'home:ex-q' names no exercise"),
    ],
)
def test_bad_format_entries(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write_format(tmp_path, session("one", 300, *GOOD).replace(*change))
    fails(path, message)


def test_chosen_exercises_must_exist(tmp_path: Path) -> None:
    body = session("one", 200, *GOOD) + '[sessions.exercises]\n"1" = ["ex-z"]\n'
    fails(write_format(tmp_path, body), "module 1 has no exercise 'ex-z'")


def test_chosen_exercises_shorten_the_module(tmp_path: Path) -> None:
    body = session("one", 200, *GOOD) + '[sessions.exercises]\n"1" = ["ex-b"]\n'
    one = load_format(write_format(tmp_path, body), CHAPTERS, EXERCISES).sessions[0]
    assert [i.exercise for i in one.items if i.kind == "exercise"] == ["ex-b", "ex-c"]
    # Teaching either side of the exercise not chosen runs as one stretch.
    assert one.items[2].parts == (0, 1) and one.items[2].minutes == 20


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
        "Plan for session 1",
        "Check-in",
        "Group agreements",
    ]
    assert "Sample chapter" in titles and "Exercise 3.1: Sample exercise" in titles
    assert "Exercise 3.2: Other exercise" not in titles  # not chosen for this session
    assert "Read the chapter" not in titles  # the module decks' closing slide
    # The run sheet's order: the module split by the break, the exercise set as
    # home practice out of the room, the key points with the discussion. One
    # content note per deck (the chapter's own is left out); the crisis lines last.
    assert titles[5:] == [
        "Sample chapter",
        "In this chapter you will",
        "First section",
        "Exercise 3.1: Sample exercise",
        "Break",
        "Second section",
        "Key points",
        "Questions to discuss",
        "Home practice",
        "Check-out",
        "Keep reading",
        "If you need help now",
    ]
    assert titles.count("Content note") == 1
    # Timed slides: the speaker view paces the deck (data-timing: the run sheet's
    # minutes; totalTime) and activities and breaks have a countdown (seconds).
    activity = page.select_one("section[data-state='activity']")
    assert activity["data-timing"] == "1080"  # 15 minutes and a 3-minute debrief
    assert activity["data-countdown"] == "900"  # the activity itself
    pause = page.select_one("section[data-state='break']")
    assert pause["data-timing"] == pause["data-countdown"] == "600"
    assert '{"totalTime": 5100}' in (app.outdir / "short" / "evening.html").read_text()
    assert "CONTENT-NOTE-OF-THE-COURSE" in text and "CRISIS-LINE-TEXT, 988" in text
    agenda = [row.get_text(" ", strip=True) for row in page.select("table.agenda tr")]
    assert agenda[0] == "19:00 Opening check-in" and agenda[-1] == "20:25 End"
    assert page.select_one("figure.qr svg") is not None
    assert "https://courses.test-course.org/course/chapters/03-sample.html" in text
    notes = " ".join(n.get_text(" ") for n in page.select("aside.notes"))
    assert "FACILITATOR-SECTION-TEXT" in notes and "DEBRIEF-TEXT" in notes
    html = (app.outdir / "short" / "evening.html").read_text()
    assert 'src="../_static/revealjs/dist/reveal.js"' in html and "RevealNotes" in html
    index = BeautifulSoup(
        (app.outdir / "short" / "index.html").read_text(), "html.parser"
    )
    assert "19:00 to 20:25, 85 of 90 minutes (5 spare)" in index.get_text(" ")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in index.select("section.run-sheet")[0].select("tbody tr")
    ]
    # The run sheet and the agenda slide list the same items at the same times.
    assert [f"{row[0]} {row[2].split(' 15 activity')[0]}" for row in rows] == agenda[
        :-1
    ]
    assert [
        "19:25",
        "18",
        "Exercise 3.1: Sample exercise (solo) 15 activity + 3 debrief minutes",
    ] in rows
    decks = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert decks.find("a", href="short/evening.html") is not None


@pytest.mark.sphinx("decks", testroot="course", srcdir="course-run-sheet-cues")
def test_session_deck_notes_open_with_the_run_sheets_line(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    page = BeautifulSoup(
        (app.outdir / "short" / "evening.html").read_text(), "html.parser"
    )
    cues = [c.get_text(" ", strip=True) for c in page.select(".run-sheet-cue")]
    activity = page.select_one("section[data-state='activity'] aside.notes")
    # The exercise's notes open with its run-sheet line: clock, minutes, parts.
    first = activity.find(class_="notes-cue")
    assert "run-sheet-cue" in first["class"]
    assert first.get_text(strip=True) == (
        "Run sheet: 19:25 to 19:43, 18 minutes (15 activity + 3 debrief)."
    )
    assert cues[0].startswith("Run sheet: 19:10 to 19:25, 15 minutes")
    assert cues[-1] == "Run sheet: 19:58 to 20:13, 15 minutes."  # the discussion
    # Home practice is done alone, with each exercise's safeguards said aloud.
    home = page.select_one("section[data-state='home-practice']")
    assert "on your own" in home.get_text(" ")
    assert "Exercise 3.2: Other exercise (on your own)" in home.get_text(" ")
    # The next session's review prints its own minutes, not the exercise's.
    review = BeautifulSoup(
        (app.outdir / "short" / "follow-up.html").read_text(), "html.parser"
    ).select_one("section[data-state='review'] aside.notes")
    assert review.p.get_text() == "Run sheet: 19:10 to 19:15, 5 minutes."
    assert "10 minutes" not in review.get_text(" ")


@pytest.mark.sphinx(
    "decks",
    testroot="course",
    srcdir="course-placeholder-address",
    confoverrides={"course_base_url": "https://course.example.org/"},
)
def test_session_deck_prints_no_placeholder_address(app) -> None:
    app.build()
    html = (app.outdir / "short" / "evening.html").read_text()
    page = BeautifulSoup(html, "html.parser")
    assert "example.org" not in html
    closing = page.select("section[data-state=closing]")[-1]
    assert closing.select("figure.qr") == []
    assert "Sample chapter" in closing.get_text(" ")
    crisis = page.select("section[data-state=crisis-lines]")[-1]
    assert "CRISIS-LINE-TEXT, 988" in crisis.get_text()


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
        "Session 1: The sample evening (Short evening)",
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


DAY_FORMAT = """title = "Whole day"
description = "The course in one sitting."
check_in = 5
agreements = 5
check_out = 10
home_practice = 2

[[sessions]]
slug = "day"
title = "The sample day"
start = "09:00"
length = 120
plan = ["check-in", "agreements", 3, "check-out"]
"""


def _decks_of(make_app, project: Path):
    app = make_app(
        "decks", builddir=project / "_build", **production_layout(project, "decks")
    )
    app.build()
    assert warnings_of(app) == ""
    return Path(app.outdir)


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_projected_agendas_show_what_takes_time_titled_from_the_format(
    make_app, course_copy: Path
) -> None:
    """Every session of every format (a day of one session, an evening of a
    series): its agenda leaves out what has no minutes of its own, a day's plan
    is not "this session", and the index names chapters by count."""
    # The day gives its discussion questions no minutes: optional, 0 on the
    # run sheet.
    formats = course_copy / "slides" / "formats"
    (formats / "whole-day.toml").write_text(DAY_FORMAT, encoding="utf-8")
    out = _decks_of(make_app, course_copy)
    expected_titles = {
        ("short", "evening"): "Plan for session 1",
        ("short", "follow-up"): "Plan for session 2",
        ("whole-day", "day"): "Today's plan",
    }
    zero_rows = 0
    for (fmt, slug), title in expected_titles.items():
        sheet = _page(out / fmt / "index.html")
        section = next(
            s
            for s in sheet.select("section.run-sheet")
            if s.h2.a["href"] == f"{slug}.html"
        )
        rows = [
            [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in section.select("tbody tr")
        ]
        untimed = {row[2] for row in rows if row[1] == "0"}
        zero_rows += len(untimed)
        deck = _page(out / fmt / f"{slug}.html")
        agendas = deck.select("section[data-state=agenda]")
        assert agendas, (fmt, slug)
        shown = []
        for agenda in agendas:
            assert agenda.h2.get_text(" ", strip=True).startswith(title), (fmt, slug)
            shown += [tr.find_all("td")[1].get_text() for tr in agenda.select("tr")]
        assert not untimed & set(shown), (fmt, slug, untimed & set(shown))
        assert shown[-1] == "End" and len(shown) == len(rows) - len(untimed) + 1
        # No slot label doubled before the exercise that fills it.
        assert not [row for row in rows if row[2].count(": Exercise")], rows
    assert zero_rows, "the optional discussion questions: material to check"
    # The deck index: sessions numbered as their files, chapters by count.
    index = _page(out / "index.html").get_text(" ")
    index = " ".join(index.split())
    assert "Session 1: The sample evening (90 minutes, Chapter 3)" in index
    assert "Session 2: The follow-up (30 minutes)" in index
    assert "The sample day (120 minutes, Chapter 3)" in index
    assert "modules" not in index.lower()
    subtitle = _page(out / "whole-day" / "day.html").select_one(".deck-subtitle")
    assert subtitle.get_text(" ", strip=True) == "Test course · Whole day"
    subtitle = _page(out / "short" / "follow-up.html").select_one(".deck-subtitle")
    assert (
        subtitle.get_text(" ", strip=True) == "Test course · Short evening · Session 2"
    )
    # The run sheets number their sessions as the decks do.
    headings = [
        h.get_text(" ", strip=True)
        for h in _page(out / "short" / "index.html").select("h2")
    ]
    assert headings == ["Session 1: The sample evening", "Session 2: The follow-up"]
