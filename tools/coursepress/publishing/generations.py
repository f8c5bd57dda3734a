"""``build/site`` and the workshop kit, replaced together by one rename.

Each publishing writes a *generation*: a new folder under ``build/.published/``
holding the whole site and the kit made from it. Two fixed relative links lead
into whichever generation is current::

    build/site             -> .published/current/site
    build/workshop-kit.zip -> .published/current/workshop-kit.zip
    build/.published/current -> g-...   (the one link that changes)

Publishing replaces ``current`` with a new link by ``os.replace``, which is
atomic: at every instant ``build/site`` is the whole old site or the whole new
one, and the kit is always the one zipped from it. Renaming a folder over
another is not atomic (two renames, with a moment when neither is there), and
Linux's ``renameat2(RENAME_EXCHANGE)`` would exchange the site but not the kit
with it. A generation that was being written when a build was killed is
deleted by the next one; the links are relative, so the project can be moved.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

#: Under ``build/``: every generation, and the link to the current one.
FOLDER = ".published"
CURRENT = "current"
_PREFIX = "g-"


class Generations:
    """The published generations of the project whose build folder is ``build``."""

    def __init__(self, build: Path, site: str = "site", kit: str = "") -> None:
        self.build = build
        self.folder = build / FOLDER
        self.current_link = self.folder / CURRENT
        #: Names of the published entries, in ``build/`` and in each generation.
        self.entries = tuple(name for name in (site, kit) if name)

    def current(self) -> Path | None:
        """The folder of the current generation, if one was published."""
        try:
            target = self.current_link.readlink()
        except OSError:
            return None
        folder = self.folder / target
        return folder if folder.is_dir() else None

    def stage(self) -> Path:
        """A new, empty generation folder, after removing all but the current."""
        self.sweep()
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = self.folder / f"{_PREFIX}{time.time_ns()}-{os.getpid()}"
        staging.mkdir()
        return staging

    def commit(self, staging: Path) -> None:
        """Make ``staging`` the current generation; keep the one it replaces."""
        # The links are fixed: an entry a generation lacks (no kit for a course
        # without decks) is simply not there while that generation is current.
        self._link_entries()
        previous = self.current()
        link = self.folder / f".{CURRENT}.{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(staging.name)
        # The one step that publishes: ``current`` now names the new generation.
        link.replace(self.current_link)
        # The generation just replaced stays until the next publishing: a web
        # server may be half-way through a request in it.
        self.sweep(keep=previous)

    def discard(self, staging: Path) -> None:
        _remove(staging)

    def sweep(self, keep: Path | None = None) -> None:
        """Remove every generation but the current one and ``keep``."""
        if not self.folder.is_dir():
            return
        kept = {self.current(), keep}
        for entry in self.folder.iterdir():
            unfinished = entry.name.startswith(_PREFIX) and entry not in kept
            if unfinished or entry.name.startswith(f".{CURRENT}."):
                _remove(entry)

    def _link_entries(self) -> None:
        """``build/site`` and the kit as links into ``current``, made once.

        A project built before generations has a real folder and file there:
        they are moved aside and replaced by the links. That one time, there is
        a moment with no ``build/site``; from then on there never is.
        """
        for name in self.entries:
            entry = self.build / name
            target = Path(FOLDER) / CURRENT / name
            if entry.is_symlink():
                if entry.readlink() == target:
                    continue
                entry.unlink()
            elif entry.exists():
                aside = self.folder / f"{_PREFIX}before-{name}"
                _remove(aside)
                entry.rename(aside)  # removed by the sweep after the swap
            entry.symlink_to(target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
