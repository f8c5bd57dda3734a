"""A source the authors remove or rename is gone from everything published.

The journey of an author who deletes a chapter (with its picture and its
download), renames another, drops a printable sheet and a session, and runs
``coursepress build all`` once: no page, picture, file, deck, sheet, session
print, PDF page, EPUB chapter or kit entry of theirs is left, anywhere under
``build/site`` or in the kit, and the published files are the ones a clean build
of the same sources publishes.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

from helpers import run_coursepress
from PIL import Image
from pypdf import PdfReader

#: Text every removed source carries, and that nothing published may keep.
GONE = ("REMOVED-CHAPTER-TEXT", "REMOVED-DOWNLOAD-TEXT", "OLD-SHEET-TEXT")
#: Words of the renamed chapter, published under its new name only.
RENAMED = "RENAMED-CHAPTER-TEXT"
#: Parts of published file names that come from the removed sources.
GONE_NAMES = ("04-removed", "removed-picture", "removed-notes", "old-sheet", "later")

_TEXT = {".html", ".js", ".css", ".txt", ".xhtml", ".xml", ".opf", ".ncx", ".json"}

CHAPTER = """\
---
module: {module}
teaching_minutes: 10
sources: [source_one]
---

({label})=
# {title}

{marker} opens the chapter.
{extra}
:::{{slide}}
- {marker} on a slide
:::

:::{{keypoints}}
- {marker} kept
:::
"""

SHEET = """\
---
name: {name}
order: {order}
pages: 1
summary: A sheet for the tests.
---

# {name}

{marker} on paper.
"""

SHEETS_CONF = """\
from coursepress.settings import sheets_settings

globals().update(sheets_settings(__file__))
"""

LATER_SESSION = """
[[sessions]]
slug = "later"
title = "The later evening"
start = "19:00"
length = 40
plan = ["check-in", "review:5", 4, "check-out"]
"""


def _texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(name, text) of a published file and, for an EPUB or zip, of each member."""
    suffix = Path(name).suffix
    if suffix in {".epub", ".zip"}:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _texts(f"{name}!{member}", archive.read(member))
        yield name, ""
    elif suffix == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        yield name, "\n".join(page.extract_text() for page in reader.pages)
    elif suffix in _TEXT:
        yield name, data.decode("utf-8")
    else:
        yield name, ""


def _published(root: Path) -> dict[str, str]:
    """Every published file (the site and the kit, members of archives too) and its
    text, as a reader or facilitator opening it would find it."""
    site = (root / "build" / "site").resolve()
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            found.update(_texts(f"site/{path.relative_to(site)}", path.read_bytes()))
    kit = root / "build" / "workshop-kit.zip"
    found.update(_texts("workshop-kit.zip", kit.read_bytes()))
    return found


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _add_sources(root: Path) -> None:
    """A chapter with a picture and a download, a chapter to rename, two printable
    sheets and a second session, all in the small course."""
    book = root / "book"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(
        _ensure(book / "chapters" / "img") / "removed-picture.png"
    )
    _write(book / "chapters" / "removed-notes.txt", "REMOVED-DOWNLOAD-TEXT\n")
    extra = (
        "\n![A red square](img/removed-picture.png)\n\n"
        "Get {download}`the notes <removed-notes.txt>`.\n"
    )
    _write(
        book / "chapters" / "04-removed.md",
        CHAPTER.format(
            module=4,
            label="ch-removed",
            title="Removed chapter",
            marker="REMOVED-CHAPTER-TEXT",
            extra=extra,
        ),
    )
    _write(
        book / "chapters" / "05-before.md",
        CHAPTER.format(
            module=5,
            label="ch-renamed",
            title="Renamed chapter",
            marker=RENAMED,
            extra="",
        ),
    )
    sheets = book / "sheets"
    _ensure(sheets)
    _write(sheets / "conf.py", SHEETS_CONF)
    _write(
        sheets / "index.md",
        "# Printable sheets\n\n```{toctree}\n:hidden:\n:glob:\n\n*\n```\n",
    )
    _write(
        sheets / "kept-sheet.md",
        SHEET.format(name="Kept", order=1, marker="KEPT-SHEET-TEXT"),
    )
    _write(
        sheets / "old-sheet.md",
        SHEET.format(name="Old", order=2, marker="OLD-SHEET-TEXT"),
    )
    # Module 5 joins the evening; module 4 has a session of its own, which the
    # authors drop with it.
    plan = root / "slides" / "formats" / "short.toml"
    text = plan.read_text(encoding="utf-8").replace(
        '"home:ex-other", "check-out"', '"home:ex-other", 5, "check-out"'
    )
    _write(plan, text.replace("length = 90", "length = 100") + LATER_SESSION)


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove_sources(root: Path, original_plan: str) -> None:
    """What the author does next: delete, rename, drop."""
    book = root / "book"
    for path in (
        book / "chapters" / "04-removed.md",
        book / "chapters" / "removed-notes.txt",
        book / "sheets" / "old-sheet.md",
    ):
        path.unlink()
    shutil.rmtree(book / "chapters" / "img")
    (book / "chapters" / "05-before.md").rename(book / "chapters" / "05-after.md")
    plan = root / "slides" / "formats" / "short.toml"
    _write(
        plan,
        original_plan.replace(
            '"home:ex-other", "check-out"', '"home:ex-other", 5, "check-out"'
        ).replace("length = 90", "length = 100"),
    )


def _build(root: Path) -> dict[str, str]:
    result = run_coursepress(root, "build", "all")
    assert result.returncode == 0, result.stderr
    return _published(root)


def _holding(published: dict[str, str], text: str) -> list[str]:
    return [name for name, content in published.items() if text in content]


def test_removed_and_renamed_sources_are_gone_from_everything_published(
    project: Path, tmp_path: Path
) -> None:
    original_plan = (project / "slides" / "formats" / "short.toml").read_text()
    _add_sources(project)
    before = _build(project)
    # Each removed source reached every kind of output first.
    for marker in GONE:
        assert _holding(before, marker), marker
    names = "\n".join(before)
    for expected in (
        "site/chapters/04-removed.html",
        "site/slides/chapters/04-removed.html",
        "site/downloads/printables/old-sheet.pdf",
        "site/downloads/slides-short-later.pdf",
        "workshop-kit.zip!workshop-kit/chapters/04-removed.html",
    ):
        assert expected in before, f"{expected} not in\n{names}"
    assert any("removed-picture" in name for name in before)
    epub_chapters = [
        n for n in _holding(before, "REMOVED-CHAPTER-TEXT") if ".epub!" in n
    ]
    assert epub_chapters
    pdfs = [n for n in _holding(before, "REMOVED-CHAPTER-TEXT") if n.endswith(".pdf")]
    assert pdfs

    _remove_sources(project, original_plan)
    after = _build(project)

    for marker in GONE:
        assert _holding(after, marker) == [], marker
    assert [n for n in after if any(part in n for part in GONE_NAMES)] == []
    renamed = _holding(after, RENAMED)
    assert "site/chapters/05-after.html" in renamed
    assert not [n for n in after if "05-before" in n]

    # And what is published is what a clean build of the same sources publishes.
    clean = tmp_path / "clean"
    for part in ("book", "exercises", "slides"):
        shutil.copytree(project / part, clean / part)
    assert sorted(after) == sorted(_build(clean))
