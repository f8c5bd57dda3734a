"""One project layout and output manifest; nothing of this course in the package.

Output file names and site folders are spelled in ``course/layout.py`` only, and
the package's code names nothing of *this* course (its title, file names,
chapters): those come from the course's own files.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from coursepress.course import layout
from coursepress.course.bibliography import bib_keys
from coursepress.course.facts import load_course
from coursepress.course.layout import Layout, Manifest
from coursepress.kit.bundle import readme_text

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "tools" / "coursepress"
TEXT_FILES = (".html", ".css", ".js", ".toml", ".txt")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def code_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string constant of a module's code (docstrings are prose, left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
        ):
            yield node.lineno, node.value


def package_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*")):
        wanted = path.suffix == ".py" or path.suffix in TEXT_FILES
        if wanted and path.is_file() and ".min." not in path.name:
            yield path


@cache
def package_texts() -> list[tuple[Path, int, str]]:
    """(file, line, text) for the code's strings and the templates' and assets' text."""
    found = []
    for path in package_files():
        if path.suffix == ".py":
            found += [(path, line, text) for line, text in code_strings(path)]
        else:
            lines = path.read_text("utf-8").splitlines()
            found += [(path, n, text) for n, text in enumerate(lines, 1)]
    return found


def test_the_manifest_names_every_download_from_the_basename() -> None:
    manifest = Manifest("a-course")
    assert manifest.book_pdf.href == f"{layout.DOWNLOADS}/a-course.pdf"
    assert manifest.book_epub.href == f"{layout.DOWNLOADS}/a-course.epub"
    hrefs = [o.href for o in manifest.listed]
    labels = [o.label for o in manifest.listed]
    assert len(set(hrefs)) == len(hrefs) and len(set(labels)) == len(labels)
    assert all(o.href.startswith(layout.DOWNLOADS + "/") for o in manifest.downloads)
    assert manifest.slides not in manifest.downloads
    assert layout.session_pdf("day", "session-2") == "slides-day-session-2.pdf"
    site = Layout(Path("/p")).site
    assert Layout(Path("/p")).built(manifest.guide) == Path("/p/build/guide") / (
        layout.GUIDE_PDF
    )
    assert site == Path("/p/build/site")


def test_every_published_name_is_spelled_in_the_layout_only() -> None:
    """File names and site folders: a lookup everywhere but in ``layout.py``."""
    names = {
        layout.GUIDE_PDF,
        layout.WORKBOOK_PDF,
        layout.WORKBOOK_LETTER_PDF,
        layout.SESSION_PDF_FOLDER,
        layout.CRISIS_PAGE,
        f"{layout.KIT}.zip",
        f"{layout.KIT}/",
        f"{layout.DOWNLOADS}/",
        f"/{layout.DOWNLOADS}",
        layout.SLIDES_INDEX,
        "slides-",
    }
    own = PACKAGE / "course" / "layout.py"
    found = [
        f"{path.relative_to(PROJECT)}:{line}: {text!r}"
        for path, line, text in package_texts()
        if path != own and any(name in text for name in names)
    ]
    assert found == []


def _course_specifics() -> set[str]:
    course = tomllib.loads((PROJECT / "book" / "course.toml").read_text("utf-8"))
    found = {course[k] for k in ("title", "subtitle", "basename", "author", "kind")}
    paths = Layout(PROJECT)
    for chapter in paths.chapters.glob("*.md"):
        found.add(chapter.stem)
        title = re.search(r"^# (.+)$", chapter.read_text("utf-8"), re.MULTILINE)
        found.add(title.group(1))
    found |= {p.stem for p in paths.exercises.glob("*.md")}
    found |= {p.stem for p in paths.sheets.glob("*.md")} - {"index", "README"}
    found |= bib_keys(paths.bib_files())  # the sources a chapter names
    return {text.lower() for text in found if text}


def test_the_package_names_nothing_of_this_course() -> None:
    """Title, chapters, exercises, sheets and sources come from the course's files."""
    specifics = _course_specifics()
    found = [
        f"{path.relative_to(PROJECT)}:{line}: {text!r}"
        for path, line, text in package_texts()
        for name in specifics
        if name in text.lower()
    ]
    assert found == []


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / layout.PRINTABLES).mkdir(parents=True)
    for slug in ("a-handout", "b-form"):
        (tmp_path / layout.PRINTABLES / f"{slug}.pdf").write_bytes(b"%PDF")
    (tmp_path / layout.SLIDES / "evenings").mkdir(parents=True)
    (tmp_path / layout.SLIDES / "evenings" / "session-1.html").write_text("x")
    return tmp_path


def test_the_kit_readme_names_the_manifest_files(site: Path) -> None:
    course = load_course(Layout(PROJECT).book)
    readme = readme_text(site, course.title, "")
    manifest = Manifest(course.basename)
    for output in manifest.listed:
        if output not in (manifest.book_pdf, manifest.book_epub):
            assert output.href in readme, output
    for pdf in ("a-handout.pdf", "b-form.pdf"):
        assert pdf in readme
    assert max(len(line) for line in readme.splitlines()) <= 84
