"""The one rule for every path an author writes: it stays inside the course.

A chapter that includes, shows or offers for download a file, a ``.bib`` file,
a sheet, an exercise: each names a file that every output then carries (the
site, the decks, the PDF, the EPUB, the workshop kit). So every such path must
lead to a file inside the course's own folders, ``book/``, ``exercises/`` and
``slides/`` (``Layout.sources``), after resolving ``..`` and symbolic links: a
link inside the book pointing at ``/etc/passwd`` is outside, where it points.
A file of the build (``build/``) or of the tool is outside as well.

The extension (``ext/authoring/paths.py``) asks here for every directive and
role that names a file; ``facts.py`` for the file names in ``course.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import CourseFileError

#: What to do instead, said by every refusal.
ADVICE = (
    "copy the file into the course (beside the page, in book/) and write its "
    "path relative to the page"
)


def resolved(path: Path) -> Path:
    """Where ``path`` really is: ``..`` and every symbolic link resolved."""
    return Path(path).resolve()


def is_inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether ``path``, resolved, lies in one of ``roots`` (resolved too)."""
    real = resolved(path)
    return any(real.is_relative_to(resolved(root)) for root in roots)


def outside_message(written: str, roots: Iterable[Path]) -> str:
    """The refusal of the path ``written`` (as the author wrote it)."""
    folders = ", ".join(f"{Path(root).name}/" for root in roots)
    return (
        f"{written!r} leads outside the course's folders ({folders}): the "
        f"build publishes only files of the course; {ADVICE}"
    )


def check_in_own_folder(path: Path) -> None:
    """Refuse a file of a folder (a sheet, a format) that is a link elsewhere.

    Raises CourseFileError at the file's first line.
    """
    if not is_inside(path, [path.parent]):
        raise CourseFileError(outside_message(path.name, [path.parent]), path, 1)


def plain_name_problem(name: str) -> str | None:
    """What keeps ``name`` from being a plain file name (no folder), or None.

    Output names such as ``basename`` are joined to a build folder: a ``/``,
    a ``..`` or an absolute path would write elsewhere, and a leading dot
    makes a hidden file that publishing leaves out.
    """
    if not name.strip():
        return "is empty"
    if "/" in name or "\\" in name:
        return "has a '/' in it (a folder)"
    if name.startswith("."):
        return "starts with a dot (a hidden file, or '..', a folder up)"
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        return "has a control character in it"
    return None
