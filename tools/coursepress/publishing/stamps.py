"""Skip a step whose inputs did not change: a record kept beside what it made.

A stamp (``.NAME.stamp``) is a ``fingerprint.Record`` holding the key of what
made ``NAME``. When the key is the same and the target is there, the step is
skipped. Used by the PDF renders, the EPUB's zip and the workshop kit.

The key is the step's own digest (the bytes it reads) joined with what every
step depends on (``fingerprint.code_key``): the code that builds, every
``COURSEPRESS_*`` switch, and, for a step whose output is dated (the zips),
``SOURCE_DATE_EPOCH``. So no step can forget them: a switch flipped, an upgrade
or a new commit's date makes each step run again, as a clean build would.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .fingerprint import Record, code_key


def _stamp(target: Path, folder: Path | None) -> Record:
    return Record((folder or target.parent) / f".{target.name}.stamp")


def _key(digest: str, dated: bool) -> str:
    return hashlib.sha256(f"{digest}\0{code_key(dated=dated)}".encode()).hexdigest()


def is_current(
    target: Path, digest: str, folder: Path | None = None, *, dated: bool = False
) -> bool:
    """Whether ``target`` exists and was made from what ``digest`` names, by this
    code, with these switches (and this date, if ``dated``).

    The stamp is beside the target, or in ``folder`` where the target's folder
    must hold nothing else (the EPUB builder packs every file it finds).
    """
    record = _stamp(target, folder).read()
    return target.is_file() and record.get("key") == _key(digest, dated)


def remember(
    target: Path, digest: str, folder: Path | None = None, *, dated: bool = False
) -> None:
    _stamp(target, folder).write(key=_key(digest, dated))


def forget(target: Path, folder: Path | None = None) -> None:
    _stamp(target, folder).forget()
