"""One build at a time in a project: ``build/.lock``.

Two builds in one checkout delete each other's working files (Sphinx's
partial outputs, the staged site) and fail with tracebacks that say nothing of
the other build. The lock is an advisory ``flock`` on ``build/.lock``: the
kernel releases it when the holder exits, however it exits, so a killed build
never leaves a stale lock behind. The file itself holds the holder's process
id, for the message the second build shows while it waits.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; the build runs unlocked there
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


@contextmanager
def build_lock(build: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's build lock; if another build holds it, wait for it.

    ``waiting`` is told once, with a sentence for the person, before waiting.
    """
    build.mkdir(parents=True, exist_ok=True)
    path = build / LOCK_NAME
    # Opened without truncating: the holder's pid stays readable until we own it.
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting(
                    f"another coursepress build is running in this project"
                    f"{_holder(path)}: waiting for it to finish (Ctrl-C to stop)"
                )
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, str(os.getpid()).encode("ascii"))
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(descriptor)
