"""A source's words as a reader sees them, for checks that compare texts.

``coursepress prose`` compares the course with its source texts; a source saved
as a web page is read through the same HTML reader as ingest (scripts, styles
and markup gone, the title kept), so copying from it is found too.
"""

from __future__ import annotations

from functools import cache

from .htmlparse import parse_html
from .model import Meta, block_text
from .reader import decode, detect_format
from .rules import Rules, load_rules


@cache
def _rules() -> Rules:
    return load_rules()


def visible_text(data: bytes, suffix: str) -> str:
    """The text of a source file's bytes; IngestError if it cannot be read."""
    text, _ = decode(data)
    if detect_format(text, suffix) != "html":
        return text
    meta = Meta()
    blocks, _ = parse_html(text, _rules(), meta)
    return "\n\n".join([meta.title or "", *(block_text(block) for block in blocks)])
