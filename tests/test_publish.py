"""Publishing reuses unchanged files and never shares one with a build folder."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from coursepress.build import publish
from coursepress.console import Console

PROJECT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "book").mkdir(parents=True)
    shutil.copy(PROJECT / "book" / "course.toml", root / "book")
    html, slides = root / "build" / "html", root / "build" / "slides"
    for folder in (html, slides):
        folder.mkdir(parents=True)
    (html / "index.html").write_text("<p>home</p>")
    (html / "chapter.html").write_text("<p>first</p>")
    (slides / "index.html").write_text("<p>decks</p>")
    (slides / "deck.html").write_text("<section>one</section>")
    guide = root / "build" / "guide"
    guide.mkdir()
    (guide / "facilitator-guide.pdf").write_bytes(b"%PDF-1.7 guide")
    return root


def _later(path: Path, text: str) -> None:
    """Rewrite ``path`` in place, as Sphinx does, with a later modification time."""
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_unchanged_files_are_reused_and_changed_ones_copied(tmp_path: Path) -> None:
    root = _project(tmp_path)
    site = publish(root, Console())
    home, chapter = site / "index.html", site / "chapter.html"
    inode = home.stat().st_ino

    _later(root / "build" / "html" / "chapter.html", "<p>second</p>")
    publish(root, Console())
    assert home.stat().st_ino == inode  # the published file itself, linked again
    assert chapter.read_text() == "<p>second</p>"
    assert (site / "downloads" / "facilitator-guide.pdf").is_file()

    # Sphinx rewrites its outputs in place: that must not reach the site.
    (root / "build" / "html" / "index.html").write_text("<p>half-written</p>")
    assert home.read_text() == "<p>home</p>"


def test_kit_is_zipped_again_only_when_a_published_file_changed(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    kit = root / "build" / "workshop-kit.zip"
    publish(root, Console())
    zipped = kit.stat().st_mtime_ns

    publish(root, Console())
    assert kit.stat().st_mtime_ns == zipped  # nothing changed: not zipped again

    # The book is in the kit (the decks link to it): a chapter edit reaches it.
    _later(root / "build" / "html" / "chapter.html", "<p>second</p>")
    publish(root, Console())
    with zipfile.ZipFile(kit) as archive:
        assert archive.read("workshop-kit/chapter.html") == b"<p>second</p>"

    _later(root / "build" / "slides" / "deck.html", "<section>two</section>")
    publish(root, Console())
    with zipfile.ZipFile(kit) as archive:
        assert (
            archive.read("workshop-kit/slides/deck.html") == b"<section>two</section>"
        )
        stored = archive.getinfo("workshop-kit/downloads/facilitator-guide.pdf")
        assert stored.compress_type == zipfile.ZIP_STORED
