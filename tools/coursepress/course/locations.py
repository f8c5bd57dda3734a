"""Where a message points: paths a maintainer can click, relative where possible."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it.

    Its folder is resolved, not its name: a symbolic link is named, not where
    it points.
    """
    try:
        shown = path.parent.resolve() / path.name
        return str(shown.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def location(path: Path, line: int | None = None) -> str:
    """A ``file:line`` location for Sphinx's logger (a ':' keeps it verbatim)."""
    return f"{display_path(path)}:{line if line else 1}"
