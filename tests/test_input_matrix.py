"""Every file an author touches, broken every way it can break: one clear message.

The matrix: each kind of input file (a chapter, an exercise, ``course.toml``, a
workshop format, the ``.bib`` file, an image a chapter shows) times each way a
file goes wrong (not UTF-8, empty, binary, cut short, an unknown field, a field
given twice, far too large). Each cell breaks one file of a copy of the small
test course and builds it in-process (fast tier): the build's warnings name the
file and the line (``path:N``), say what to do, and hold no traceback. Then one
cell per kind of file runs ``coursepress build`` end to end (full tier): exit
status 1, the same message, no traceback, and ``build/site`` left as it was.

Cells left out: an unknown field of a ``.bib`` record is not an error (BibTeX
keeps fields its styles do not print, such as ``abstract`` or ``note``), and an
image has no fields (and no text encoding) at all.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import production_layout, warnings_of
from helpers import run_coursepress
from PIL import Image
from pypdf import PdfReader
from test_bad_input import BUILDERS, _tree_digest, fails_with

CHAPTER = "book/chapters/03-sample.md"
EXERCISE = "exercises/ex-sample.md"
COURSE = "book/course.toml"
FORMAT = "slides/formats/short.toml"
BIB = "book/refs.bib"
PICTURE = "book/chapters/pic.png"
#: The line after which a chapter shows the picture (its line is 44).
AFTER_SUBSECTION = "SUBSECTION-PROSE-TEXT joins the notes.\n"
#: A file that is not text at all: a PNG's signature and every byte value.
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
#: Just over the 1 MB limit for a text file.
HUGE = 1_100_000
#: A list 5,000 deep (30 KB): the parsers would recurse once per level.
DEEP = "[" * 5000 + "]" * 5000


def _png(size: tuple[int, int] = (120, 80), noise: bool = True) -> bytes:
    """A real picture: noise (so that it does not compress to nothing), or blank."""
    out = io.BytesIO()
    picture = Image.effect_noise(size, 64) if noise else Image.new("1", size)
    picture.convert("RGB" if noise else "1").save(out, "PNG")
    return out.getvalue()


# Ways to break a file: each takes the file's path and changes it.
Break = Callable[[Path], None]


def replace(old: str, new: str, encoding: str = "utf-8") -> Break:
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_bytes(text.replace(old, new, 1).encode(encoding))

    return change


def latin1(old: str, new: str) -> Break:
    """``old`` replaced by ``new`` (with an accent), the file saved as Latin-1."""
    return replace(old, new, encoding="latin-1")


def write(data: bytes) -> Break:
    def change(path: Path) -> None:
        path.write_bytes(data)

    return change


def cut_before(marker: str) -> Break:
    """The file cut short just before ``marker``, as a failed save leaves it."""

    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert marker in text
        path.write_text(text[: text.index(marker)], encoding="utf-8")

    return change


def pad(filler: str) -> Break:
    """The file made just over the limit by repeating ``filler`` (valid in it)."""

    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + filler * (HUGE // len(filler)), encoding="utf-8")

    return change


def picture(data: Callable[[], bytes], syntax: str = "markdown") -> Break:
    """The chapter shows ``pic.png`` on line 44; the file holds ``data()``."""

    def change(path: Path) -> None:
        path.write_bytes(data())
        shows = (
            "![A drawing](pic.png)\n"
            if syntax == "markdown"
            else ":::{figure} pic.png\n:alt: A drawing\n\nA caption.\n:::\n"
        )
        replace(AFTER_SUBSECTION, AFTER_SUBSECTION + "\n" + shows)(
            path.parent / "03-sample.md"
        )

    return change


#: A file outside the course's folders, in the project's root beside them
#: (where build/ is): nothing of it may reach a page or an output.
SECRET = "SECRET-OUTSIDE-TEXT"
#: From the chapter up to "/", then /etc/passwd: outside any project.
SYSTEM_FILE = "../" * 40 + "etc/passwd"


def names(markup: str, outside: dict[str, bytes] | None = None) -> Break:
    """The chapter gets ``markup`` on line 44; ``outside`` files are written in
    the project's root; ``{link:NAME}`` in them makes ``NAME`` (in
    ``book/chapters/``) a symbolic link to the outside file (absolute)."""

    def change(path: Path) -> None:
        project = path.parents[2]
        for name, data in (outside or {}).items():
            target = project / name.removeprefix("link:")
            target.write_bytes(data)
            if name.startswith("link:"):
                (project / "book" / "chapters" / target.name).symlink_to(target)
        replace(AFTER_SUBSECTION, AFTER_SUBSECTION + "\n" + markup)(path)

    return change


def links_to_outside(link: str, data: bytes) -> Break:
    """``link`` (in the course) becomes a symbolic link to a file outside it."""

    def change(path: Path) -> None:
        outside = path.parents[len(Path(link).parts) - 1] / f"outside-{path.name}"
        outside.write_bytes(data)
        path.unlink(missing_ok=True)
        path.symlink_to(outside)

    return change


def _basename(value: str) -> Break:
    return replace('basename = "test-course"', f"basename = {value}")


@dataclass(frozen=True)
class Cell:
    kind: str
    breakage: str
    file: str
    change: Break
    expected: tuple[str, ...]  # the file:line, the problem, what to do
    output: str = "html"

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.breakage}"


def _front_matter_cells(kind: str, name: str, fields: dict[str, tuple]) -> list[Cell]:
    """The cells of a MyST file with front matter (a chapter, an exercise)."""
    unknown, duplicate, accent = fields["unknown"], fields["duplicate"], fields["utf8"]
    return [
        Cell(
            kind,
            "not-utf8",
            name,
            latin1(*accent[:2]),
            (f"{name}:{accent[2]}", "not UTF-8", "save"),
        ),
        Cell(
            kind,
            "empty",
            name,
            write(b""),
            (f"{name}:1", "no front matter", "start the file with a '---' line"),
        ),
        Cell(
            kind,
            "binary",
            name,
            write(BINARY),
            (f"{name}:1", "not UTF-8 (byte 0x89", "save"),
        ),
        Cell(
            kind,
            "truncated",
            name,
            cut_before(fields["cut"]),
            (f"{name}:1", "never closed", "add a '---' line"),
        ),
        Cell(
            kind,
            "unknown-field",
            name,
            replace(*unknown[:2]),
            (f"{name}:{unknown[2]}", *unknown[3:]),
        ),
        Cell(
            kind,
            "duplicate-field",
            name,
            replace(*duplicate[:2]),
            (f"{name}:{duplicate[2]}", "is given twice", "keep one"),
        ),
        Cell(
            kind,
            "huge",
            name,
            pad("Filler prose that goes on and on.\n"),
            (f"{name}:1", "over the limit of 1 MB", "split it"),
        ),
        Cell(
            kind,
            "deeply-nested",
            name,
            replace(unknown[0], f"{unknown[0]}\nnested: {DEEP}"),
            (f"{name}:{unknown[2]}", "nested too deeply: at most 100", "flat"),
        ),
    ]


def _toml_cells(
    kind: str, name: str, output: str, fields: dict[str, tuple]
) -> list[Cell]:
    unknown, duplicate, accent, cut = (
        fields["unknown"],
        fields["duplicate"],
        fields["utf8"],
        fields["cut"],
    )
    return [
        Cell(
            kind,
            "not-utf8",
            name,
            latin1(*accent[:2]),
            (f"{name}:{accent[2]}", "not UTF-8", "save the file as UTF-8"),
            output,
        ),
        Cell(kind, "empty", name, write(b""), (f"{name}:1", *fields["empty"]), output),
        Cell(
            kind,
            "binary",
            name,
            write(BINARY),
            (f"{name}:1", "not UTF-8 (byte 0x89", "save the file as UTF-8"),
            output,
        ),
        Cell(
            kind,
            "truncated",
            name,
            cut_before(cut[0]),
            (
                f"{name}:{cut[1]}",
                "invalid TOML",
                "check the quotes, brackets and commas",
            ),
            output,
        ),
        Cell(
            kind,
            "unknown-key",
            name,
            replace(*unknown[:2]),
            (
                f"{name}:{unknown[2]}",
                f"unknown key {unknown[3]!r}",
                "check the spelling",
            ),
            output,
        ),
        Cell(
            kind,
            "duplicate-key",
            name,
            replace(*duplicate[:2]),
            (
                f"{name}:{duplicate[2]}",
                "Cannot overwrite a value",
                "no key is given twice",
            ),
            output,
        ),
        Cell(
            kind,
            "huge",
            name,
            pad("# a comment, over and over\n"),
            (f"{name}:1", "over the limit of 1 MB", "split it"),
            output,
        ),
        Cell(
            kind,
            "deeply-nested",
            name,
            replace(unknown[0], f"{unknown[0]}\nnested = {DEEP}"),
            (f"{name}:{unknown[2]}", "nested too deeply: at most 100", "flat"),
            output,
        ),
    ]


CELLS = [
    *_front_matter_cells(
        "chapter",
        CHAPTER,
        {
            "utf8": ("OBJECTIVE-TEXT one", "OBJECTIVE-TEXT \u00e9t\u00e9", 17),
            "cut": "ching_minutes",
            "unknown": (
                "teaching_minutes: 20",
                "teaching_minutes: 20\nduraton: 5",
                4,
                "unknown front matter field 'duraton'",
                "a chapter has module",
            ),
            "duplicate": (
                "teaching_minutes: 20",
                "teaching_minutes: 20\nteaching_minutes: 25",
                4,
            ),
        },
    ),
    *_front_matter_cells(
        "exercise",
        EXERCISE,
        {
            "utf8": ("Paper and a pen", "Paper and a p\u00e9n", 7),
            "cut": "ration: 15",
            "unknown": (
                "duration: 15",
                "duration: 15\nminutes: 5",
                4,
                "unknown field 'minutes'",
                "the fields are",
            ),
            "duplicate": ("format: solo", "format: solo\nformat: pairs", 5),
        },
    ),
    *_toml_cells(
        "course-toml",
        COURSE,
        "html",
        {
            "utf8": ('author = "Tester"', 'author = "T\u00e9ster"', 5),
            # Defaults everywhere would publish a course called "Course" with
            # no crisis lines: an empty file is a mistake, not a choice.
            "empty": ("course.toml is empty", "give at least the course's title"),
            "cut": ('88"]', 17),
            "unknown": (
                'author = "Tester"',
                'author = "Tester"\nauthour = "X"',
                6,
                "authour",
            ),
            "duplicate": ('author = "Tester"', 'author = "Tester"\nauthor = "X"', 6),
        },
    ),
    *_toml_cells(
        "format",
        FORMAT,
        "slides",
        {
            "utf8": ("The sample evening", "The sample \u00e9vening", 10),
            "empty": ("no [[sessions]]", "a format needs at least one session"),
            "cut": ('"agreements", {', 14),
            "unknown": ("length = 90", "length = 90\nduration = 80", 13, "duration"),
            "duplicate": ("length = 90", "length = 90\nlength = 80", 13),
        },
    ),
    Cell(
        "bib",
        "not-utf8",
        BIB,
        latin1("Example, Ann", "Ex\u00e9mple, Ann"),
        (f"{BIB}:2", "not UTF-8", "save the file as UTF-8"),
    ),
    # Accepted: an empty .bib file is valid BibTeX. What cites a record from it
    # fails, at the citing line.
    Cell(
        "bib",
        "empty",
        BIB,
        write(b""),
        (
            f"{CHAPTER}:4",
            "unknown source key 'source_one'",
            "add its record to a .bib file",
        ),
    ),
    Cell(
        "bib",
        "binary",
        BIB,
        write(BINARY),
        (f"{BIB}:1", "not UTF-8 (byte 0x89", "save the file as UTF-8"),
    ),
    Cell(
        "bib",
        "truncated",
        BIB,
        cut_before("  year      = {2020}"),
        (f"{BIB}:8", "not a readable BibTeX record", "check its braces"),
    ),
    Cell(
        "bib",
        "duplicate-key",
        BIB,
        replace("{2024}\n}\n", "{2024}\n}\n\n@misc{study2020,\n  title = {Again}\n}\n"),
        (f"{BIB}:12", "'study2020' is defined twice", "give each record its own key"),
    ),
    Cell(
        "bib",
        "huge",
        BIB,
        pad("% a comment, over and over\n"),
        (f"{BIB}:1", "over the limit of 1 MB", "split it"),
    ),
    Cell(
        "image",
        "empty",
        PICTURE,
        picture(lambda: b""),
        (f"{CHAPTER}:44", "pic.png is an empty file", "export it again"),
    ),
    Cell(
        "image",
        "not-a-picture",
        PICTURE,
        picture(lambda: BINARY),
        (f"{CHAPTER}:44", "pic.png cannot be read as a picture", "export it again"),
    ),
    Cell(
        "image",
        "truncated",
        PICTURE,
        picture(lambda: _png()[:2000], "figure"),
        (f"{CHAPTER}:44", "pic.png cannot be read as a picture", "export it again"),
    ),
    # Valid PNG data ends at its IEND chunk: the padding after it makes a real
    # picture of 11 MB without the time to encode one.
    Cell(
        "image",
        "huge-file",
        PICTURE,
        picture(lambda: _png() + bytes(11_000_000)),
        (
            f"{CHAPTER}:44",
            "pic.png is 11.0 MB, over the limit of 10 MB",
            "export it again",
        ),
    ),
    Cell(
        "image",
        "huge-pixels",
        PICTURE,
        picture(lambda: _png((8000, 6000), noise=False)),
        (
            f"{CHAPTER}:44",
            "pic.png is 8000 x 6000 pixels, over the limit of 40 megapixels",
            "export it again",
        ),
    ),
]


_OUTSIDE = (
    f"{CHAPTER}:44",
    "leads outside the course's folders (book/, exercises/, slides/)",
    "copy the file into the course",
)
_TEXT = {"secret.txt": f"{SECRET}\n".encode()}
_LINKED_TEXT = {"link:notes.txt": f"{SECRET}\n".encode()}
_LINKED_MD = {"link:notes.md": f"{SECRET}\n".encode()}
_LINKED_PNG = {"link:pic.png": _png()}

#: Paths an author writes that lead out of the course: each directive and role
#: that names a file, with "..", with a symbolic link in the book pointing
#: outside, with an absolute path (which Sphinx reads inside the book), and the
#: file names course.toml gives.
PATH_CELLS = [
    Cell(
        "include",
        "parent",
        CHAPTER,
        names("```{include} ../../secret.txt\n```\n", _TEXT),
        _OUTSIDE,
    ),
    Cell(
        "include",
        "system-file",
        CHAPTER,
        names(f"```{{include}} {SYSTEM_FILE}\n```\n"),
        _OUTSIDE[1:],
    ),
    Cell(
        "include",
        "symlink",
        CHAPTER,
        names("```{include} notes.md\n```\n", _LINKED_MD),
        _OUTSIDE[1:],
    ),
    Cell(
        "include",
        "literal-symlink",
        CHAPTER,
        names("```{include} notes.txt\n:literal:\n```\n", _LINKED_TEXT),
        _OUTSIDE[1:],
    ),
    Cell(
        "include",
        "absolute",
        CHAPTER,
        names("```{include} /etc/passwd\n```\n"),
        (f"{CHAPTER}:44", "file not found", "book/etc/passwd"),
    ),
    Cell(
        "include",
        "rst-literal",
        CHAPTER,
        names(
            "```{eval-rst}\n.. include:: ../../secret.txt\n   :literal:\n```\n", _TEXT
        ),
        (f"{CHAPTER}:45", *_OUTSIDE[1:]),
    ),
    Cell(
        "literalinclude",
        "parent",
        CHAPTER,
        names("```{literalinclude} ../../secret.txt\n```\n", _TEXT),
        _OUTSIDE,
    ),
    Cell(
        "literalinclude",
        "system-file",
        CHAPTER,
        names(f"```{{literalinclude}} {SYSTEM_FILE}\n```\n"),
        _OUTSIDE,
    ),
    Cell(
        "literalinclude",
        "symlink",
        CHAPTER,
        names("```{literalinclude} notes.txt\n```\n", _LINKED_TEXT),
        _OUTSIDE,
    ),
    Cell(
        "literalinclude",
        "diff",
        CHAPTER,
        names(
            "```{literalinclude} 03-sample.md\n:diff: ../../secret.txt\n```\n", _TEXT
        ),
        _OUTSIDE,
    ),
    Cell(
        "literalinclude",
        "absolute",
        CHAPTER,
        names("```{literalinclude} /etc/passwd\n```\n"),
        (f"{CHAPTER}:44", "not found", "book/etc/passwd"),
    ),
    Cell(
        "download",
        "parent",
        CHAPTER,
        names("{download}`notes <../../secret.txt>`\n", _TEXT),
        _OUTSIDE,
    ),
    Cell(
        "download",
        "system-file",
        CHAPTER,
        names(f"{{download}}`notes <{SYSTEM_FILE}>`\n"),
        _OUTSIDE,
    ),
    Cell(
        "download",
        "symlink",
        CHAPTER,
        names("{download}`notes <notes.txt>`\n", _LINKED_TEXT),
        _OUTSIDE,
    ),
    Cell(
        "download",
        "absolute",
        CHAPTER,
        names("{download}`notes </etc/passwd>`\n"),
        (f"{CHAPTER}:44", "download file not readable", "book/etc/passwd"),
    ),
    Cell(
        "markdown-link",
        "parent",
        CHAPTER,
        names("[the notes](../../secret.txt)\n", _TEXT),
        _OUTSIDE,
    ),
    Cell(
        "markdown-link",
        "symlink",
        CHAPTER,
        names("[the notes](notes.txt)\n", _LINKED_TEXT),
        _OUTSIDE,
    ),
    Cell(
        "image",
        "parent",
        CHAPTER,
        names("![A drawing](../../outside.png)\n", {"outside.png": _png()}),
        _OUTSIDE,
    ),
    Cell(
        "image",
        "symlink",
        CHAPTER,
        names("![A drawing](pic.png)\n", _LINKED_PNG),
        _OUTSIDE,
    ),
    Cell(
        "image",
        "wildcard-symlink",
        CHAPTER,
        names("![A drawing](pic.*)\n", _LINKED_PNG),
        _OUTSIDE,
    ),
    Cell(
        "figure",
        "symlink",
        CHAPTER,
        names(":::{figure} pic.png\n:alt: A drawing\n\nA caption.\n:::\n", _LINKED_PNG),
        _OUTSIDE,
    ),
    Cell(
        "figure",
        "system-file",
        CHAPTER,
        names(f":::{{figure}} {SYSTEM_FILE}\n:alt: A drawing\n\nA caption.\n:::\n"),
        _OUTSIDE,
    ),
    Cell(
        "csv-table",
        "parent",
        CHAPTER,
        names("```{csv-table}\n:file: ../../secret.txt\n```\n", _TEXT),
        _OUTSIDE,
    ),
    Cell(
        "csv-table",
        "system-file",
        CHAPTER,
        names("```{csv-table}\n:file: /etc/passwd\n```\n"),
        _OUTSIDE,
    ),
    Cell(
        "csv-table",
        "symlink",
        CHAPTER,
        names("```{csv-table}\n:file: notes.txt\n```\n", _LINKED_TEXT),
        _OUTSIDE,
    ),
    Cell(
        "raw",
        "system-file",
        CHAPTER,
        names("```{raw} html\n:file: /etc/passwd\n```\n"),
        _OUTSIDE,
    ),
    Cell(
        "raw",
        "parent",
        CHAPTER,
        names("```{raw} html\n:file: ../../secret.txt\n```\n", _TEXT),
        _OUTSIDE,
    ),
    Cell(
        "exercise",
        "parent",
        CHAPTER,
        names(":::{exercise} ../../secret\n:::\n", {"secret.md": b"---\n---\n"}),
        _OUTSIDE,
    ),
    Cell(
        "exercise",
        "symlink",
        EXERCISE,
        links_to_outside(EXERCISE, b"---\ntitle: X\n---\nSECRET-OUTSIDE-TEXT\n"),
        (f"{CHAPTER}:37", "'ex-sample' leads outside the course's folders", "copy"),
    ),
    Cell(
        "bib",
        "symlink",
        "book/linked.bib",
        links_to_outside("book/linked.bib", b"@misc{outside2020,\n  title = {X}\n}\n"),
        ("book/linked.bib:1", "leads outside the course's folders", "copy the file"),
    ),
    Cell(
        "page",
        "symlink",
        "book/chapters/04-linked.md",
        links_to_outside("book/chapters/04-linked.md", f"# {SECRET}\n".encode()),
        (
            "book/chapters/04-linked.md:1",
            "leads outside the course's folders",
            "copy the file",
        ),
    ),
    Cell(
        "format",
        "symlink",
        FORMAT,
        links_to_outside(FORMAT, b'title = "Elsewhere"\n'),
        (f"{FORMAT}:1", "'short.toml' leads outside", "copy the file"),
        "slides",
    ),
    *(
        Cell(
            "basename",
            breakage,
            COURSE,
            _basename(value),
            (f"{COURSE}:6", "basename", problem, "write a plain file name"),
        )
        for breakage, value, problem in [
            ("parent", '"../x"', "has a '/' in it"),
            ("absolute", '"/srv/x"', "has a '/' in it"),
            ("folder", '"a/b"', "has a '/' in it"),
            ("backslash", '"a\\\\b"', "has a '/' in it"),
            ("hidden", '".hidden"', "starts with a dot"),
            ("dots", '".."', "starts with a dot"),
            ("empty", '""', "is empty"),
        ]
    ),
    Cell(
        "language",
        "path",
        COURSE,
        replace('author = "Tester"', 'author = "Tester"\nlanguage = "../../x"'),
        (f"{COURSE}:6", "language '../../x' is not a language tag", "write one"),
    ),
]
CELLS += PATH_CELLS


def _build(make_app: Callable[..., object], project: Path, output: str) -> str:
    layout = production_layout(project, "decks" if output == "slides" else "html")
    app = make_app(BUILDERS[output], builddir=project / "_build", **layout)
    app.build()  # an exception here fails the test: no traceback, ever
    return warnings_of(app)


@pytest.mark.parametrize("cell", CELLS, ids=lambda cell: cell.id)
def test_broken_input_fails_with_one_clear_message(
    make_app, course_copy: Path, cell: Cell
) -> None:
    cell.change(course_copy / cell.file)
    warnings = _build(make_app, course_copy, cell.output)
    # One message holds it all: the file and line, the problem, what to do.
    # (Others may follow from it, such as citations of a .bib left out.)
    messages = [
        line
        for line in warnings.splitlines()
        if re.search(r": (ERROR|WARNING|CRITICAL):", line)
    ]
    assert any(all(text in line for text in cell.expected) for line in messages), (
        warnings
    )
    assert "Traceback" not in warnings and "Exception occurred" not in warnings


def test_a_good_picture_builds_cleanly(make_app, course_copy: Path) -> None:
    """The image check passes a real picture (so the cells above are its errors)."""
    picture(_png)(course_copy / PICTURE)
    warnings = _build(make_app, course_copy, "html")
    assert not re.search(r"(ERROR|WARNING)", warnings), warnings


#: One cell per kind of file, end to end through ``coursepress build``.
END_TO_END = {
    "chapter-unknown-field",
    "exercise-duplicate-field",
    "course-toml-unknown-key",
    "format-truncated",
    "course-toml-deeply-nested",
    "bib-truncated",
    "image-not-a-picture",
    "include-symlink",
    "image-symlink",
    "basename-parent",
}


@pytest.mark.parametrize(
    "cell",
    [cell for cell in CELLS if cell.id in END_TO_END],
    ids=lambda cell: cell.id,
)
def test_coursepress_build_fails_and_leaves_the_site(project: Path, cell: Cell) -> None:
    assert run_coursepress(project, "build", cell.output).returncode == 0
    site = project / "build" / "site"
    before = _tree_digest(site)
    cell.change(project / cell.file)
    fails_with(
        project, *cell.expected, "build/site was left as it was", output=cell.output
    )
    assert _tree_digest(site) == before


def _contents(path: Path) -> list[bytes]:
    """A file's bytes, and each member's if it is a zip (the EPUB)."""
    if not zipfile.is_zipfile(path):
        return [path.read_bytes()]
    with zipfile.ZipFile(path) as archive:
        return [path.read_bytes()] + [archive.read(name) for name in archive.namelist()]


@pytest.mark.parametrize("builder", ["html", "epub", "decks"])
def test_nothing_from_outside_the_course_reaches_an_output(
    make_app, course_copy: Path, builder: str
) -> None:
    """Every kind of reference to a file outside, in one chapter, built for real:
    the refusals are reported, and no page, ``_images/`` or ``_downloads/`` of
    the output (nor the EPUB's zip) holds any byte of those files."""
    outside_png = _png((90, 60))
    hostile = (
        "```{include} ../../secret.txt\n```\n\n"
        "```{literalinclude} notes.txt\n```\n\n"
        "{download}`notes <../../secret.txt>` and [more](notes.txt)\n\n"
        "![A drawing](pic.png)\n\n"
        ":::{figure} pic.png\n:alt: A drawing\n\nA caption.\n:::\n"
    )
    names(hostile, {**_TEXT, **_LINKED_TEXT, "link:pic.png": outside_png})(
        course_copy / CHAPTER
    )
    layout = production_layout(course_copy, builder)
    app = make_app(builder, builddir=course_copy / "_build", **layout)
    app.build()
    warnings = warnings_of(app)
    assert warnings.count("leads outside the course's folders") == 6, warnings
    written = [path for path in Path(app.outdir).rglob("*") if path.is_file()]
    assert any(path.suffix in (".html", ".xhtml") for path in written)
    leaked = [
        str(path.relative_to(app.outdir))
        for path in written
        for data in _contents(path)
        if SECRET.encode() in data or outside_png in data
    ]
    assert leaked == []
    assert not list(Path(app.outdir).glob("_downloads/**/*.txt"))
    assert not list(Path(app.outdir).glob("_images/pic*"))


@pytest.mark.slow
@pytest.mark.parametrize("base_url", ["https://courses.test-course.org/course/", ""])
def test_a_download_in_the_pdf_is_the_sites_copy_or_text(
    make_app, course_copy: Path, base_url: str
) -> None:
    """On paper a ``{download}`` links to the copy the site publishes, or is its
    text alone: the relative link was a file:// address of the build machine."""
    (course_copy / "book" / "chapters" / "notes.txt").write_text("NOTES\n")
    names("Get {download}`the notes <notes.txt>` here.\n")(course_copy / CHAPTER)
    replace(
        'base_url = "https://courses.test-course.org/course/"',
        f'base_url = "{base_url}"',
    )(course_copy / COURSE)
    layout = production_layout(course_copy, "coursepdf")
    app = make_app("coursepdf", builddir=course_copy / "_build", **layout)
    app.build()
    assert "ERROR" not in warnings_of(app), warnings_of(app)
    reader = PdfReader(Path(app.outdir) / "test-course.pdf")
    uris = [
        str(annotation.get_object()["/A"].get("/URI", ""))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert not [uri for uri in uris if uri.startswith("file:")]
    # One link (WeasyPrint writes an annotation per box the link spans).
    downloads = {uri for uri in uris if "_downloads/" in uri}
    if base_url:
        (address,) = downloads
        assert address.startswith(base_url + "_downloads/")
        assert address.endswith("/notes.txt")
    else:
        assert downloads == set()
    assert "Get the notes here" in " ".join(
        page.extract_text() for page in reader.pages
    )


@pytest.mark.slow
def test_an_attachment_from_outside_fails_the_pdf_and_is_not_embedded(
    make_app, course_copy: Path
) -> None:
    """Raw HTML attaching /etc/passwd (WeasyPrint embedded it in the book's PDF):
    the build reports an error naming it, and no PDF embeds it. (The raw HTML
    is refused as the page is read; were it not, the PDF engine refuses the
    file and writes no PDF: test_pdf_engine.py.)"""
    names('<a rel="attachment" href="file:///etc/passwd">the file</a>\n')(
        course_copy / CHAPTER
    )
    layout = production_layout(course_copy, "coursepdf")
    app = make_app("coursepdf", builddir=course_copy / "_build", **layout)
    app.build()
    warnings = warnings_of(app)
    assert re.search(r"ERROR: .*file:///etc/passwd", warnings), warnings
    assert "Traceback" not in warnings
    pdfs = list(Path(app.outdir).glob("*.pdf"))
    assert not [pdf for pdf in pdfs if b"/EmbeddedFile" in pdf.read_bytes()]


# Active content: what runs or loads from another site, in each kind of page.
# "Nothing is loaded from other sites" is a promise to the readers: each
# construct fails the build at its file and line with what to write instead.

SHEET = "book/sheets/handout.md"
#: A printable sheet of the test course's own (the real sheets' conf.py).
SHEET_TEXT = """---
name: Handout
order: 1
pages: 1
summary: A sheet for the tests.
---

# Handout

SHEET-PROSE-TEXT for the room.
"""
#: Where each kind of page gets the construct, and the line it then starts on.
HOSTS = {
    "chapter": (CHAPTER, AFTER_SUBSECTION, 44),
    "exercise": (EXERCISE, "EXERCISE-CHAPTER-TEXT {chapter}`ch-sample`.\n", 12),
    "sheet": (SHEET, "SHEET-PROSE-TEXT for the room.\n", 12),
}
_HTML_ADVICE = "write it in MyST instead"
_FILE_ADVICE = "put the file in the project and show it by its file name"
_LINK_ADVICE = "link to a web page"
#: A one-pixel PNG.
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)


@dataclass(frozen=True)
class Active:
    name: str
    markup: str  # MyST, inserted on a line of its own
    expected: tuple[str, ...]  # the problem and the advice
    offset: int = 0  # the line of the problem below the construct's first line
    svg: str = ""  # the picture ``evil.svg`` next to the page holds this
    #: Refused another way in an exercise (which takes only its own directives).
    in_exercise: tuple[str, ...] = ()


ACTIVE = [
    Active(
        "script",
        "<script>alert('H1')</script>\n",
        ("<script> is not allowed", "nothing may run", _HTML_ADVICE),
    ),
    Active(
        "iframe",
        '<iframe src="https://evil.test/H2"></iframe>\n',
        ("<iframe> is not allowed", "link to the page instead"),
    ),
    Active(
        "raw-img",
        '<img src="http://127.0.0.1:9/H3.png">\n',
        ("<img> is not allowed", "![description](file.png)"),
    ),
    Active(
        "style-import",
        "<style>@import url(http://evil.test/H13.css);</style>\n",
        ("<style> is not allowed", "styles belong in the theme"),
    ),
    Active(
        "raw-directive",
        "```{raw} html\n<script>alert('H4')</script>\n```\n",
        ("<script> is not allowed", _HTML_ADVICE),
    ),
    Active(
        "raw-latex",
        "```{raw} latex\n\\relax\n```\n",
        ("raw latex reaches no output", "remove it"),
    ),
    Active(
        "raw-url",
        "```{raw} html\n:url: http://127.0.0.1:9/H5.html\n```\n",
        ("{raw} :url: fetches a file from another site", "use :file:"),
    ),
    Active(
        "csv-url",
        "```{csv-table}\n:url: http://127.0.0.1:9/H6.csv\n```\n",
        ("{csv-table} :url: fetches", "use :file:"),
    ),
    Active(
        "nested-in-a-block",
        ':::{note}\nRead this <span onclick="alert(1)">first</span>.\n:::\n',
        ("the event handler onclick= on <span> runs code", _HTML_ADVICE),
        offset=1,
    ),
    Active(
        "on-handler",
        'Some <span onmouseover="alert(1)">text</span>.\n',
        ("the event handler onmouseover= on <span> runs code", _HTML_ADVICE),
    ),
    Active(
        "handler-after-slash",
        '<div>\n<a href="x"/onclick=alert(1)>x</a>\n</div>\n',
        ("the event handler onclick= on <a>", _HTML_ADVICE),
        offset=1,
    ),
    Active(
        "entity-tab-javascript",
        '<a href="java&#x09;script:alert(1)">x</a>\n',
        ("href= on <a>", "runs code (javascript: is refused)"),
    ),
    Active(
        "mixed-case-javascript",
        '<a href=" JaVaScRiPt:alert(1)">x</a>\n',
        ("href= on <a>", "runs code (javascript: is refused)"),
    ),
    Active(
        "data-link",
        '<a href="data:text/html,&lt;script&gt;">x</a>\n',
        ("href= on <a>", "data: is refused"),
    ),
    Active(
        "srcset",
        '<span srcset="http://evil.test/a.png 1x">x</span>\n',
        ("srcset= on <span> loads a file", "another site"),
    ),
    Active(
        "style-url",
        '<span style="background:url(http://evil.test/bg.png)">x</span>\n',
        ("url(http://evil.test/bg.png) loads a file", "another site"),
    ),
    Active(
        "style-escaped-url",
        '<span style="background:u\\72l(//evil.test/bg.png)">x</span>\n',
        ("url(//evil.test/bg.png) loads a file",),
    ),
    Active(
        "html-comment",
        "<!-- a note to myself -->\n",
        ("HTML comment", "published in the page's source"),
    ),
    Active(
        "meta-refresh",
        "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://evil.test/\n```\n",
        ("<meta http-equiv> can redirect", "remove it"),
        offset=2,
        in_exercise=("unknown directive {eval-rst}", "an exercise uses"),
    ),
    Active(
        "remote-image",
        "![A drawing](http://127.0.0.1:9/H7.png)\n",
        ("is loaded from another site (http://127.0.0.1:9)", _FILE_ADVICE),
    ),
    Active(
        "protocol-relative-image",
        "![A drawing](//evil.test/x.png)\n",
        ("is loaded from another site (https://evil.test)", _FILE_ADVICE),
    ),
    Active(
        "data-image",
        f"![A drawing](data:image/png;base64,{PIXEL})\n",
        ("is a data: address", _FILE_ADVICE),
    ),
    Active(
        "figure-target",
        ":::{figure} data-free.png\n:target: javascript:alert('H14')\n"
        ":alt: A drawing\n\nA caption.\n:::\n",
        ("the link \"javascript:alert('H14')\" is a javascript: address", _LINK_ADVICE),
    ),
    Active(
        "svg-onload",
        "![A drawing](evil.svg)\n",
        ("evil.svg: the event handler onload= on <svg> runs code", "plain SVG"),
        svg='<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n',
    ),
    Active(
        "svg-script",
        "![A drawing](evil.svg)\n",
        ("evil.svg: a <script> runs code", "plain SVG"),
        offset=1,
        svg='<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
    ),
    Active(
        "svg-remote-image",
        ":::{figure} evil.svg\n:alt: A drawing\n:::\n",
        ("href= on <image> names 'http://127.0.0.1:9/H16.png'", "plain SVG"),
        offset=2,
        svg=(
            '<svg xmlns="http://www.w3.org/2000/svg"\n'
            '  xmlns:xlink="http://www.w3.org/1999/xlink">\n'
            '<image xlink:href="http://127.0.0.1:9/H16.png"/>\n</svg>\n'
        ),
    ),
]


def _host(course: Path, kind: str) -> tuple[str, Path, Path]:
    """The page of ``kind`` (a sheet is written first), and its build folders."""
    name, _, _ = HOSTS[kind]
    if kind == "sheet":
        sheets = course / "book" / "sheets"
        sheets.mkdir()
        shutil.copy(Path(__file__).parents[1] / "book" / "sheets" / "conf.py", sheets)
        (sheets / "index.md").write_text(
            "# Sheets\n\n```{toctree}\n:glob:\n\n*\n```\n", encoding="utf-8"
        )
        (course / SHEET).write_text(SHEET_TEXT, encoding="utf-8")
        return name, sheets, sheets
    return name, course / "book", course / "book" / "chapters"


@pytest.mark.parametrize("kind", HOSTS)
@pytest.mark.parametrize("case", ACTIVE, ids=lambda case: case.name)
def test_active_content_fails_at_its_line(
    make_app, course_copy: Path, case: Active, kind: str
) -> None:
    name, srcdir, pictures = _host(course_copy, kind)
    _, after, line = HOSTS[kind]
    replace(after, after + "\n" + case.markup)(course_copy / name)
    (pictures / "data-free.png").write_bytes(_png())
    where = f"{name}:{line + case.offset}"
    expected = case.expected
    if kind == "exercise" and case.in_exercise:
        where, expected = f"{name}:{line}", case.in_exercise
    if case.svg:
        (pictures / "evil.svg").write_text(case.svg, encoding="utf-8")
        where = f"{pictures.relative_to(course_copy)}/evil.svg:{1 + case.offset}"
    layout = (
        {"srcdir": srcdir}
        if kind == "sheet"
        else production_layout(course_copy, "html")
    )
    app = make_app("dummy", builddir=course_copy / "_build", **layout)
    app.build()
    warnings = warnings_of(app)
    messages = [
        line
        for line in warnings.splitlines()
        if re.search(r": (ERROR|WARNING|CRITICAL):", line)
    ]
    assert any(
        where in line and all(text in line for text in expected) for line in messages
    ), warnings
    assert "Traceback" not in warnings and "Exception occurred" not in warnings


#: Raw HTML and pictures the course may use: they reach the page as written.
HARMLESS = """
Press <kbd>Ctrl</kbd> and read <span class="aside">THE-SPAN-TEXT</span>,
<abbr title="for example">e.g.</abbr> H<sub>2</sub>O, and
<a href="https://example.org/reading">THE-WEB-LINK</a>.

- [x] THE-TASK-DONE
- [ ] THE-TASK-OPEN

![A drawing](fine.svg)
"""
FINE_SVG = f"""<svg xmlns="http://www.w3.org/2000/svg"
  xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">
<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/>
</linearGradient></defs>
<style>.box {{ fill: url(#g); }}</style>
<rect class="box" width="20" height="20" style="stroke: url(#g)"/>
<use xlink:href="#g"/>
<image width="1" height="1" href="data:image/png;base64,{PIXEL}"/>
<a href="https://example.org/"><text y="15">FINE-SVG-TEXT</text></a>
</svg>
"""


def test_harmless_html_and_pictures_build_cleanly(make_app, course_copy: Path) -> None:
    """Text-level raw HTML, a web link, task lists and a plain SVG (gradient,
    embedded picture, link) are allowed: the checks above are theirs alone."""
    replace(AFTER_SUBSECTION, AFTER_SUBSECTION + HARMLESS)(course_copy / CHAPTER)
    (course_copy / "book/chapters/fine.svg").write_text(FINE_SVG, encoding="utf-8")
    app = make_app(
        "html",
        builddir=course_copy / "_build",
        **production_layout(course_copy, "html"),
    )
    app.build()
    assert not re.search(r"(ERROR|WARNING)", warnings_of(app)), warnings_of(app)
    page = (app.outdir / "chapters" / "03-sample.html").read_text(encoding="utf-8")
    assert "<kbd>Ctrl</kbd>" in page
    assert '<a href="https://example.org/reading">THE-WEB-LINK</a>' in page
    assert 'type="checkbox"' in page and "fine.svg" in page
    # Each box is announced by its item's words, and closed for the EPUB's XHTML.
    assert re.search(r'<input [^>]*aria-label="THE-TASK-DONE"[^>]*/>', page), page
    assert (app.outdir / "_images" / "fine.svg").is_file()


def test_refused_content_is_left_out_of_the_pages(make_app, course_copy: Path) -> None:
    """A build that goes on after the errors (``--keep-going``) writes none of it:
    no script, handler or remote address in the page, no refused picture copied."""
    hostile = "\n".join(case.markup for case in ACTIVE if "eval-rst" not in case.markup)
    replace(AFTER_SUBSECTION, AFTER_SUBSECTION + "\n" + hostile)(course_copy / CHAPTER)
    pictures = course_copy / "book" / "chapters"
    (pictures / "data-free.png").write_bytes(_png())
    (pictures / "evil.svg").write_text(ACTIVE[-1].svg, encoding="utf-8")
    app = make_app(
        "html",
        builddir=course_copy / "_build",
        **production_layout(course_copy, "html"),
    )
    app.build()
    assert "course.active-content" in warnings_of(app)
    page = (app.outdir / "chapters" / "03-sample.html").read_text(encoding="utf-8")
    for text in ("alert(", "evil.test", "127.0.0.1", "javascript:", "onmouseover"):
        assert text.lower() not in page.lower(), text
    assert "SUBSECTION-PROSE-TEXT" in page  # the rest of the page is there
    assert not (app.outdir / "_images" / "evil.svg").exists()


PRIVACY = '\n[privacy]\nallow_remote = ["https://media.test-course.org"]\n'


def test_an_allowed_site_may_show_a_picture(make_app, course_copy: Path) -> None:
    (course_copy / COURSE).write_text(
        (course_copy / COURSE).read_text(encoding="utf-8") + PRIVACY, encoding="utf-8"
    )
    shows = "![A photo](https://media.test-course.org/photo.png)\n"
    replace(AFTER_SUBSECTION, AFTER_SUBSECTION + "\n" + shows)(course_copy / CHAPTER)
    warnings = _build(make_app, course_copy, "html")
    assert "active-content" not in warnings, warnings
    # Another site is still refused, and nothing lets a script through.
    replace(shows, "![A photo](https://other.test/photo.png)\n")(course_copy / CHAPTER)
    assert "other.test/photo.png' is loaded from another site" in _build(
        make_app, course_copy, "html"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"http://media.test-course.org"', "is not a site's origin"),
        ('"https://media.test-course.org/photos/"', "is not a site's origin"),
        ('"javascript:alert(1)"', "is not a site's origin"),
        ('"https://user@media.test-course.org"', "is not a site's origin"),
        ("true", "must be a list of addresses"),
    ],
)
def test_allow_remote_takes_origins_only(
    make_app, course_copy: Path, value: str, expected: str
) -> None:
    text = (course_copy / COURSE).read_text(encoding="utf-8")
    line = text.count("\n") + 3
    (course_copy / COURSE).write_text(
        text + f"\n[privacy]\nallow_remote = [{value}]\n".replace("[true]", "true"),
        encoding="utf-8",
    )
    warnings = _build(make_app, course_copy, "html")
    assert f"{COURSE}:{line}" in warnings and expected in warnings, warnings
    assert "write https:// and the host name only" in warnings or "list" in expected


def test_privacy_has_no_other_key(make_app, course_copy: Path) -> None:
    text = (course_copy / COURSE).read_text(encoding="utf-8")
    line = text.count("\n") + 3
    (course_copy / COURSE).write_text(
        text + '\n[privacy]\nallow_scripts = ["https://cdn.test"]\n', encoding="utf-8"
    )
    warnings = _build(make_app, course_copy, "html")
    assert f"{COURSE}:{line}" in warnings, warnings
    assert "unknown key 'allow_scripts' in [privacy]" in warnings, warnings


def test_coursepress_build_refuses_a_script_and_leaves_the_site(project: Path) -> None:
    """End to end: the reviewer's chapter with a script and a remote picture."""
    assert run_coursepress(project, "build", "html").returncode == 0
    site = project / "build" / "site"
    before = _tree_digest(site)
    hostile = "<script>alert('H1')</script>\n\n![A photo](http://127.0.0.1:9/H7.png)\n"
    replace(AFTER_SUBSECTION, AFTER_SUBSECTION + "\n" + hostile)(project / CHAPTER)
    fails_with(
        project,
        f"{CHAPTER}:44",
        "raw HTML: <script> is not allowed",
        "build/site was left as it was",
    )
    assert _tree_digest(site) == before


def test_a_compressed_svg_is_read_too(make_app, course_copy: Path) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n'
    )
    (course_copy / "book/chapters/evil.svgz").write_bytes(gzip.compress(svg.encode()))
    shows = "![A drawing](evil.svgz)\n"
    replace(AFTER_SUBSECTION, AFTER_SUBSECTION + "\n" + shows)(course_copy / CHAPTER)
    warnings = _build(make_app, course_copy, "html")
    assert "book/chapters/evil.svgz:2" in warnings, warnings
    assert "evil.svgz: a <script> runs code" in warnings
