"""A second ``coursepress build`` with nothing changed starts no Sphinx at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursepress.bench.generate import edit_chapter, generate
from coursepress.cli import main

PROJECT = Path(__file__).resolve().parent.parent


def _build(root: Path, capsys: pytest.CaptureFixture) -> str:
    code = main(["--root", str(root), "build", "html"])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


@pytest.mark.slow
def test_rebuilds_only_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = generate(PROJECT, tmp_path / "course", 2)
    first = _build(root, capsys)
    assert "published build/site/" in first
    site = root / "build" / "site"
    page = site / "chapters" / "01-chapter.html"
    published = page.stat().st_mtime_ns

    second = _build(root, capsys)
    assert "html    ok     unchanged" in second
    assert "build/site is up to date" in second
    assert page.stat().st_mtime_ns == published

    edit_chapter(root)
    third = _build(root, capsys)
    assert "unchanged" not in third
    assert "published build/site/" in third
    assert "An edited sentence, added by the benchmark." in page.read_text()

    # An output folder that is not as the build left it is built again.
    (root / "build" / "html" / "glossary.html").unlink()
    fourth = _build(root, capsys)
    assert "unchanged" not in fourth
    assert (site / "glossary.html").is_file()
