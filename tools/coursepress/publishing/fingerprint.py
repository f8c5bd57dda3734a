"""Fingerprints that let ``coursepress build`` skip work whose inputs did not change.

An output is up to date when everything its Sphinx build reads is byte for
byte what it read last time (the course sources, the configuration, this
package, the installed distributions, the interpreter and the command) and
its output folder is as that build left it. Then not even Sphinx is started:
a ``nox -s build`` with nothing changed costs a few file reads. Anything
unexpected (no stamp, a stamp of another shape) means "build".
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from ..course.layout import Layout
from ..files import write_atomic
from ..resources import PACKAGE

#: Environment variables that change what a build writes: these, and every
#: ``COURSEPRESS_*`` switch (``COURSEPRESS_PDF_SPEEDUPS``...), so that a switch
#: flipped on an up-to-date tree builds again instead of printing "unchanged".
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
SWITCHES = "COURSEPRESS_"


def environment(*, dated: bool = True) -> list[str]:
    """The variables that change what a build writes, as ``NAME=value``: every
    ``COURSEPRESS_*`` switch and, for what carries a date (pages, zips, the
    EPUB), ``SOURCE_DATE_EPOCH``."""
    names = {*(n for n in os.environ if n.startswith(SWITCHES))}
    if dated:
        names.update(ENVIRONMENT)
    return [f"{name}={os.environ.get(name, '')}" for name in sorted(names)]


def _walk(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """Every file under ``folder`` as (relative path, entry), sorted by path.

    ``os.scandir`` rather than ``Path.rglob``: the entries carry their status,
    which makes a no-change check several times faster on a large build.
    """
    found: list[tuple[str, os.DirEntry[str]]] = []
    pending = [("", str(folder))]
    while pending:
        prefix, path = pending.pop()
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    pending.append((name + "/", entry.path))
            elif entry.is_file():
                found.append((name, entry))
    return sorted(found, key=lambda item: item[0])


def content_digest(folders: Iterable[Path], base: Path) -> str:
    """SHA-256 of the names and bytes of every file under ``folders``."""
    digest = hashlib.sha256()
    for folder in folders:
        prefix = folder.relative_to(base).as_posix() if folder != base else ""
        for name, entry in _walk(folder):
            digest.update(f"{prefix}/{name}".encode() + b"\0")
            digest.update(hashlib.sha256(Path(entry.path).read_bytes()).digest())
    return digest.hexdigest()


def listing_digest(folder: Path) -> str:
    """SHA-256 of the names, sizes and times of the files under ``folder``.

    Cheap (no file is read): it tells whether a folder is as it was left.
    """
    return status_digest((name, entry.stat()) for name, entry in _walk(folder))


def status_digest(files: Iterable[tuple[str, os.stat_result]], seed: str = "") -> str:
    """SHA-256 of ``seed`` and each file's name, size and modification time."""
    digest = hashlib.sha256(seed.encode())
    for name, status in files:
        digest.update(f"{name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _distributions() -> str:
    """The installed distributions, by their metadata folders' names and times.

    ``name-version.dist-info``: an upgrade renames the folder. Listing folders is
    far cheaper than reading every distribution's metadata.
    """
    found = []
    for entry in sys.path:
        folder = Path(entry or ".")
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix in (".dist-info", ".egg-info", ".pth"):
                found.append(f"{path}\0{path.stat().st_mtime_ns}")
    return "\n".join(sorted(found))


@functools.cache  # the code does not change while it runs
def tool_digest() -> str:
    """The code that builds: the interpreter, the installed distributions and
    this package. Sphinx knows nothing of it: when it changes, every page must be
    read and written again, not only the pages whose sources changed."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update(_distributions().encode())
    digest.update(content_digest([PACKAGE], PACKAGE).encode())
    return digest.hexdigest()


def code_key(*, dated: bool = False) -> str:
    """What every kept result depends on besides its own inputs: the code that
    builds (``tool_digest``) and the switches (``environment``). The build's
    records, the stamps of the PDFs, EPUB and kit, and the sidebars kept between
    builds all hold it, so none of them outlives an upgrade or a switch."""
    parts = [tool_digest(), *environment(dated=dated)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def project_digest(root: Path, tool: str | None = None) -> str:
    """What every build of project ``root`` depends on, commands aside."""
    digest = hashlib.sha256()
    digest.update((tool or tool_digest()).encode())
    for setting in environment():
        digest.update(setting.encode() + b"\0")
    digest.update(content_digest(list(Layout(root).sources), root).encode())
    return digest.hexdigest()


def inputs_digest(project: str, command: list[str]) -> str:
    """What one build depends on: the project's digest and its command."""
    return hashlib.sha256((project + "\0" + "\0".join(command)).encode()).hexdigest()


class Record:
    """A JSON object in a file: the one form every stamp of the build takes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, **fields: object) -> None:
        write_atomic(self.path, json.dumps(fields, indent=1))

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)


class Stamp(Record):
    """``build/.stamps/NAME.json``: the inputs and output of the last good build."""

    def __init__(self, root: Path, name: str) -> None:
        super().__init__(Layout(root).stamps / f"{name}.json")
