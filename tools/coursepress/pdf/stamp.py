"""What a PDF is made from: its HTML, every file that HTML can load, and the engine.

Rendering with WeasyPrint is the slowest step of a build, and a chapter edit that
touches only facilitator notes leaves the book's single-page HTML byte for byte
as it was; so a PDF is rendered again only when this digest changes.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from .engine import plan
from .speedups import REGISTRY

#: The engine: a new release of either may lay out or write differently.
_ENGINE = ("weasyprint", "pydyf")


def engine_fingerprint() -> list[str]:
    """What renders a PDF besides its HTML: the libraries, our engine, our patches.

    The versions of WeasyPrint and pydyf; the code of this package's engine
    modules; and, from the registry, each speed-up's state (on, switched off,
    or skipped on other versions) with the code of each one that is on. So an
    upgrade, an edit to a speed-up, or switching one off renders the PDF again
    instead of keeping the one the old code wrote. Read, never imported: an
    up-to-date PDF must not load WeasyPrint.
    """
    parts = [f"{name}=={metadata.version(name)}" for name in _ENGINE]
    for path in sorted(Path(__file__).parent.glob("*.py")):
        parts.append(path.name + "\0" + path.read_text(encoding="utf-8"))
    states = plan(REGISTRY)
    for speed_up in REGISTRY:
        state = states[speed_up.name]
        parts.append(f"{speed_up.name}: {state}")
        if state == "on":
            parts.append(speed_up.source())
    return parts


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
