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


def test_every_coursepress_switch_is_part_of_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``COURSEPRESS_PDF_SPEEDUPS=off`` on an up-to-date tree must build again."""
    from coursepress.publishing.fingerprint import project_digest

    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "index.md").write_text("# Home\n")
    monkeypatch.delenv("COURSEPRESS_PDF_SPEEDUPS", raising=False)
    plain = project_digest(tmp_path)
    assert project_digest(tmp_path) == plain
    monkeypatch.setenv("COURSEPRESS_PDF_SPEEDUPS", "off")
    switched = project_digest(tmp_path)
    assert switched != plain
    monkeypatch.setenv("COURSEPRESS_SOMETHING_NEW", "1")
    assert project_digest(tmp_path) not in (plain, switched)


def test_new_code_writes_every_page_again(
    project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade of coursepress (or of Sphinx, a theme, Python) with the same
    sources: every page is written by the new code, not only changed ones."""
    import coursepress.publishing.incremental

    monkeypatch.setattr(
        coursepress.publishing.incremental, "tool_digest", lambda: "old code"
    )
    _build(project, capsys)
    html = project / "build" / "html"
    # The theme's static templates are copied only when they change; pages are written.
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    before = {page: page.stat().st_mtime_ns for page in pages}

    monkeypatch.setattr(
        coursepress.publishing.incremental, "tool_digest", lambda: "new code"
    )
    again = _build(project, capsys)
    assert "unchanged" not in again
    assert [p for p in pages if p.stat().st_mtime_ns == before[p]] == []

    # Built by the same code again: nothing to do.
    assert "html    ok     unchanged" in _build(project, capsys)
