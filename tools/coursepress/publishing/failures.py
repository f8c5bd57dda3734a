"""What an operating-system error during a build means, in one line.

A full disk, a read-only folder or a file removed under the build's feet is
not a bug in coursepress: the person building needs the file and what to do,
not a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

_NO_ROOM = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def _where(err: OSError, root: Path) -> str:
    if not err.filename:
        return "the build folder"
    path = Path(str(err.filename))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def describe(err: OSError, root: Path) -> str:
    """One sentence naming the file, what went wrong and what to do."""
    where = _where(err, root)
    if err.errno in _NO_ROOM:
        return (
            f"no space left on the device while writing {where}: free some space "
            "(build/ can be removed: everything in it is made again) and build again"
        )
    if err.errno in _NOT_WRITABLE:
        return (
            f"cannot write {where} ({err.strerror}): make build/ writable by you, "
            "or build a copy of the project somewhere you can write"
        )
    if err.errno == errno.EBUSY:
        return (
            f"{where} is in use by the system ({err.strerror}; a mount point?): "
            "publish from build/ to that place after the build instead"
        )
    if err.errno == errno.ENOENT:
        return (
            f"{where} disappeared during the build (removed by another program?): "
            "build again"
        )
    return f"{where}: {err.strerror or err}: build again, or remove build/ first"
