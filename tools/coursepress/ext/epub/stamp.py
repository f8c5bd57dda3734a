"""Zip the EPUB only when what goes into it changed.

Sphinx rewrites the EPUB's pages byte for byte as before when only facilitator
notes changed; zipping them again gives a new file with the same content. The
stamp lives in the doctree folder: the EPUB builder packs every file of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from coursepress.stamps import forget, is_current, remember

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
#: The EPUB's modification date changes at every build, whatever the content.
_MODIFIED = re.compile(
    rb"<dc:date>[^<]*</dc:date>|<meta property=\"dcterms:modified\">[^<]*</meta>"
)


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


def setup_epub_stamp(app: Sphinx) -> None:
    app.connect("builder-inited", _wrap_epub)
