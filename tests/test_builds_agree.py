"""What fails one build fails them all: html, preview, decks and the full build.

A module that no workshop format teaches used to fail only the facilitator
guide's build, so ``nox -s html`` and the preview passed and ``nox -s build``
failed. The check now runs after reading in every build of the book's extension.
And a build that failed fails again when run again unchanged: Sphinx keeps what
it read before its checks ran, so without care the second run would skip them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import production_layout, warnings_of
from helpers import run_coursepress

UNTAUGHT = """\
---
module: 4
teaching_minutes: 10
---

# An extra chapter

UNTAUGHT-TEXT no session teaches.

:::{slide}
- A bullet
:::
"""
WARNING = "module 4 ('An extra chapter') is in no session of the workshop formats"


def add_untaught_module(root: Path) -> None:
    (root / "book" / "chapters" / "04-extra.md").write_text(UNTAUGHT, "utf-8")


@pytest.mark.parametrize(
    ("builder", "project"),
    [("dummy", "html"), ("html", "html"), ("decks", "decks")],
)
def test_a_module_in_no_session_fails_every_build(
    make_app, course_copy: Path, builder: str, project: str
) -> None:
    add_untaught_module(course_copy)
    layout = production_layout(course_copy, project)
    app = make_app(builder, builddir=course_copy / "_build", **layout)
    app.build()
    warnings = warnings_of(app)
    assert "book/chapters/04-extra.md:1: WARNING: " + WARNING in warnings, warnings
    assert warnings.count(WARNING) == 1, warnings  # once, though loaded twice


def test_a_failed_build_fails_again_when_run_again(project: Path) -> None:
    add_untaught_module(project)
    for attempt in (1, 2):
        result = run_coursepress(project, "build", "html")
        assert result.returncode == 1, (attempt, result.stderr)
        assert WARNING in result.stderr, (attempt, result.stderr)
