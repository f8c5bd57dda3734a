"""``coursepress prose``: each check fails when it should, and the real course passes.

Every test writes a small course that passes (``write_course``), breaks one thing,
and reads what a maintainer would read: the exit code and ``file:line: message``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from coursepress.cli import main
from coursepress.course.exercise import PAIRING
from coursepress.prose.model import Page, TextBlock
from coursepress.prose.sentences import sentences

PROJECT = Path(__file__).resolve().parent.parent

SOURCE = (
    "Every quiet kitchen table at midnight hides a river of unspoken worry. "
    "Brothers who never speak about their fathers still carry them everywhere."
)
# Eight words of SOURCE in a row, and seven.
COPIED_8 = "every quiet kitchen table at midnight hides a"
COPIED_7 = "every quiet kitchen table at midnight hides"


def _prose(section: int, sentences: int = 70) -> str:
    """Plain running text, five sentences to a paragraph, shared with no source.

    Twelve words a sentence: under the average the course allows.
    """
    lines = [
        f"In part {section}, step {n} asks you to notice one small feeling."
        for n in range(sentences)
    ]
    return "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, sentences, 5))


CHAPTER = """\
---
module: 1
teaching_minutes: 20
sources: [known2020]
---

(ch-sample)=
# A sample chapter

:::{content-note}
This chapter touches on shame.
:::

An opening paragraph that cites {cite:p}`known2020` and names {term}`steady ground`.

:::{objectives}
- Name one thing
- Describe another thing
- Practise a third thing
:::

## First section

PROSE1

:::{slide}
- A short bullet
- Another short bullet
:::

:::{facilitator}
About 5 minutes. Watch the room.
:::

:::{exercise} ch01-alone
:::

## Second section

PROSE2

:::{slide}
- One more short bullet
:::

:::{facilitator}
About 5 minutes.
:::

:::{exercise} ch01-together
:::

:::{keypoints}
- One point
- Two points
- Three points
:::

:::{discussion}
- A question for the group?
:::
"""

EXERCISE = """\
---
title: {title}
duration: {duration}
format: {format}
{pairing}debrief: 3
materials: []
---

Take a few minutes and think about {{term}}`quiet signal`.

:::{{prompts}}
- What do you notice?
:::

:::{{debrief}}
- What did people notice?
:::
"""

GLOSSARY = """\
(glossary)=
# Glossary

:::{glossary}
:sorted:

steady ground
  A place to stand when feelings run high.

quiet signal
  A small sign that someone needs company.
:::
"""

BIB = """\
@book{known2020,
  title = {Known},
  author = {A. Author},
  year = {2020}
}
"""


def write_course(root: Path) -> Path:
    """A course that passes every check; returns its chapter's path."""
    (root / "book" / "chapters").mkdir(parents=True)
    (root / "exercises").mkdir()
    (root / "sources").mkdir()
    chapter = root / "book" / "chapters" / "01-sample.md"
    chapter.write_text(
        CHAPTER.replace("PROSE1", _prose(1)).replace("PROSE2", _prose(2)),
        encoding="utf-8",
    )
    for name, fmt in [("ch01-alone", "solo"), ("ch01-together", "pairs")]:
        (root / "exercises" / f"{name}.md").write_text(
            EXERCISE.format(
                title=name,
                duration=10,
                format=fmt,
                pairing=f"pairs: {PAIRING}\n" if fmt == "pairs" else "",
            ),
            encoding="utf-8",
        )
    (root / "book" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (root / "book" / "references.bib").write_text(BIB, encoding="utf-8")
    (root / "sources" / "talk.txt").write_text(SOURCE, encoding="utf-8")
    return chapter


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, after: str = "") -> int:
    """1-based line of the first line containing ``needle`` (after ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def prose(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    sources = ["--sources", str(root / "sources")] if "--sources" not in args else []
    code = main(["--root", str(root), "prose", *sources, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def course(tmp_path: Path) -> Path:
    write_course(tmp_path)
    return tmp_path


@pytest.fixture
def chapter(course: Path) -> Path:
    return course / "book" / "chapters" / "01-sample.md"


def fails_with(course: Path, capsys, path: Path, line: int, message: str) -> str:
    code, out, _ = prose(course, capsys)
    assert code == 1, out
    expected = f"{path.resolve()}:{line}: "
    hits = [row for row in out.splitlines() if row.startswith(expected)]
    assert any(message in row for row in hits), out
    return out


def test_the_fixture_passes(course, capsys):
    code, out, err = prose(course, capsys)
    assert code == 0, out
    assert "all prose checks passed" in out
    row = next(line for line in out.splitlines() if line.startswith("01-sample"))
    # words, grade, sentence, >30, sections, slides, exercises, problems
    assert row.split()[3:] == ["12.0", "0", "2", "2", "2", "0"]
    assert "source overlap checked against 1 text in" in err


def test_missing_objectives(course, chapter, capsys):
    edit(chapter, ":::{objectives}", ":::{discussion}")
    fails_with(
        course, capsys, chapter, line_of(chapter, "# A sample"), "no {objectives}"
    )


@pytest.mark.parametrize("count", [2, 6])
def test_objectives_count(course, chapter, capsys, count):
    items = "".join(f"- Objective {n}\n" for n in range(count))
    edit(
        chapter,
        "- Name one thing\n- Describe another thing\n- Practise a third thing\n",
        items,
    )
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, ":::{objectives}"),
        f"{{objectives}} has {count} items: write 3 to 5",
    )


def test_slide_with_eight_bullets(course, chapter, capsys):
    bullets = "".join(f"- Bullet {n}\n" for n in range(8))
    edit(chapter, "- One more short bullet\n", bullets)
    line = line_of(chapter, ":::{slide}", after="## Second")
    fails_with(course, capsys, chapter, line, "slide has 8 bullets")


def test_paragraph_bullet(course, chapter, capsys):
    long = (
        "- A bullet that goes on and on, explaining at length everything the "
        "section says in its own prose below\n"
    )
    edit(chapter, "- Another short bullet\n", long)
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "goes on and on"),
        "slide bullet of 19 words reads as a paragraph",
    )


def test_paragraph_on_a_slide(course, chapter, capsys):
    edit(chapter, "- One more short bullet\n", "A sentence, not a bullet.\n")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "not a bullet"),
        "a paragraph on a slide",
    )


def test_section_without_slide_or_notes(course, chapter, capsys):
    edit(chapter, ":::{slide}\n- One more short bullet\n:::\n", "")
    edit(chapter, ":::{facilitator}\nAbout 5 minutes.\n:::\n", "")
    out = fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "## Second section"),
        "section 'Second section' has no {slide}",
    )
    assert "section 'Second section' has no {facilitator} notes" in out


def test_exercises_need_a_group_format(course, capsys):
    together = course / "exercises" / "ch01-together.md"
    edit(together, "format: pairs", "format: solo")
    chapter = course / "book" / "chapters" / "01-sample.md"
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, ":::{exercise} ch01-alone"),
        "no group exercise",
    )


def test_one_exercise_is_too_few(course, chapter, capsys):
    edit(chapter, ":::{exercise} ch01-together\n:::\n", "")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, ":::{exercise} ch01-alone"),
        "chapter has 1 exercises: include 2 to 4",
    )


def test_exercise_without_duration(course, capsys):
    alone = course / "exercises" / "ch01-alone.md"
    edit(alone, "duration: 10", "duration: ten")
    fails_with(course, capsys, alone, 3, "'duration' must be whole minutes")


def test_unknown_glossary_term(course, chapter, capsys):
    edit(chapter, "{term}`steady ground`", "{term}`steady groud`")
    line = line_of(chapter, "steady groud")
    out = fails_with(
        course, capsys, chapter, line, "unknown glossary term 'steady groud'"
    )
    # ... which leaves the real entry unused.
    glossary = course / "book" / "glossary.md"
    assert (
        f"{glossary.resolve()}:{line_of(glossary, 'steady ground')}: glossary term"
        in out
    )


def test_unused_glossary_term(course, capsys):
    glossary = course / "book" / "glossary.md"
    edit(glossary, ":::\n", "unused idea\n  Never mentioned anywhere.\n:::\n")
    fails_with(
        course,
        capsys,
        glossary,
        line_of(glossary, "unused idea"),
        "glossary term 'unused idea' is never used with {term}",
    )


def test_terms_match_like_sphinx(course, chapter, capsys):
    """Case and line wrapping do not matter, an explicit title does not count."""
    edit(chapter, "{term}`steady ground`", "{term}`firm footing <Steady\nGround>`")
    code, out, _ = prose(course, capsys)
    assert code == 0, out


def test_unknown_citation_key(course, chapter, capsys):
    edit(chapter, "{cite:p}`known2020`", "{cite:p}`known2020,invented1999`")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "invented1999"),
        "unknown citation key 'invented1999'",
    )


def test_copied_run_of_eight_words(course, chapter, capsys):
    edit(
        chapter,
        "## Second section\n\n",
        f"## Second section\n\nThey say {COPIED_8} today.\n",
    )
    out = fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "They say"),
        f'8 words in a row from the source text talk.txt: "{COPIED_8}"',
    )
    assert out.count("words in a row") == 1


def test_seven_words_and_quoted_runs_are_allowed(course, chapter, capsys):
    quoted = "\u201cEvery quiet Kitchen table at midnight hides a river\u201d"
    edit(
        chapter,
        "## Second section\n\n",
        f'## Second section\n\nThey say {COPIED_7} today. As she put it, "{COPIED_8}"'
        f" and {quoted} too.\n\n",
    )
    code, out, _ = prose(course, capsys)
    assert code == 0, out


def test_overlap_is_skipped_without_sources(course, chapter, capsys):
    edit(chapter, "## Second section\n\n", f"## Second section\n\n{COPIED_8}.\n\n")
    # The default, ../shared/sources from the project folder, is absent here.
    code = main(["--root", str(course), "prose"])
    out, err = capsys.readouterr()
    assert code == 0, out
    assert "source overlap not checked: no folder ../shared/sources" in err


def test_a_missing_sources_folder_is_a_usage_error(course, capsys):
    code, _, err = prose(course, capsys, "--sources", str(course / "nowhere"))
    assert code == 2
    assert "nowhere: no such folder" in err


def test_a_source_saved_as_a_web_page_is_read(course, chapter, capsys):
    # The words of the page, not its markup: a tag between two words, a script
    # and a menu must not hide the copied run.
    (course / "sources" / "talk.txt").unlink()
    (course / "sources" / "talk.html").write_text(
        "<!doctype html><html><head><title>Talk</title>"
        "<script>var every = 'quiet';</script></head><body><nav>Home</nav>"
        f"<article><p>{SOURCE.replace('kitchen', '<em>kitchen</em>')}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    edit(chapter, "## Second section\n\n", f"## Second section\n\n{COPIED_8}.\n\n")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, COPIED_8),
        "8 words in a row from the source text talk.html",
    )


def test_sources_that_cannot_be_read_are_named(course, capsys):
    (course / "sources" / "scan.pdf").write_bytes(b"%PDF-1.7 ...")
    (course / "sources" / "saved.txt").write_bytes(b"%PDF-1.7 ...")
    code, out, err = prose(course, capsys)
    assert code == 0, out
    assert "not read saved.txt (this is a PDF document" in err
    assert "not read scan.pdf (not a .txt, .md or .html file)" in err
    assert "checked against 1 text in" in err


def test_todo_markers_and_unverified_records_are_listed(course, chapter, capsys):
    edit(chapter, "- A short bullet\n", "- TODO: slide bullets\n")
    exercise = course / "exercises" / "ch01-alone.md"
    edit(exercise, "- What do you notice?\n", "- TODO: a prompt\n")
    record = course / "book" / "draft.bib"
    record.write_text(
        "% status: unverified. Written by coursepress ingest from a.txt: check\n"
        "@misc{doe2024,\n  title = {A Title}\n}\n",
        encoding="utf-8",
    )
    out = fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "TODO"),
        "TODO marker '- TODO: slide bullets': write this part, then delete the marker",
    )
    where = f"{exercise.resolve()}:{line_of(exercise, 'TODO')}"
    assert f"{where}: TODO marker '- TODO: a prompt'" in out
    assert f"{record.resolve()}:1: record 'doe2024' is unverified" in out


def test_content_note_required(course, chapter, capsys):
    edit(chapter, ":::{content-note}\nThis chapter touches on shame.\n:::\n", "")
    edit(chapter, "Watch the room.", "Watch for signs of depression.")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "signs of depression"),
        "mentions 'depression' but has no {content-note}",
    )


def test_prose_too_short(course, chapter, capsys):
    text = chapter.read_text(encoding="utf-8").replace(_prose(2), "Short.")
    chapter.write_text(text, encoding="utf-8")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "# A sample"),
        "words: add to it to 1,500-3,000",
    )


DENSE = (
    "Institutional considerations notwithstanding, emotional communication "
    "characteristically necessitates considerable interpersonal vulnerability. "
)


def test_reading_grade_is_a_ceiling(course, chapter, capsys):
    edit(chapter, "An opening paragraph", DENSE * 40 + "\n\nAn opening paragraph")
    out = fails_with(
        course, capsys, chapter, line_of(chapter, "# A sample"), "reading grade"
    )
    assert "is above 9: split long sentences" in out


def test_plain_prose_is_never_a_fault(course, chapter, capsys):
    """No floor: short sentences in short words pass (grade far below 9)."""
    text = chapter.read_text(encoding="utf-8").replace(
        _prose(1), "\n\n".join(["I cry. You cry. We sit. It is fine."] * 80)
    )
    chapter.write_text(text, encoding="utf-8")
    code, out, _ = prose(course, capsys)
    assert code == 0, out
    assert "warning" not in out


def _sentence(words: int) -> str:
    return " ".join(["word"] * (words - 1)) + " end."


def test_long_average_fails(course, chapter, capsys):
    wordy = "\n\n".join(" ".join([_sentence(20)] * 5) for _ in range(12))
    text = chapter.read_text(encoding="utf-8")
    text = text.replace(_prose(1), wordy).replace(_prose(2), wordy)
    chapter.write_text(text, encoding="utf-8")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "# A sample"),
        "words: above 17 (aim for about 15)",
    )


@pytest.mark.parametrize("count", [3, 4])
def test_long_sentences_are_listed_and_rare(course, chapter, capsys, count):
    """Each sentence over 30 words is named at its line; more than 3 fail."""
    lines = [f"Long one {n}: " + _sentence(31) for n in range(count)]
    edit(
        chapter,
        "## Second section\n\n",
        "## Second section\n\n" + "\n".join(lines) + "\n\n",
    )
    code, out, _ = prose(course, capsys)
    for n in range(count):
        where = f"{chapter.resolve()}:{line_of(chapter, f'Long one {n}:')}"
        assert f"{where}: warning: sentence of 34 words (over 30)" in out
    if count == 3:
        assert code == 0, out
    else:
        assert code == 1
        assert "4 sentences over 30 words: at most 3 a chapter" in out


def test_sentences_split_like_a_reader_reads():
    """e.g. and Dr. do not end a sentence; quotes and brackets close one."""
    page = Page(Path("x.md"))
    block = TextBlock(
        "paragraph",
        3,
        [
            (3, "Dr. Smith says, e.g. here, that it works."),
            (4, '"Does it?" (Yes.) Then we stop'),
        ],
    )
    page.blocks.append(block)
    found = sentences(page)
    assert [(s.line, s.words) for s in found] == [(3, 9), (4, 2), (4, 1), (4, 3)]


#: The plain-language checks, which the real course is held to by the next test.
PLAIN = ("reading grade", "sentences average", "sentences over 30 words")


def test_the_real_course_passes(capsys):
    started = time.monotonic()
    code = main(["--root", str(PROJECT), "prose"])
    out, _ = capsys.readouterr()
    problems = [
        line
        for line in out.splitlines()
        if ": " in line and ".md:" in line and ": warning: " not in line
    ]
    assert [p for p in problems if not any(check in p for check in PLAIN)] == []
    assert code == (1 if problems else 0), out
    chapters = sorted(
        path.stem for path in (PROJECT / "book" / "chapters").glob("*.md")
    )
    rows = [line.split()[0] for line in out.splitlines()[2 : 2 + len(chapters)]]
    assert rows == chapters
    assert time.monotonic() - started < 20


def test_the_real_course_reads_plainly(capsys):
    """Grade at most 9, sentences about 15 words on average, few over 30."""
    code = main(["--root", str(PROJECT), "prose"])
    out, _ = capsys.readouterr()
    plain = [line for line in out.splitlines() if any(c in line for c in PLAIN)]
    assert [
        line for line in plain if ": warning: " not in line and ".md:" in line
    ] == []
    assert code == 0, out
