"""Each builder's output folder holds what this build made, and nothing else.

Sphinx writes only the pages whose sources changed and never removes a file it
no longer writes: the page of a removed chapter, a picture or a download no page
names any more, a session or a sheet since dropped, or a file a failed build had
copied, would stay in the builder's folder and be published. So when a build
ends, every file of its output folder that this build neither wrote nor kept is
removed (``prune``), and the folder is what a clean build would have left.

What the build wrote or kept is known two ways:

- recorded: every file this process opened, renamed or copied into the output
  folder while the build ran (an audit hook, ``sys.addaudithook``). Sphinx opens
  every file it writes, and compares every asset it would copy with the copy
  already there before leaving an identical one alone; the course's own writers
  rename finished files into place; a render skipped because its stamp is
  current reads the stamp (``coursepress.publishing.stamps``), which keeps its target.
- expected: the pages of documents Sphinx did not write again because they did
  not change, and their pictures and downloads, from the environment.

Files opened in worker processes are not recorded (the hook lives in this
process), so pages always count as expected; ``coursepress build`` runs each
builder without ``-j``, so everything else is written in its own process.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .compat import page_output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)

#: Audit events naming a file a build writes or keeps, and the argument naming it.
_EVENTS = {
    "open": (0,),  # open(path, mode, flags): written, or compared before a copy
    "os.rename": (1,),  # os.rename and os.replace: (src, dst, ...)
    "os.link": (1,),
    "os.symlink": (1,),
    "shutil.copyfile": (1,),
}


class _Recorder:
    """The files touched since ``start``; one hook for the life of the process."""

    def __init__(self) -> None:
        self.touched: set[str] | None = None  # None: not recording
        self.installed = False

    def start(self) -> None:
        if not self.installed:
            sys.addaudithook(self._hook)  # cannot be removed: it checks a flag
            self.installed = True
        # filecmp remembers comparisons; a remembered one opens nothing (a
        # second build in one process, as in the tests).
        filecmp.clear_cache()
        self.touched = set()

    def stop(self) -> set[str]:
        touched, self.touched = self.touched or set(), None
        return touched

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        touched = self.touched
        if touched is None or event not in _EVENTS:
            return
        for index in _EVENTS[event]:
            if index < len(args):
                path = args[index]
                if isinstance(path, (str, bytes, os.PathLike)):
                    # A string function: the hook runs on every file the process opens.
                    touched.add(os.path.abspath(os.fsdecode(path)))  # noqa: PTH100


_RECORDER = _Recorder()


def _start(app: Sphinx) -> None:
    _RECORDER.start()


def keep(path: Path) -> None:
    """Count ``path`` as made by this build although nothing opened it (a zip
    found current by its stamp, which lives in another folder)."""
    if _RECORDER.touched is not None:
        _RECORDER.touched.add(os.path.realpath(path))


def _expected(builder: Builder, outdir: Path) -> set[str]:
    """Pages left as they were (their sources did not change), with their
    pictures and downloads: what Sphinx keeps without touching."""
    env = builder.env
    pages = {doc: page_output_path(builder, doc) for doc in env.found_docs}
    # A builder writes only some documents (the decks: chapters): the pictures
    # and downloads of the pages it has.
    written = {doc: page for doc, page in pages.items() if page and page.is_file()}
    expected = {os.path.realpath(page) for page in written.values()}
    images_dir = outdir / getattr(builder, "imagedir", "_images")
    for docs, name in env.images.values():
        if docs & written.keys():
            expected.add(os.path.realpath(images_dir / name))
    for docs, name in env.dlfiles.values():
        if docs & written.keys():
            expected.add(os.path.realpath(outdir / "_downloads" / name))
    return expected


def prune(builder: Builder, keep: set[Path] | frozenset[Path] = frozenset()) -> None:
    """Remove every file of the output folder this build neither made nor kept.

    ``keep``: files about to be written after this call (the EPUB's zip).
    """
    if _RECORDER.touched is None:
        return  # not recording: a build this module did not see start
    # Sphinx resolves its output folder, and every writer starts from it.
    outdir = Path(os.path.realpath(builder.outdir))
    touched = _RECORDER.touched
    kept = _expected(builder, outdir) | {os.path.realpath(p) for p in keep}
    removed = 0
    for top, dirs, files in os.walk(outdir, topdown=False):
        folder = Path(top)
        for name in files:
            path = folder / name
            if {str(path), str(folder / f".{name}.stamp")} & touched or (
                str(path) in kept
            ):
                continue
            path.unlink()
            removed += 1
        for name in dirs:
            with contextlib.suppress(OSError):  # a folder still holding files
                (folder / name).rmdir()
    if removed:
        logger.info(f"removed {removed} files no source makes any more")


def _finished(app: Sphinx, error: Exception | None) -> None:
    try:
        if error is None and app.statuscode == 0:
            prune(app.builder)
    finally:
        _RECORDER.stop()


def setup_outputs(app: Sphinx) -> None:
    app.connect("builder-inited", _start)
    # Last: after every other handler of the event has written what it writes.
    app.connect("build-finished", _finished, priority=900)
