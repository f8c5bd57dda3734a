"""Same sources, same bytes: the EPUB's zip entries are dated from SOURCE_DATE_EPOCH.

Sphinx dates each EPUB entry with its file's modification time, so two builds of
the same commit differ. After the build, the archive is rewritten in the same
order (``mimetype`` first and uncompressed, as EPUB requires) with one fixed date.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..zipdates import normalise_zip

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _normalise_epub(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "epub":
        epub = Path(app.outdir, f"{app.config.epub_basename}.epub")
        if epub.is_file():
            normalise_zip(epub)


def setup_reproducible(app: Sphinx) -> None:
    app.connect("build-finished", _normalise_epub)
