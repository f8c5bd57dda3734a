"""Writing outputs so that no one ever sees half a file, and zips that reproduce.

Every output (a PDF, the EPUB, the kit, a stamp, an ingested draft) is written to
a hidden file beside its target and renamed over it only when complete: a failed
or interrupted step leaves the previous file as it was, never a truncated one.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from zipfile import (  # type: ignore[attr-defined]
    ZIP64_LIMIT,
    ZIP_DEFLATED,
    BadZipFile,
    ZipFile,
    ZipInfo,
    sizeFileHeader,
    structFileHeader,
)
from zlib import crc32

if TYPE_CHECKING:
    from repro_zipfile import ReproducibleZipFile

# Where the local file header (``structFileHeader``) gives its two lengths.
_FILE_NAME_LENGTH, _EXTRA_FIELD_LENGTH = 10, 11


@contextmanager
def naming(path: Path) -> Iterator[None]:
    """Give an OSError raised without a file name (a write that found the disk
    full) the name ``path``, so the message can say which file it was."""
    try:
        yield
    except OSError as err:
        if not err.filename:
            err.filename = str(path)
        raise


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A path to write ``target``'s new content to; renamed over it on success.

    For writers that want a file name (WeasyPrint, zipfile). On an exception the
    partial file is removed and ``target`` is left untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with naming(target):
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


class ZipReuse:
    """The members of an earlier zip, copied still compressed when unchanged.

    Rezipping the workshop kit after a one-chapter edit compressed all of its
    400 files again to change three of them: 0.3 s of the rebuild. A member
    whose name, size, compression and CRC-32 match the file's bytes is copied
    as its stored bytes instead, which gives the archive compressing would.

    zipfile has no public call to add compressed bytes, so ``copy`` does what
    ``ZipFile.writestr`` does around its compressor (CPython 3.11 to 3.13):
    write the local header at the end of the members, then the data, and list
    the member for the central directory.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        try:
            with ZipFile(path) as old:
                self._members = {info.filename: info for info in old.infolist()}
        except (OSError, BadZipFile):  # no earlier zip, or not a whole one
            self._members = {}
        self._file: BinaryIO | None = None

    def copy(self, target: ZipFile, name: str, data: bytes, compress_type: int) -> bool:
        """Add ``name`` to ``target`` from the earlier zip if its bytes are ``data``."""
        old = self._members.get(name)
        if (
            old is None
            or old.compress_type != compress_type
            or old.file_size != len(data)
            or crc32(data) != old.CRC
            or old.flag_bits & 0x08  # sizes after the data: not written that way
            or old.file_size > ZIP64_LIMIT // 2
        ):
            return False
        raw = self._raw(old)
        info = copy(old)
        info.header_offset = target.fp.tell()  # type: ignore[union-attr]
        target.fp.write(info.FileHeader(False))  # type: ignore[union-attr]
        target.fp.write(raw)  # type: ignore[union-attr]
        target.start_dir = target.fp.tell()  # type: ignore[attr-defined,union-attr]
        target._didModify = True  # type: ignore[attr-defined]
        target.filelist.append(info)
        target.NameToInfo[info.filename] = info
        return True

    def _raw(self, info: ZipInfo) -> bytes:
        if self._file is None:
            self._file = self._path.open("rb")
        self._file.seek(info.header_offset)
        header = self._file.read(sizeFileHeader)
        fields = struct.unpack(structFileHeader, header)
        self._file.seek(fields[_FILE_NAME_LENGTH] + fields[_EXTRA_FIELD_LENGTH], 1)
        return self._file.read(info.compress_size)

    def __enter__(self) -> ZipReuse:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()
