"""``coursepress prose``: the Safety and source rules of the course brief.

Each test starts from the passing course of ``test_prose.write_course``, breaks
one rule and reads the ``file:line: message`` a maintainer would read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_prose import edit, fails_with, line_of, prose, write_course

SOLO = """
:::{solo}
Do this on your own if your partner is not here, or if you would not feel safe
doing it together.
:::
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    write_course(tmp_path)
    return tmp_path


@pytest.fixture
def chapter(course: Path) -> Path:
    return course / "book" / "chapters" / "01-sample.md"


@pytest.fixture
def together(course: Path) -> Path:
    return course / "exercises" / "ch01-together.md"


def test_a_couples_exercise_needs_a_solo_version(course, together, capsys):
    edit(together, "format: pairs", "format: couples")
    fails_with(course, capsys, together, 4, "add a :::{solo} block")
    together.write_text(together.read_text(encoding="utf-8") + SOLO, "utf-8")
    code, out, _ = prose(course, capsys)
    assert code == 0, out


def test_an_invitation_to_work_with_a_partner_needs_a_solo_version(
    course, together, capsys
):
    edit(together, "Take a few minutes", "Sit with your partner and take a few minutes")
    line = line_of(together, "Sit with your partner")
    fails_with(course, capsys, together, line, "partners may do this exercise together")


def test_prompts_may_mention_a_partner(course, together, capsys):
    # Only the instructions decide how the exercise is done; a prompt about a
    # partner is a question for one person.
    edit(together, "- What do you notice?", "- What would you tell your partner?")
    code, out, _ = prose(course, capsys)
    assert code == 0, out


@pytest.mark.parametrize(
    "claim, advice",
    [
        ("a widely shared comment", "call it one man's comment"),
        ("a comment that struck a chord", "describe what it says"),
        ("as she says on the podcast", "what the episode summary says"),
    ],
)
def test_sources_are_described_by_what_they_are(course, chapter, capsys, claim, advice):
    edit(chapter, "An opening paragraph", f"In {claim}, an opening paragraph")
    fails_with(course, capsys, chapter, line_of(chapter, claim), advice)


def test_a_cited_source_is_listed_in_the_front_matter(course, chapter, capsys):
    edit(chapter, "sources: [known2020]", "sources: []")
    # known2020 is a source of no chapter now: citing research is not a source.
    code, out, _ = prose(course, capsys)
    assert code == 0, out
    second = course / "book" / "chapters" / "02-second.md"
    second.write_text(
        chapter.read_text(encoding="utf-8").replace(
            "sources: []", "sources: [known2020]"
        ),
        encoding="utf-8",
    )
    edit(second, "module: 1", "module: 2")
    edit(second, "(ch-sample)=", "(ch-second)=")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "{cite:p}`known2020`"),
        "cites the source text 'known2020' but its front matter does not list it",
    )


def test_a_listed_source_is_cited(course, chapter, capsys):
    edit(chapter, "cites {cite:p}`known2020` and ", "")
    fails_with(
        course,
        capsys,
        chapter,
        line_of(chapter, "sources:"),
        "lists the source text 'known2020' but never cites it",
    )
