"""A draft is not published: TODO markers and unverified records fail the build.

``coursepress ingest`` writes drafts with TODO markers and a record marked
``% status: unverified``. Each one left in a page of the book, an exercise a
chapter includes, or a ``.bib`` file of the book is a warning naming the file
and line, so the strict build (``-W``) fails until the author resolves it; the
preview (not strict) still shows the draft, with the list of what is left.

Checked after reading. Sphinx checks only when a page was read again, so a
page holding a marker (or, for a record, any page) is read again on every
build: an unchanged draft cannot slip through the next build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from coursepress.course.locations import location
from coursepress.prose.drafts import (
    TODO_ADVICE,
    UNVERIFIED_ADVICE,
    read_text,
    todo_markers,
    unverified_records,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def _warn(path: Path, line: int, message: str) -> None:
    logger.warning(
        message, location=location(path, line), type="course", subtype="draft"
    )


def _pages(app: Sphinx, env: BuildEnvironment) -> list[Path]:
    """The book's pages and the exercise files its chapters include."""
    pages = [Path(env.doc2path(docname)) for docname in sorted(env.found_docs)]
    folder = Path(app.config.course_exercises_dir)
    names = sorted(
        {info.name for infos in env.course_exercises.values() for info in infos}
    )
    return pages + [folder / f"{name}.md" for name in names]


def _markers(app: Sphinx, env: BuildEnvironment) -> list[tuple[Path, int, str]]:
    """Every (file, line, message) that keeps the book from being published."""
    found: list[tuple[Path, int, str]] = []
    for path in _pages(app, env):
        if path.is_file():
            found.extend(
                (path, m.line, f"TODO marker {m.text!r}: {TODO_ADVICE}")
                for m in todo_markers(read_text(path))
            )
    # The printable sheets project cites nothing: it has no bibliography.
    bibfiles = app.config.bibtex_bibfiles if "bibtex_bibfiles" in app.config else []
    for bib in bibfiles:
        path = Path(app.srcdir, bib)
        if path.is_file():
            found.extend(
                (path, m.line, f"record {m.text!r} is unverified: {UNVERIFIED_ADVICE}")
                for m in unverified_records(read_text(path))
            )
    return found


def read_again(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Pages to read again so the check runs: each one with a marker."""
    marked = {str(path) for path, _, _ in _markers(app, env)}
    docs = [d for d in sorted(env.found_docs) if str(env.doc2path(d)) in marked]
    including = [
        docname
        for docname, infos in env.course_exercises.items()
        for info in infos
        if str(Path(app.config.course_exercises_dir, f"{info.name}.md")) in marked
    ]
    if marked and not docs and not including and env.found_docs:
        docs = sorted(env.found_docs)[:1]  # a record: any page will do
    return [*docs, *including]


def check_drafts(app: Sphinx, env: BuildEnvironment) -> None:
    for path, line, message in _markers(app, env):
        _warn(path, line, message)


def setup_drafts(app: Sphinx) -> None:
    app.connect("env-get-outdated", read_again)
    # After exercises were numbered (env.course_exercises), before writing.
    app.connect("env-check-consistency", check_drafts)
