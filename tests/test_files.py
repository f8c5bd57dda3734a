"""Outputs are written whole or not at all, and zips depend only on their content."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from coursepress.files import (
    ZipReuse,
    atomic_path,
    normalise_zip,
    reproducible_zip,
    write_atomic,
)


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as partial:
        partial.write_bytes(b"half")
        raise RuntimeError("renderer crashed")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]  # no partial file left behind


def test_write_atomic_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "stamp.json"
    write_atomic(target, "é\n")
    write_atomic(target, "new\n")
    assert target.read_bytes() == b"new\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["stamp.json"]


def _kit(tmp_path: Path, name: str) -> bytes:
    target = tmp_path / name
    with reproducible_zip(target) as archive:
        archive.writestr("kit/README.txt", "open slides/index.html")
        archive.writestr("kit/a.pdf", b"%PDF", compress_type=zipfile.ZIP_STORED)
    return target.read_bytes()


def test_same_content_same_bytes_whenever_it_is_zipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first = _kit(tmp_path, "one.zip")
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)  # a later clock
    assert _kit(tmp_path, "two.zip") == first
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert {e.date_time for e in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert {e.external_attr >> 16 for e in archive.infolist()} == {0o644}


def test_normalising_an_epub_keeps_its_mimetype_first_and_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    epub = tmp_path / "course.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype", (2031, 5, 6, 7, 8, 10)), "application/epub+zip"
        )
        info = zipfile.ZipInfo("OEBPS/index.xhtml", (2030, 1, 2, 3, 4, 6))
        archive.writestr(info, "<html/>", compress_type=zipfile.ZIP_DEFLATED)
    normalise_zip(epub)
    with zipfile.ZipFile(epub) as archive:
        entries = archive.infolist()
        assert [e.filename for e in entries] == ["mimetype", "OEBPS/index.xhtml"]
        assert entries[0].compress_type == zipfile.ZIP_STORED
        assert entries[1].compress_type == zipfile.ZIP_DEFLATED
        assert {e.date_time for e in entries} == {(2026, 1, 1, 0, 0, 0)}
    before = epub.stat().st_mtime_ns
    normalise_zip(epub)  # already normalised: the file is left alone
    assert epub.stat().st_mtime_ns == before


def _zip_again(target: Path, files: dict[str, bytes]) -> list[str]:
    """Zip ``files`` over ``target`` as the kit does; the names compressed anew."""
    compressed = []
    with ZipReuse(target) as earlier, reproducible_zip(target) as archive:
        for name, data in files.items():
            method = zipfile.ZIP_STORED if name.endswith(".pdf") else None
            method = method or zipfile.ZIP_DEFLATED
            if not earlier.copy(archive, name, data, method):
                archive.writestr(name, data, compress_type=method, compresslevel=1)
                compressed.append(name)
    return compressed


def test_a_zip_made_again_reuses_only_unchanged_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    files = {
        f"kit/chapters/{n:02}.html": (f"<p>Chapter {n}</p>" * 400).encode()
        for n in range(5)
    }
    files["kit/book.pdf"] = b"%PDF-1.7 " * 100
    kit = tmp_path / "kit.zip"
    assert len(_zip_again(kit, files)) == 6
    # Same length, other bytes: compressed again, not copied.
    files["kit/chapters/02.html"] = files["kit/chapters/02.html"].replace(b"2", b"7")
    files["kit/new.html"] = b"<p>new</p>"
    assert _zip_again(kit, files) == ["kit/chapters/02.html", "kit/new.html"]
    again = kit.read_bytes()
    # Byte for byte what zipping everything anew gives, and every member reads.
    fresh = tmp_path / "fresh.zip"
    assert len(_zip_again(fresh, files)) == 7
    assert again == fresh.read_bytes()
    with zipfile.ZipFile(kit) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == files
