"""Zip the EPUB only when what goes into it changed.

Sphinx rewrites the EPUB's pages byte for byte as before when only facilitator
notes changed; zipping them again gives a new file with the same content. The
course's EPUB builder (``builder.py``) zips only when this digest changed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

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
