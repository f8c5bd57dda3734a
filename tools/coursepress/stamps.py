"""Skip a step whose inputs did not change: a digest kept beside what it made.

A stamp (``.NAME.stamp``) holds the digest of the bytes that made ``NAME``. When
the digest is the same and the target is there, the step is skipped. Used by the
PDF renders, the EPUB's zip and the workshop kit. (The build's own record of each
output's inputs is ``fingerprint.Stamp``: a record, not a digest.)
"""

from __future__ import annotations

from pathlib import Path

from .files import write_atomic


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
    write_atomic(_stamp(target, folder), digest)


def forget(target: Path, folder: Path | None = None) -> None:
    _stamp(target, folder).unlink(missing_ok=True)
