"""Output files: refuse to overwrite without --force, write atomically, or only show."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .errors import IngestError


def plan(out: Path, files: dict[str, str], force: bool) -> list[tuple[Path, str]]:
    """Target paths and contents; IngestError if one exists and ``force`` is off.

    All targets are checked before anything is written, so a refused run
    leaves no half-written draft behind.
    """
    targets = [(out / relative, content) for relative, content in files.items()]
    if not force:
        existing = [str(path) for path, _ in targets if path.exists()]
        if existing:
            raise IngestError(
                f"{', '.join(existing)} already exist(s): pass --force to overwrite, "
                "or --out to write elsewhere"
            )
    for path, _ in targets:
        if path.exists() and not path.is_file():
            raise IngestError(
                f"{path} exists and is not a file: remove it or use --out"
            )
    return targets


def show(path: Path, content: str, stream: TextIO) -> None:
    """What a dry run prints for one file: a header line, then the content."""
    size = len(content.encode("utf-8"))
    stream.write(f"--- {path} ({size} bytes, not written: dry run)\n")
    stream.write(content)
    if not content.endswith("\n"):
        stream.write("\n")
