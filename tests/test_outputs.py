"""What a builder's folder holds after a build: only what the sources make.

In-process builds of the small course, one after another in the same folders,
as ``coursepress build`` runs them after each edit: a picture, a download or a
page the authors removed is gone from the folder (so from the site), and the
search index keeps the glossary of pages that were not written again
(sphinx-doc/sphinx#12599).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from conftest import production_layout, warnings_of
from PIL import Image

CHAPTER = "book/chapters/03-sample.md"
GLOSSARY = """\
---
orphan: true
---

# Words

```{glossary}
attunement
  Turning towards a partner's feelings.

bid
  A reach for connection.
```
"""


def _build(make_app: Callable[..., object], root: Path, builder: str = "html"):
    layout = production_layout(root, builder)
    app = make_app(builder, builddir=root / "_build", **layout)
    app.build()
    # A second application in one process finds docutils' registries filled.
    problems = [
        line
        for line in warnings_of(app).splitlines()
        if re.search(r"WARNING|ERROR", line)
        and "while setting up extension" not in line
    ]
    assert problems == []
    return app


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def _add(root: Path, text: str) -> None:
    chapter = root / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_removed_picture_download_and_page_leave_the_folder(
    make_app, course_copy: Path
) -> None:
    book = course_copy / "book"
    Image.new("RGB", (20, 20), (0, 90, 0)).save(book / "chapters" / "gone.png")
    (book / "chapters" / "gone.txt").write_text("GONE-DOWNLOAD\n", encoding="utf-8")
    (book / "words.md").write_text(GLOSSARY, encoding="utf-8")
    chapter = (course_copy / CHAPTER).read_text(encoding="utf-8")
    _add(course_copy, "\n![A green square](gone.png)\n\n{download}`notes <gone.txt>`\n")
    first = Path(_build(make_app, course_copy).outdir)
    files = _files(first)
    assert "words.html" in files
    assert any(name.endswith("gone.png") for name in files)
    assert any(name.endswith("gone.txt") for name in files)
    # A file a crashed build left behind is no source's either.
    (first / "_images" / "debris.png").write_bytes(b"left by a killed build")

    (course_copy / CHAPTER).write_text(chapter, encoding="utf-8")
    for name in ("chapters/gone.png", "chapters/gone.txt", "words.md"):
        (book / name).unlink()
    again = Path(_build(make_app, course_copy).outdir)
    left = _files(again)
    assert [n for n in left if "gone" in n or "words" in n or "debris" in n] == []
    # Everything else is still there: each page, the theme's files, the index.
    assert files - left == {n for n in files if "gone" in n or n == "words.html"}, (
        sorted(files - left)
    )


def test_pages_left_alone_keep_their_files(make_app, course_copy: Path) -> None:
    """An edit elsewhere: the pages Sphinx does not write again, their pictures
    and downloads, and the theme's files (identical, so not copied) all stay."""
    book = course_copy / "book"
    Image.new("RGB", (20, 20), (0, 90, 0)).save(book / "chapters" / "kept.png")
    _add(course_copy, "\n![A green square](kept.png)\n")
    first = Path(_build(make_app, course_copy).outdir)
    files = _files(first)
    crisis = book / "crisis.md"
    crisis.write_text(crisis.read_text(encoding="utf-8") + "\nEdited.\n", "utf-8")
    again = Path(_build(make_app, course_copy).outdir)
    assert _files(again) == files


def _index_entries(outdir: Path) -> dict[str, object]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return index["indexentries"]


def test_the_search_index_keeps_the_glossary_after_an_edit(
    make_app, course_copy: Path
) -> None:
    (course_copy / "book" / "words.md").write_text(GLOSSARY, encoding="utf-8")
    clean = _index_entries(Path(_build(make_app, course_copy).outdir))
    assert {"attunement", "bid"} <= set(clean)
    _add(course_copy, "\nAn edit elsewhere.\n")
    assert _index_entries(Path(_build(make_app, course_copy).outdir)) == clean


def test_a_new_chapter_title_reaches_every_page(make_app, course_copy: Path) -> None:
    """The sidebar and the next and previous links of pages left alone show the
    new structure (sphinx-doc/sphinx#5506)."""
    _build(make_app, course_copy)
    chapter = course_copy / CHAPTER
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace(
            "# Sample chapter", "# RETITLED chapter"
        ),
        encoding="utf-8",
    )
    outdir = Path(_build(make_app, course_copy).outdir)
    pages = sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)
    stale = [
        str(p.relative_to(outdir))
        for p in pages
        if "Sample chapter" in p.read_text(encoding="utf-8")
    ]
    assert stale == []
    assert all("RETITLED" in p.read_text(encoding="utf-8") for p in pages)
