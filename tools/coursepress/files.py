"""Writing outputs so that no one ever sees half a file, and zips that reproduce.

Every output (a PDF, the EPUB, the kit, a stamp, an ingested draft) is written to
a hidden file beside its target and renamed over it only when complete: a failed
or interrupted step leaves the previous file as it was, never a truncated one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

if TYPE_CHECKING:
    from repro_zipfile import ReproducibleZipFile


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A path to write ``target``'s new content to; renamed over it on success.

    For writers that want a file name (WeasyPrint, zipfile). On an exception the
    partial file is removed and ``target`` is left untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
        # Flushed to disk before the rename, so a crash cannot leave a target
        # that names an empty file.
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8 with ``\\n`` line ends) to ``target`` whole."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(target) as partial:
        partial.write_bytes(data)


@contextmanager
def reproducible_zip(target: Path) -> Iterator[ReproducibleZipFile]:
    """A zip archive written atomically whose bytes depend only on what is added.

    repro-zipfile dates every entry from ``SOURCE_DATE_EPOCH`` (which the build
    sets from the last commit) and gives every file the same permissions; the
    caller adds files in a fixed order.
    """
    # Imported on use: it loads importlib.metadata, a sixth of the startup of a
    # build with nothing to do (every build imports this module).
    from repro_zipfile import ReproducibleZipFile

    with (
        atomic_path(target) as partial,
        ReproducibleZipFile(partial, "w", compression=ZIP_DEFLATED) as archive,
    ):
        yield archive


def normalise_zip(path: Path) -> None:
    """Rewrite a zip another tool wrote (Sphinx's EPUB) as ``reproducible_zip`` would.

    Entries keep their order and compression (an EPUB's ``mimetype`` stays first
    and stored); only dates and permissions change. A file already normalised is
    left as it is, so an unchanged EPUB keeps its modification time.
    """
    from repro_zipfile import ReproducibleZipFile

    with ZipFile(path) as source:
        entries = [(entry, source.read(entry)) for entry in source.infolist()]
    probe = ZipInfo("probe")
    with ReproducibleZipFile(BytesIO(), "w") as scratch:
        scratch.writestr(probe, b"")
        fixed = scratch.infolist()[0]
    if all(
        entry.date_time == fixed.date_time
        and entry.external_attr == fixed.external_attr
        for entry, _ in entries
    ):
        return
    with atomic_path(path) as partial, ReproducibleZipFile(partial, "w") as target:
        for entry, data in entries:
            target.writestr(entry, data, compress_type=entry.compress_type)
