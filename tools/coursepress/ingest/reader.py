"""Bytes to clean text: encoding, line ends, binary files, and the source format."""

from __future__ import annotations

import codecs
import re
from typing import Literal

from ..course.invisible import strip_invisible
from .errors import IngestError
from .model import Note

Format = Literal["text", "markdown", "html"]

#: Larger sources are refused: no course text is this long, and the draft
#: would be unusable anyway.
MAX_BYTES = 32 * 1024 * 1024

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.epub)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"{\\rtf": "an RTF document",
}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# Line separators other than \n that Python or YAML would split on.
_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Control characters and Unicode non-characters: YAML refuses them.
_NONCHARS = "".join(rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(1, 17))
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + _NONCHARS
    + "]"
)
# A numeric character reference (&#x202E; or &#8238;): HTML and Markdown turn
# it into the character after this point, so an invisible one goes here too.
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
_CP1252_PUNCT = set(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00a0\u00a3\u20ac\u00a9\u00b0"
)
_HTML_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I
)
_MD_EXT = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_EXT = {".html", ".htm", ".xhtml"}


def decode(data: bytes, encoding: str | None = None) -> tuple[str, list[Note]]:
    """Decode a source's bytes to text with ``\\n`` line ends, or raise IngestError."""
    if len(data) > MAX_BYTES:
        raise IngestError(
            f"the file is {len(data) // (1024 * 1024)} MB; sources over "
            f"{MAX_BYTES // (1024 * 1024)} MB are refused: split it first"
        )
    if not data.strip():
        raise IngestError("the file is empty: there is nothing to ingest")
    if encoding is None:
        _refuse_binary(data)
        text = _decode_utf8(data)
    else:
        text = _decode_as(data, encoding)
    notes: list[Note] = []
    text = _LINE_ENDS.sub("\n", text)
    text, removed = _drop_invisible(text)
    if removed:
        notes.append(Note(None, "text", f"removed {removed} control character(s)"))
    text, hidden = strip_invisible(text)
    text, referenced = _drop_invisible_references(text)
    hidden += referenced
    if hidden:
        notes.append(invisible_note(hidden))
    if not text.strip():
        raise IngestError("the file holds no visible text: there is nothing to ingest")
    return text, notes


def invisible_note(count: int) -> Note:
    """The report's line for bidi overrides and zero-width characters removed."""
    return Note(None, "text", f"removed {count} invisible control character(s)")


def _drop_invisible_references(text: str) -> tuple[str, int]:
    removed = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if code > 0x10FFFF or strip_invisible(chr(code))[1] == 0:
            return match.group()
        removed += 1
        return ""

    return _CHAR_REFERENCE.sub(drop, text), removed


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(
                f"this is {what}, not a text source: save it as text first"
            )
    if data.startswith(_UTF32_BOMS) or data.startswith(_UTF16_BOMS):
        raise IngestError(
            "the file is UTF-16 or UTF-32: save it as UTF-8, or pass "
            "--encoding utf-16 (or utf-32)"
        )
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte of ASCII text.
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) > len(head) // 4:
            raise IngestError(
                "the file looks like UTF-16 text: save it as UTF-8, or pass "
                "--encoding utf-16"
            )
        raise IngestError(
            "this is a binary file (it contains NUL bytes), not a text source"
        )


def _decode_utf8(data: bytes) -> str:
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        column = err.start - (body.rfind(b"\n", 0, err.start) + 1) + 1
        guess = _guess_encoding(body)
        hint = (
            f"it looks like {guess}: convert it to UTF-8, or pass --encoding {guess}"
            if guess
            else "convert it to UTF-8, or pass --encoding with the file's encoding"
        )
        raise IngestError(
            f"not UTF-8 (byte 0x{body[err.start]:02x} at column {column}); {hint}",
            line,
        ) from None


def _guess_encoding(data: bytes) -> str | None:
    """A likely encoding for the error message; a courtesy, so never fatal."""
    # Most non-UTF-8 web text is Windows-1252; detectors misname short samples.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if all(ord(c) < 128 or c.isalpha() or c in _CP1252_PUNCT for c in text):
            return "cp1252"
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        return None
    return best.encoding.replace("_", "-")


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise IngestError(
            f"not valid {encoding} (byte 0x{data[err.start]:02x}): check --encoding",
            line,
        ) from None
    except UnicodeError as err:  # e.g. utf-16 with an odd number of bytes
        raise IngestError(f"not valid {encoding} ({err}): check --encoding") from None
    if "\x00" in text:
        raise IngestError(
            f"decoded as {encoding} the file contains NUL characters: "
            "it is binary, or the encoding is wrong"
        )
    return text.removeprefix("\ufeff")


def _drop_invisible(text: str) -> tuple[str, int]:
    """Remove control and non-characters; they break YAML and confuse editors."""
    text, removed = _INVISIBLE.subn("", text)
    return text.replace("\t", "    "), removed


def detect_format(text: str, suffix: str) -> Format:
    """The source format, from its content first and its file name second."""
    if text.startswith("---\n"):
        return "markdown"
    if _HTML_START.match(text):
        return "html"
    suffix = suffix.lower()
    if suffix in _MD_EXT:
        return "markdown"
    if suffix in _HTML_EXT:
        return "html"
    return "text"
