"""Bytes in: encodings, line ends, empty and binary files, format detection."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from coursepress.ingest.reader import decode, detect_format

TEXT = "Site\n\nA Title\n\nA paragraph with “curly quotes” — and a dash.\n"


def _draft(out: Path) -> str:
    (draft,) = out.glob("*.md")
    return draft.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8", "bom", "crlf", "cr", "bom-crlf"],
)
def test_utf8_bom_and_line_ends(ingest, tmp_path: Path, capsys, data: bytes) -> None:
    source = tmp_path / "a-title.txt"
    source.write_bytes(data)
    assert ingest(source, "--out", tmp_path / "out") == 0
    draft = _draft(tmp_path / "out")
    assert "\r" not in draft and "\ufeff" not in draft
    assert "# A Title\n" in draft
    assert "“curly quotes” — and a dash." in draft


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b" \n\r\n\t\n", "the file is empty"),
        (b"\x00\x01\x02binary\x00data", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (codecs.BOM_UTF16_LE + "Hello".encode("utf-16-le"), "UTF-16"),
        ("Hello there, friend".encode("utf-16-le"), "looks like UTF-16"),
        (b"\x1b\x07\x08", "no visible text"),
    ],
    ids=["empty", "blank", "binary", "png", "pdf", "utf16-bom", "utf16", "controls"],
)
def test_refused_files_exit_1_with_a_message(ingest, tmp_path, capsys, data, message):
    source = tmp_path / "input.txt"
    source.write_bytes(data)
    assert ingest(source, "--out", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.startswith(str(source)) and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_wrong_encoding_names_line_and_suggests_one(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes(TEXT.encode("cp1252"))
    assert ingest(source, "--out", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert re.search(r"latin\.txt:5: not UTF-8 \(byte 0x93 at column 18\)", err)
    assert "--encoding cp1252" in err


def test_encoding_option_reads_it_without_mojibake(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes(TEXT.encode("cp1252"))
    assert ingest(source, "--out", tmp_path / "out", "--encoding", "cp1252") == 0
    draft = _draft(tmp_path / "out")
    assert "“curly quotes” — and a dash." in draft
    assert "â€" not in draft


def test_utf16_with_the_encoding_option(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "wide.txt"
    source.write_bytes(TEXT.encode("utf-16"))
    assert ingest(source, "--out", tmp_path / "out", "--encoding", "utf-16") == 0
    assert "# A Title\n" in _draft(tmp_path / "out")


def test_wrong_encoding_option_is_an_input_problem(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "x.txt"
    source.write_bytes("Title\n\n日本語のテキスト。\n".encode())
    assert ingest(source, "--out", tmp_path / "out", "--encoding", "ascii") == 1
    assert "not valid ascii" in capsys.readouterr().err


def test_unknown_encoding_is_a_usage_error(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Hello.\n", encoding="utf-8")
    assert ingest(source, "--encoding", "klingon-8") == 2
    assert "no such encoding" in capsys.readouterr().err


def test_control_characters_are_dropped_and_reported() -> None:
    text, notes = decode("A\u0007B\u2028C\x85D\ufeffE".encode())
    assert text == "AB\nC\nDE"
    assert notes and "control character" in notes[0].message


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("---\ntitle: x\n---\n", ".txt", "markdown"),
        ("<!DOCTYPE html><p>x</p>", ".txt", "html"),
        ("  <html lang='en'>", "", "html"),
        ("# Heading", ".md", "markdown"),
        ("<p>x</p>", ".HTM", "html"),
        ("Plain words", ".txt", "text"),
        ("Plain words", "", "text"),
    ],
)
def test_detect_format(text: str, suffix: str, expected: str) -> None:
    assert detect_format(text, suffix) == expected


@pytest.mark.slow  # 10 MB through ingest: the longest test the fast tier had
def test_a_ten_megabyte_source(ingest, tmp_path: Path, capsys) -> None:
    """Generated here, never committed: it ingests, quickly, to one draft."""
    para = "A sentence about feelings and safety, written plainly and calmly. " * 6
    unit = f"A Heading\n\n{para.strip()}\n\n  1. A step:\n\n{para.strip()}\n\n"
    body = "Big Source\n\n" + unit * (10_000_000 // len(unit) + 1)
    source = tmp_path / "big.txt"
    source.write_text(body, encoding="utf-8")
    assert source.stat().st_size >= 10_000_000
    assert ingest(source, "--out", tmp_path / "out") == 0
    draft = (tmp_path / "out" / "big-source.md").read_text(encoding="utf-8")
    assert draft.count("## A Heading") == body.count("A Heading\n")
    stubs = list((tmp_path / "out" / "exercises").glob("*.md"))
    assert stubs == []  # one-step lists are no exercises


def test_oversized_source_is_refused(ingest, tmp_path: Path, capsys) -> None:
    source = tmp_path / "huge.txt"
    with source.open("wb") as stream:
        stream.truncate(33 * 1024 * 1024)  # sparse: costs no disk
    assert ingest(source, "--out", tmp_path / "out") == 1
    assert "refused" in capsys.readouterr().err


#: The reviewer's source: an override in the title, a filename that displays as
#: "exe.png", a zero-width space and an isolate, in raw text and as references.
RTL_HTML = (
    "<!doctype html><html><head><title>RTL \u202etxt.exe\u202c title</title></head>"
    "<body><h1>RTL \u202etxt.exe\u202c title</h1>"
    "<p>A filename \u202egnp.exe to open, a zero\u200bwidth space and an "
    "\u2066isolate\u2069 here.</p>"
    "<p>Written as references: &#x202E;gnp.exe and &#8203;hidden.</p>"
    "<p>Kept: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 (Persian with ZWNJ), "
    "\U0001f469\u200d\u2695\ufe0f (ZWJ), \u200fRTL mark, &zwnj;, "
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f.</p>"
    "</body></html>"
)
HIDDEN = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"


def test_bidi_and_zero_width_controls_are_removed_and_counted(
    ingest, tmp_path: Path, capsys
) -> None:
    source = tmp_path / "rtl.html"
    source.write_text(RTL_HTML, encoding="utf-8")
    assert ingest(source, "--out", tmp_path / "out") == 0
    report = capsys.readouterr()
    draft = _draft(tmp_path / "out")
    assert not set(HIDDEN) & set(draft)
    assert "&#x202E;" not in draft and "&#8203;" not in draft
    assert "title: RTL txt.exe title" in draft and "# RTL txt.exe title\n" in draft
    assert "A filename gnp.exe to open, a zerowidth space and an isolate here." in draft
    # 2 in the <title>, 2 in the heading, 4 in the paragraph, 2 references.
    assert "removed 10 invisible control character(s)" in report.out + report.err
    for kept in (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\U0001f469\u200d\u2695\ufe0f",
        "\u200fRTL mark",
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    ):
        assert kept in draft
