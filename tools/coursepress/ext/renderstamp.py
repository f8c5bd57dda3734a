"""Render a PDF or zip an EPUB only when what goes into it changed.

A chapter edit that touches only facilitator notes changes the decks but not
the book: Sphinx still rewrites the book's single-page HTML and the EPUB's
pages, byte for byte as before. Rendering that HTML again with WeasyPrint is
the slowest step of the whole build, and re-zipping the EPUB gives a new file
with the same content. So each target keeps a stamp (``.NAME.stamp``, beside
the PDF, in the doctree folder for the EPUB): the digest of the bytes that
made it. When the digest is
the same and the target is there, the step is skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
#: The EPUB's modification date changes at every build, whatever the content.
_MODIFIED = re.compile(
    rb"<dc:date>[^<]*</dc:date>|<meta property=\"dcterms:modified\">[^<]*</meta>"
)


def _stamp(target: Path, folder: Path | None) -> Path:
    return (folder or target.parent) / f".{target.name}.stamp"


def is_current(target: Path, digest: str, folder: Path | None = None) -> bool:
    """Whether ``target`` exists and was made from the bytes ``digest`` names.

    The stamp is beside the target, or in ``folder`` where the target's folder
    must hold nothing else (the EPUB builder packs every file it finds).
    """
    stamp = _stamp(target, folder)
    return target.is_file() and stamp.is_file() and stamp.read_text() == digest


def remember(target: Path, digest: str, folder: Path | None = None) -> None:
    _stamp(target, folder).write_text(digest)


def forget(target: Path, folder: Path | None = None) -> None:
    _stamp(target, folder).unlink(missing_ok=True)


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


def epub_digest(outdir: Path, files: list[str]) -> str:
    """The files Sphinx zips into the EPUB, its build date left out."""
    digest = hashlib.sha256()
    for name in [
        "mimetype",
        "META-INF/container.xml",
        "content.opf",
        "toc.ncx",
        *files,
    ]:
        data = (outdir / name).read_bytes()
        if name == "content.opf":
            data = _MODIFIED.sub(b"", data)
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _zip_if_changed(builder: Any, build_epub: Callable[[], None]) -> None:
    target = Path(builder.outdir, builder.config.epub_basename + ".epub")
    digest = epub_digest(Path(builder.outdir), list(builder.files))
    folder = Path(builder.doctreedir)
    if is_current(target, digest, folder):
        logger.info(f"{target.name} is up to date: its content did not change")
        return
    forget(target, folder)
    build_epub()
    remember(target, digest, folder)


def _wrap_epub(app: Sphinx) -> None:
    builder: Any = app.builder
    if builder.name == "epub" and hasattr(builder, "build_epub"):
        original = builder.build_epub
        builder.build_epub = lambda: _zip_if_changed(builder, original)


def setup_renderstamp(app: Sphinx) -> None:
    app.connect("builder-inited", _wrap_epub)
