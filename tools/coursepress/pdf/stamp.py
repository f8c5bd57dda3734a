"""What a PDF is made from: its HTML, every file that HTML can load, and the engine.

Rendering with WeasyPrint is the slowest step of a build, and a chapter edit that
touches only facilitator notes leaves the book's single-page HTML byte for byte
as it was; so a PDF is rendered again only when this digest changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def pdf_digest(html: Path, *extra: str) -> str:
    """The single-page HTML, every file it can load beside it, and ``extra``."""
    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(html.read_bytes()).digest())
    for folder in ("_static", "_images"):
        root = html.parent / folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(html.parent)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
