"""The course model without Sphinx: front matter, schemas, bibliography, layout.

Unit tests, no builds: each reads a file or the project's own sources through
``coursepress.course`` and checks what the builders and ``prose`` rely on.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from coursepress.course.bibliography import (
    bib_keys,
    format_entry,
    read_bibliography,
)
from coursepress.course.chapter import check_chapter, unknown_sources
from coursepress.course.crisis import load_crisis
from coursepress.course.errors import CourseFileError, read_toml
from coursepress.course.exercise import FIELDS, PAIRING, TRANSITION, check_exercise
from coursepress.course.frontmatter import (
    FrontMatterError,
    parse_document,
    read_document,
)
from coursepress.course.layout import Layout
from coursepress.course.sheet import read_sheet, read_sheets
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

PROJECT = Path(__file__).resolve().parent.parent
LAYOUT = Layout(PROJECT)


def doc(text: str, name: str = "x.md"):
    return parse_document(text, Path(name))


# Front matter: every field's own line -------------------------------------------

# Names YAML reads as text: "no", "on", "null"... are booleans and null to YAML 1.1,
# which the reader refuses as field names (see the bad front matter cases below).
_KEY = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True).filter(
    lambda name: isinstance(yaml.safe_load(name), str)
)
_FILLER = st.sampled_from(["", "# a comment", "   ", "#"])
_VALUE = st.sampled_from(
    [
        ("3", 0),
        ('"a: quoted"', 0),
        ("|\n  two\n  lines", 2),
        ("\n  - one\n  - two", 2),
        ("[a, b]", 0),
        ("\n  nested: 1\n  more: [x]", 2),
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(
        st.tuples(_KEY, _VALUE, st.lists(_FILLER, max_size=2)),
        min_size=1,
        max_size=6,
        unique_by=lambda e: e[0],
    )
)
def test_every_field_is_found_on_its_own_line(entries) -> None:
    lines, expected = ["---"], {}
    for key, (value, _extra), filler in entries:
        lines += filler
        expected[key] = len(lines) + 1
        lines += f"{key}: {value}".split("\n")
    lines += ["---", "# Title", ""]
    document = doc("\n".join(lines))
    assert document.field_lines == expected
    assert document.body_line == len(lines) - 1
    assert document.body.startswith("# Title")


def test_list_items_keep_their_lines() -> None:
    document = doc("---\nsources:\n  - a\n\n  - b\nmodule: 1\n---\n")
    assert document.item_lines["sources"] == (3, 5)
    assert document.line("sources", 1) == 5
    assert document.line("module") == 6


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "---\ntitle: a\ntitle: b\n---\n",
            3,
            "'title' is given twice (also on line 2)",
        ),
        ("---\ntitle: [a\n---\n", 2, "invalid YAML front matter"),  # the open [
        ("---\ntitle: a\n  bad: indent\n---\n", 3, "invalid YAML front matter"),
        ("---\n- a list\n---\n", 2, "must be 'field: value' lines"),
        ("---\n1: one\n---\n", 2, "a field's name must be a word"),
        ("---\ntitle: a\n", 1, "never closed"),
        ("# Title only\n", 1, "no front matter"),
    ],
)
def test_front_matter_errors_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FrontMatterError) as err:
        doc(text, "book/chapters/01-x.md")
    assert err.value.line == line
    assert message in err.value.message
    assert str(err.value).startswith(f"book/chapters/01-x.md:{line}: ")


DEEP = "[" * 5000 + "]" * 5000  # 10 KB; the parsers recurse once per level


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f'title = "x"\n\nx = {DEEP}\n', 3),
        # Inline tables nest too; the line is where the nesting passes the limit.
        ('title = "x"\nx = ' + "{ a = [\n" * 60 + "1" + "]}" * 60 + "\n", 2 + 50),
    ],
    ids=["arrays", "tables-over-lines"],
)
def test_a_deeply_nested_toml_file_names_its_line(tmp_path, text, line) -> None:
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CourseFileError) as err:
        read_toml(path)
    assert err.value.line == line
    assert "nested too deeply: at most 100 levels" in err.value.message


def test_brackets_in_toml_strings_and_comments_do_not_nest(tmp_path) -> None:
    deep = "[{" * 200
    text = (
        f'# {deep}\na = "{deep}"\nb = \'{deep}\'\nc = """\n{deep}\n"""\n'
        f"d = '''{deep}'''\ne = \"\\\"{deep}\"\nf = [[1], {{g = [2]}}]\n"
    )
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    data, _ = read_toml(path)
    assert data["c"] == f"{deep}\n" and data["e"] == f'"{deep}'
    assert data["f"] == [[1], {"g": [2]}]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"---\ntitle: a\nlist: {DEEP}\n---\n", 3),
        (
            "---\ntitle: a\nmap:\n"
            + "".join(f"{' ' * i}k:\n" for i in range(150))
            + "---\n",
            3 + 100,
        ),
    ],
    ids=["flow-list", "indented"],
)
def test_deeply_nested_front_matter_names_its_line(text: str, line: int) -> None:
    with pytest.raises(FrontMatterError) as err:
        doc(text, "book/chapters/01-x.md")
    assert "nested too deeply: at most 100 levels" in err.value.message
    assert err.value.line == line


def test_a_page_without_front_matter_is_all_body_when_allowed() -> None:
    document = parse_document("# Glossary\n\n---\n", Path("g.md"), required=False)
    assert document.fields == {} and document.body_line == 1


def test_not_utf8_is_an_error_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: \xe9t\xe9\n---\n")
    with pytest.raises(FrontMatterError, match="not UTF-8"):
        read_document(path)


def test_every_course_file_reads() -> None:
    for path in [*LAYOUT.chapters.glob("*.md"), *LAYOUT.exercises.glob("*.md")]:
        document = read_document(path)
        text = path.read_text(encoding="utf-8").split("\n")
        for key, line in document.field_lines.items():
            assert text[line - 1].startswith(f"{key}:"), (path, key, line)


# Chapters ---------------------------------------------------------------------

CHAPTER = """\
---
module: 2
teaching_minutes: 25
sources:
  - known
  - unknown_one
---
# A chapter
"""


def test_chapter_front_matter_is_typed() -> None:
    document = doc(CHAPTER)
    front, problems = check_chapter(document)
    assert problems == [] and front is not None
    assert (front.module, front.teaching_minutes) == (2, 25)
    assert front.sources == ("known", "unknown_one")
    (problem,) = unknown_sources(document, front, {"known"})
    assert problem.line == 6 and "'unknown_one'" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("module: 2", "module: two", 2, "'module' must be a whole number"),
        ("module: 2", "module: true", 2, "'module' must be a whole number"),
        ("teaching_minutes: 25", "teaching_minutes: -5", 3, "'teaching_minutes'"),
        ("  - known\n", "  - 3\n", 4, "'sources' must be a list of source keys"),
        ("module: 2", "module: 2\nmodul: 3", 3, "unknown front matter field 'modul'"),
    ],
)
def test_chapter_problems_name_the_field_line(old, new, line, message) -> None:
    _front, problems = check_chapter(doc(CHAPTER.replace(old, new)))
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


# Exercises: the schema ----------------------------------------------------------

EXERCISE = """\
---
title: Ten quiet minutes
duration: 10
format: pairs
debrief: 3
materials:
  - Paper
pairs: formed by facilitator, couples split
---
Sit together.

:::{debrief}
- What was it like?
:::
"""


def test_exercise_front_matter_is_typed_with_its_defaults() -> None:
    front, problems = check_exercise(doc(EXERCISE))
    assert problems == [] and front is not None
    assert front.transition == TRANSITION["pairs"] == 2
    assert front.minutes == 2 + 10 + 3
    assert front.materials == ("Paper",)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("duration: 10", "duration: ten", 3, "'duration' must be whole minutes"),
        ("duration: 10", "duration: 500", 3, "'duration' must be whole minutes"),
        ("format: pairs", "format: trios", 4, "'format' must be one of solo, pairs"),
        ("debrief: 3", "debrief: 3\ntransition: 99", 6, "'transition' must be whole"),
        ("debrief: 3\n", "", 3, "{debrief} questions but no 'debrief' minutes"),
        ("  - Paper", "  - 3", 6, "'materials' must be a list"),
        ("title: Ten quiet minutes", "title: ''", 2, "'title' must be a non-empty"),
        ("title: Ten quiet minutes\n", "", 1, "missing field 'title'"),
        ("debrief: 3", "debrief: 3\nlength: 2", 6, "unknown field 'length'"),
    ],
)
def test_exercise_problems_name_the_field_line(old, new, line, message) -> None:
    front, problems = check_exercise(doc(EXERCISE.replace(old, new)))
    assert front is None
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        # A pairs exercise that does not declare the pairing rule.
        (f"pairs: {PAIRING}\n", "", 4, "add the line 'pairs: formed by facilitator"),
        # One that lets couples choose in front of each other.
        (
            f"pairs: {PAIRING}",
            "pairs: couples may choose to work together",
            8,
            "'pairs' must be 'formed by facilitator, couples split'",
        ),
        # The rule on an exercise nobody pairs up for.
        ("format: pairs", "format: solo", 8, "'pairs' is for pairs and couples"),
        ("  - Paper", "  - Paper\nsafeguards: ground yourself", 8, "'safeguards'"),
    ],
)
def test_pairing_is_one_rule_declared_by_every_pairs_exercise(
    old, new, line, message
) -> None:
    front, problems = check_exercise(doc(EXERCISE.replace(old, new)))
    assert front is None
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


def test_pairing_safeguards_and_solo_reach_the_typed_front_matter() -> None:
    text = EXERCISE.replace(
        "  - Paper\n", "  - Paper\nsafeguards:\n  - Ground yourself first\n"
    ).replace("Sit together.", "Sit together.\n\n:::{solo}\nAlone.\n:::")
    front, problems = check_exercise(doc(text))
    assert problems == [] and front is not None
    assert front.pairs == PAIRING
    assert front.safeguards == ("Ground yourself first",)
    assert front.solo
    assert not check_exercise(doc(EXERCISE))[0].solo


def test_every_minutes_field_of_the_schema_is_checked() -> None:
    for field in (f for f in FIELDS.values() if f.minutes):
        low, high = field.minutes
        kept = [
            line
            for line in EXERCISE.split("\n")
            if not line.startswith(f"{field.name}:")
        ]
        for bad in (low - 1, high + 1, '"5"', 2.5, "true"):
            text = "\n".join([kept[0], f"{field.name}: {bad}", *kept[1:]])
            _front, problems = check_exercise(doc(text))
            assert any(f"'{field.name}' must be whole" in p.message for p in problems)


# Printable sheets ---------------------------------------------------------------


def test_the_course_sheets_read() -> None:
    sheets = read_sheets(LAYOUT.sheets)
    assert sheets and all(s.name and s.summary and s.pages in (1, 2) for s in sheets)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("pages: 1", "pages: 3", 4, "'pages' must be 1 or 2"),
        ("order: 2", "order: second", 3, "'order' must be a whole number"),
        ("name: Crisis", "label: Crisis", 2, "unknown front matter field 'label'"),
        ("# The title", "No title", 7, "no title"),
    ],
)
def test_sheet_problems_name_the_line(tmp_path, old, new, line, message) -> None:
    text = "---\nname: Crisis\norder: 2\npages: 1\nsummary: Who to call.\n---\n"
    path = tmp_path / "crisis.md"
    path.write_text((text + "# The title\n").replace(old, new), encoding="utf-8")
    with pytest.raises(CourseFileError) as err:
        read_sheet(path)
    assert (err.value.line, message in err.value.message) == (line, True)


def test_a_sheet_that_links_to_a_file_elsewhere_is_not_read(tmp_path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(
        "---\nname: X\norder: 1\npages: 1\nsummary: S.\n---\n# SECRET\n",
        encoding="utf-8",
    )
    sheets = tmp_path / "book" / "sheets"
    sheets.mkdir(parents=True)
    (sheets / "linked.md").symlink_to(outside)
    with pytest.raises(CourseFileError) as err:
        read_sheets(sheets)
    assert err.value.line == 1 and err.value.path.name == "linked.md"
    assert "'linked.md' leads outside the course's folders (sheets/)" in str(err.value)


# Bibliography through pybtex ----------------------------------------------------


def test_every_record_of_the_book_round_trips_through_the_writer() -> None:
    data = read_bibliography(LAYOUT.bib_files())
    assert data.entries
    for key, entry in data.entries.items():
        text = format_entry(
            key,
            entry.original_type,
            list(entry.fields.items()),
            {role: [str(p) for p in people] for role, people in entry.persons.items()},
        )
        again = parse_string(text, "bibtex").entries[key]
        assert again.type == entry.type
        assert dict(again.fields) == dict(entry.fields), key
        assert {r: [str(p) for p in ps] for r, ps in again.persons.items()} == {
            r: [str(p) for p in ps] for r, ps in entry.persons.items()
        }


def test_records_are_written_in_the_books_style() -> None:
    text = format_entry(
        "handle2023",
        "misc",
        [("title", r"Why (not) 50\% \& more"), ("year", "2023"), ("month", "sep")],
        {"author": ["{TheBananaKing}"]},
    )
    assert text == (
        "@misc{handle2023,\n"
        "  author = {{TheBananaKing}},\n"
        "  title  = {Why (not) 50\\% \\& more},\n"
        "  year   = {2023},\n"
        "  month  = sep\n"
        "}\n"
    )
    assert parse_string(text, "bibtex").entries["handle2023"].fields["month"] == (
        "September"
    )


def test_unbalanced_braces_are_refused() -> None:
    with pytest.raises(Exception, match="unmatched braces"):
        format_entry("k", "misc", [("title", "A {broken title")])


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("@misc{a,\n title={x}}\n\n@misc{b,\n title={x\n}\n", 4, "not a readable"),
        ("@misc{a,\n title={x}}\n@misc{a,\n title={y}}\n", 3, "defined twice"),
    ],
)
def test_a_broken_bib_file_names_the_record(tmp_path, text, line, message) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CourseFileError) as err:
        bib_keys([path])
    assert (err.value.line, message in err.value.message) == (line, True)


def test_a_key_in_two_files_is_an_error_in_the_second(tmp_path) -> None:
    (tmp_path / "a.bib").write_text("@misc{k,\n title={x}}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n@misc{k,\n title={y}}\n", encoding="utf-8")
    with pytest.raises(CourseFileError) as err:
        bib_keys(sorted(tmp_path.glob("*.bib")))
    assert err.value.path.name == "b.bib" and err.value.line == 2


def test_keys_are_the_ones_bibtex_reads(tmp_path) -> None:
    """@comment and @string are not records; a '%' before a record does not hide
    it (BibTeX has no line comments outside records), so the build cites it."""
    path = tmp_path / "refs.bib"
    path.write_text(
        '@comment{not_a_key, x}\n@string{me = "Me"}\n'
        "% @misc{commented_out, title={x}}\n@misc{real, author = me, title={x}}\n",
        encoding="utf-8",
    )
    assert bib_keys([path]) == {"commented_out", "real"}


# prose needs no Sphinx ----------------------------------------------------------


def test_prose_imports_neither_sphinx_nor_the_extension() -> None:
    code = (
        "import sys, coursepress.prose.cli, coursepress.prose.report; "
        "print([m for m in sys.modules if m.split('.')[0] in "
        "('sphinx', 'sphinx_revealjs', 'docutils', 'myst_parser') "
        "or m.startswith('coursepress.ext')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("Samaritans \u202etxt.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("free,\u200b 24/7", "U+200B ZERO WIDTH SPACE"),
        ("\u2066UK\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ],
)
def test_a_crisis_line_with_an_invisible_control_names_it(value, named) -> None:
    text = (
        '[[crisis]]\ngroup = "Suicidal feelings"\nregion = "UK"\n'
        f'call = ["116 123"]\nhours = "{value}"\n'
    )
    path = Path("book/course.toml")
    with pytest.raises(CourseFileError) as err:
        load_crisis(tomllib.loads(text)["crisis"], text, path)
    assert err.value.line == 5
    assert named in err.value.message and "type the text again" in err.value.message


def test_a_crisis_line_in_persian_keeps_its_joiners() -> None:
    # ZWNJ in Persian and an RTL mark are part of the text, not hidden controls.
    hours = "\u0634\u0628\u0627\u0646\u0647\u200c\u0631\u0648\u0632\u06cc \u200f24/7"
    text = (
        '[[crisis]]\ngroup = "Suicidal feelings"\nregion = "Iran"\n'
        f'call = ["1480"]\nhours = "{hours}"\n'
    )
    (line,) = load_crisis(tomllib.loads(text)["crisis"], text, Path("course.toml"))
    assert line.hours == hours
