"""Zip archives dated from SOURCE_DATE_EPOCH, so the same files give the same bytes.

Kept out of ``coursepress.ext`` on purpose: publishing the site uses it, and
importing the Sphinx extension would cost every build a third of a second.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

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
