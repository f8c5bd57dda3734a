"""Broken course sources fail the build with the file, the line and what to do.

Each case copies the small course of tests/roots/test-course (laid out like the
project: book/, exercises/, slides/), breaks one thing and builds it. Most cases
build in-process with sphinx.testing and check the warning the strict build
turns into a failure (fast tier); a few run ``coursepress build`` in a
subprocess, end to end: exit status 1, the message, no traceback (full tier).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import production_layout, warnings_of
from helpers import run_coursepress

CHAPTER = "book/chapters/03-sample.md"
#: coursepress build output -> the builder of the in-process build. The book's
#: errors are found reading and resolving, which Sphinx's "dummy" builder does as
#: "html" does, with the book's configuration, but without writing the pages (a
#: third of the time). The decks need their own builder and conf.py.
BUILDERS = {"html": "dummy", "slides": "decks"}


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warns_with(
    make_app: Callable[..., object],
    project: Path,
    *expected: str,
    output: str = "html",
) -> str:
    """Build ``project`` in-process; the warnings (errors under -W) must name
    every part of ``expected``. A raised exception fails the test."""
    layout = production_layout(project, "decks" if output == "slides" else "html")
    app = make_app(BUILDERS[output], builddir=project / "_build", **layout)
    app.build()
    warnings = warnings_of(app)
    assert re.search(r": (WARNING|ERROR|CRITICAL):", warnings), warnings
    for text in expected:
        assert text in warnings, warnings
    return warnings


def fails_with(project: Path, *expected: str, output: str = "html") -> str:
    result = run_coursepress(project, "build", output)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


def test_the_small_project_builds_cleanly(project: Path) -> None:
    result = run_coursepress(project, "build", "html", "slides")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            CHAPTER,
            "ex-other\n",
            "ex-missing\n",
            (f"{CHAPTER}:52", "no exercise named 'ex-missing'"),
        ),
        (
            CHAPTER,
            "sources: [source_one]",
            "sources: [no_such_source]",
            (f"{CHAPTER}:4", "unknown source key 'no_such_source'"),
        ),
        (
            CHAPTER,
            "module: 3",
            "module: three",
            (f"{CHAPTER}:2", "'module' must be a whole number"),
        ),
        (
            CHAPTER,
            "teaching_minutes: 20",
            "teaching_minutes: 20\nduraton: 5",
            (f"{CHAPTER}:4", "unknown front matter field 'duraton'"),
        ),
        (
            CHAPTER,
            "See {ref}`ex-sample`",
            "See {ref}`no-such-label`",
            (CHAPTER, "no-such-label"),
        ),
        (
            CHAPTER,
            "{chapter}`ch-sample`",
            "{chapter}`ch-gone`",
            (f"{CHAPTER}:34", "{chapter} names 'ch-gone', which is no chapter's"),
        ),
        (
            CHAPTER,
            "{chapter}`ch-sample`",
            "{chapter}`ex-sample`",
            (f"{CHAPTER}:34", "names 'ex-sample', which is no chapter's label"),
        ),
        (CHAPTER, ":::{keypoints}", ":::{keypoint}", (CHAPTER, "keypoint")),
        (
            CHAPTER,
            "- OBJECTIVE-TEXT one\n",
            "",
            (CHAPTER, "'objectives' directive is empty"),
        ),
        (
            "exercises/ex-sample.md",
            "duration: 15",
            "duration: a quarter hour",
            ("exercises/ex-sample.md:3", "'duration' must be whole minutes"),
        ),
        (
            "exercises/ex-sample.md",
            "format: solo",
            "format: trio",
            ("exercises/ex-sample.md:4", "'format' must be one of solo, pairs"),
        ),
        (
            "exercises/ex-sample.md",
            "title: Sample exercise\n",
            "",
            ("exercises/ex-sample.md:1", "missing field 'title'"),
        ),
        (
            "exercises/ex-sample.md",
            "debrief: 3\n",
            "",
            (
                "exercises/ex-sample.md:3",
                "has {debrief} questions but no 'debrief' minutes",
            ),
        ),
        (
            "exercises/ex-sample.md",
            "debrief: 3\n",
            "debrief: 3\ntransition: two\n",
            ("exercises/ex-sample.md:6", "'transition' must be whole minutes"),
        ),
        (
            "exercises/ex-sample.md",
            "materials:\n",
            "materials: [\n",
            ("exercises/ex-sample.md", "invalid YAML front matter"),
        ),
        (
            "exercises/ex-sample.md",
            ":::{prompts}",
            ":::{reflections}",
            ("exercises/ex-sample.md", "reflections"),
        ),
    ],
    ids=[
        "missing-exercise",
        "unknown-source",
        "module-not-a-number",
        "unknown-field",
        "broken-reference",
        "chapter-mention-of-a-missing-label",
        "chapter-mention-of-an-exercise",
        "unknown-directive",
        "empty-directive",
        "bad-duration",
        "unknown-format",
        "missing-title",
        "debrief-minutes-missing",
        "bad-transition",
        "invalid-yaml",
        "unknown-directive-in-exercise",
    ],
)
def test_broken_source_fails_naming_file_and_line(
    make_app, course_copy: Path, name: str, old: str, new: str, expected: tuple[str]
) -> None:
    edit(course_copy, name, old, new)
    warns_with(make_app, course_copy, *expected)


def test_duplicate_module_is_refused(make_app, course_copy: Path) -> None:
    copy = "book/chapters/04-copy.md"
    shutil.copy(course_copy / CHAPTER, course_copy / copy)
    edit(course_copy, copy, "(ch-sample)=", "(ch-copy)=")
    edit(course_copy, copy, ":::{exercise} ex-sample\n:::\n", "")
    edit(course_copy, copy, ":::{exercise} ex-other\n:::\n", "")
    warns_with(make_app, course_copy, copy, "module 3 is also 'chapters/03-sample'")


def test_exercise_that_is_not_utf8(make_app, course_copy: Path) -> None:
    path = course_copy / "exercises" / "ex-sample.md"
    path.write_bytes(
        path.read_text(encoding="utf-8").replace("pen", "p\u00e9n").encode("latin-1")
    )
    warns_with(make_app, course_copy, "exercises/ex-sample.md:7", "not UTF-8")


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_published_site_untouched(project: Path) -> None:
    assert run_coursepress(project, "build", "html").returncode == 0
    site = project / "build" / "site"
    before = _tree_digest(site)
    edit(project, CHAPTER, "module: 3", "module: x")
    fails_with(project, "build/site was left as it was")
    assert _tree_digest(site) == before


def test_session_that_does_not_fit_fails_naming_it(project: Path) -> None:
    """End to end, after a clean build: the next one fails all the same."""
    assert run_coursepress(project, "build", "slides").returncode == 0
    edit(project, "slides/formats/short.toml", "length = 90", "length = 80")
    fails_with(
        project,
        "slides/formats/short.toml:12",
        "session 'evening' does not fit: its items take 85 minutes, 5 more",
        output="slides",
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "length = 90",
            "length = 88",
            ("short.toml:12", "session 'evening' leaves 3 minutes spare"),
        ),
        (
            '"break:10", 3,\n  "home:ex-other",',
            '3,\n  "home:ex-other", "break:10",',
            ("short.toml:15", "session 'evening' puts its break at", "check-out"),
        ),
    ],
    ids=["under-five-spare", "break-before-check-out"],
)
def test_session_breaking_a_room_rule_fails_naming_it(
    make_app, course_copy: Path, old: str, new: str, expected: tuple[str, ...]
) -> None:
    edit(course_copy, "slides/formats/short.toml", old, new)
    warns_with(make_app, course_copy, *expected, output="slides")


AFTER_SUBSECTION = "SUBSECTION-PROSE-TEXT joins the notes.\n"  # line 42; new text at 44


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            ":::{keypoints}\n- KEYPOINT-TEXT\n:::\n",
            ":::{keypoints}\n- KEYPOINT-TEXT\n",
            (
                f"{CHAPTER}:58",
                "':::{discussion}' is not closed inside ':::{keypoints}' (line 55)",
            ),
        ),
        (
            AFTER_SUBSECTION,
            AFTER_SUBSECTION + "\n```text\nnever closed\n",
            (f"{CHAPTER}:44", "unclosed fence '```text'", "close it with a line of"),
        ),
        (
            AFTER_SUBSECTION,
            AFTER_SUBSECTION + "\n```{include} ../snippets/missing.md\n```\n",
            (f"{CHAPTER}:44", "file not found", "snippets/missing.md"),
        ),
        (
            "## Second section\n",
            "(ch-sample)=\n## Second section\n",
            (f"{CHAPTER}:44", 'Duplicate explicit target name: "ch-sample"'),
        ),
        (
            AFTER_SUBSECTION,
            AFTER_SUBSECTION + "\n![A drawing](../images/missing.png)\n",
            (f"{CHAPTER}:44", "image file not readable", "missing.png"),
        ),
        (
            "### A subsection\n",
            "#### A subsection\n",
            (f"{CHAPTER}:40", "Non-consecutive header level increase; H2 to H4"),
        ),
    ],
    ids=[
        "unclosed-directive-fence",
        "unclosed-code-fence",
        "missing-include",
        "duplicate-label",
        "missing-image",
        "skipped-heading-level",
    ],
)
def test_broken_markdown_fails_naming_file_and_line(
    make_app, course_copy: Path, old: str, new: str, expected: tuple[str, ...]
) -> None:
    edit(course_copy, CHAPTER, old, new)
    warns_with(make_app, course_copy, *expected)


def test_empty_chapter_fails_naming_it(make_app, course_copy: Path) -> None:
    empty = course_copy / "book" / "chapters" / "04-empty.md"
    empty.write_text("", encoding="utf-8")
    warns_with(make_app, course_copy, "book/chapters/04-empty.md:1", "no front matter")


@pytest.mark.parametrize(
    ("name", "old", "new", "output", "expected"),
    [
        (
            CHAPTER,
            "module: 3",
            "module: three",
            "html",
            (f"{CHAPTER}:2", "'module' must be a whole number"),
        ),
        (
            "exercises/ex-sample.md",
            "format: solo",
            "format: trio",
            "html",
            ("exercises/ex-sample.md:4", "'format' must be one of solo, pairs"),
        ),
        (
            CHAPTER,
            ":::{keypoints}\n- KEYPOINT-TEXT\n:::\n",
            ":::{keypoints}\n- KEYPOINT-TEXT\n",
            "html",
            (f"{CHAPTER}:58", "is not closed inside ':::{keypoints}' (line 55)"),
        ),
        (
            "slides/formats/short.toml",
            "length = 90",
            "length = 88",
            "slides",
            ("short.toml:12", "session 'evening' leaves 3 minutes spare"),
        ),
    ],
    ids=["chapter-front-matter", "exercise-field", "unclosed-fence", "format-rule"],
)
def test_coursepress_build_fails_without_traceback(
    project: Path, name: str, old: str, new: str, output: str, expected: tuple[str]
) -> None:
    """End to end through ``coursepress build``: exit status 1, the file and
    line in the message, no traceback (each kind of input once)."""
    edit(project, name, old, new)
    fails_with(project, *expected, output=output)
