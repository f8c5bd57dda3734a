"""Two clean builds of the same sources, with SOURCE_DATE_EPOCH set, are identical.

Every output (book, decks, PDFs, EPUB) and the workshop kit, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT
from PIL import Image


def digests(folder: Path, pattern: str = "*") -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob(pattern))
        if path.is_file()
    }


def build(root: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run(
        [sys.executable, "-m", "coursepress", "--root", str(root), "build", "all"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_two_clean_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    # A picture in a chapter: the PDFs named it after its address, which held
    # the checkout's folder.
    chapters = project / "book" / "chapters"
    Image.new("RGB", (30, 20), (120, 40, 90)).save(chapters / "square.png")
    page = chapters / "03-sample.md"
    page.write_text(page.read_text("utf-8") + "\n![A square](square.png)\n", "utf-8")
    twin = tmp_path / "twin"
    shutil.copytree(project, twin, ignore=shutil.ignore_patterns("twin"))
    build(project)
    build(twin)
    first, second = (
        digests(project / "build" / "site"),
        digests(twin / "build" / "site"),
    )
    assert len(first) > 50
    assert {"downloads/facilitator-guide.pdf", "downloads/workbook.pdf"} <= set(first)
    assert "_images/square.png" in first
    assert [name for name in first if first[name] != second.get(name)] == []
    assert set(first) == set(second)
    kit = "build/workshop-kit.zip"
    assert (project / kit).read_bytes() == (twin / kit).read_bytes()


@pytest.mark.slow
def test_sheets_of_two_checkouts_are_byte_identical(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The printable sheets (which the small course has none of) rendered from
    two folders: the same bytes. A sized picture was a link to its file, so the
    PDF held the checkout's path."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdfs = []
    for checkout in (tmp_path / "one", tmp_path / "a-second-checkout"):
        shutil.copytree(PROJECT / "book", checkout / "book")
        app = make_app(
            "sheetpdf",
            srcdir=checkout / "book" / "sheets",
            builddir=checkout / "build",
        )
        app.build()
        pdfs.append(digests(Path(app.outdir), "*.pdf"))
    assert len(pdfs[0]) > 3
    assert pdfs[0] == pdfs[1]
