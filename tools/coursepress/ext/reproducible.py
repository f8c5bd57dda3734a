"""Same sources, same bytes: the EPUB's zip entries are dated from SOURCE_DATE_EPOCH.

Sphinx dates each EPUB entry with its file's modification time, so two builds of
the same commit differ. After the build, the archive is rewritten in the same
order (``mimetype`` first and uncompressed, as EPUB requires) with one fixed date.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DOS_EPOCH = 315532800  # 1980-01-01, the earliest date a zip entry can carry


def fixed_zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DOS_EPOCH))
    return time.gmtime(max(epoch, DOS_EPOCH))[:6]


def normalise_zip(path: Path) -> None:
    """Rewrite ``path`` with every entry dated ``fixed_zip_date()``."""
    date = fixed_zip_date()
    with zipfile.ZipFile(path) as source:
        if all(
            entry.date_time == date and entry.external_attr == 0o644 << 16
            for entry in source.infolist()
        ):
            return  # already normalised (an EPUB left as it was): keep the file
    partial = path.with_name(f".{path.name}.partial")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(partial, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date)
            info.compress_type = entry.compress_type
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    partial.replace(path)


def _normalise_epub(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "epub":
        epub = Path(app.outdir, f"{app.config.epub_basename}.epub")
        if epub.is_file():
            normalise_zip(epub)


def setup_reproducible(app: Sphinx) -> None:
    app.connect("build-finished", _normalise_epub)
