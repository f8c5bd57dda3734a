"""Format each reference once, not again on every build.

sphinxcontrib-bibtex formats every cited entry of every bibliography when the
environment is updated, on every build, whether or not anything cited changed:
for the 100-chapter benchmark, 21 entries formatted twice (the entry and its
tooltip) took 0.35 s of a 2.9 s rebuild after one chapter's edit, the largest
single cost after Sphinx's own start. pybtex turns each field's LaTeX into rich
text, about 8 ms an entry.

A formatted entry depends only on the style, its label and the entry's own
content, so the result is kept in the environment under exactly those, and
Sphinx pickles it with everything else. The course's style keeps its labels
and sorting keys the same way (``remembered``): they read names through
pybtex's LaTeX parser too. Entries that borrow fields from another
(``crossref``) or get the whole database are formatted as before. Entries no
build asked for are dropped, so the store holds one book's references.

Upstream: sphinxcontrib-bibtex formats in ``BibtexDomain.env_updated`` by
design (labels must be known before references resolve); no issue asks for a
cache.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, TypeVar

from coursepress.publishing.fingerprint import code_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from pybtex.database import Entry
    from pybtex.style import FormattedEntry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STORE = "course_formatted_references"

T = TypeVar("T")

# What this process's styles made of entries, and what was asked (kept on saving).
_formatted: dict[tuple[Any, ...], Any] = {}
_asked: set[tuple[Any, ...]] = set()


@functools.cache  # once a process: asked for every entry formatted
def _formatting_code() -> str:
    return code_key()


def _entry_content(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.type,
        tuple(entry.fields.items()),
        tuple(
            (role, tuple(map(str, people))) for role, people in entry.persons.items()
        ),
    )


def remembered(
    style: object, what: tuple[Any, ...], entry: Entry, compute: Callable[[], T]
) -> T:
    """``compute()``, what ``style`` makes of ``entry`` (``what``: which part and
    its arguments), from the store when the same style made it before."""
    if "crossref" in entry.fields:  # borrows another entry's fields
        return compute()
    # The code that formats (this package, pybtex, sphinxcontrib-bibtex and the
    # rest), as every kept result of the build is keyed: an upgrade keeps the
    # environment, so it must not keep what the old code formatted.
    key = (
        _formatting_code(),
        type(style).__qualname__,
        *what,
        entry.key,
        _entry_content(entry),
    )
    _asked.add(key)
    if key not in _formatted:
        _formatted[key] = compute()
    found: T = _formatted[key]
    return found


class RememberedFormatting:
    """A pybtex formatting style whose ``format_entry`` answers from the store."""

    def format_entry(
        self, label: str, entry: Entry, bib_data: Any = None
    ) -> FormattedEntry:
        parent: Any = super()
        if bib_data is not None:  # the whole database may matter
            return parent.format_entry(label, entry, bib_data)
        options = (
            getattr(self, "abbreviate_names", None),
            type(getattr(self, "name_style", None)).__qualname__,
        )
        return remembered(
            self,
            ("entry", label, *options),
            entry,
            lambda: parent.format_entry(label, entry),
        )


def _load(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _formatted.update(getattr(env, STORE, {}))
    _asked.clear()


def _save(app: Sphinx, env: BuildEnvironment) -> None:
    setattr(env, STORE, {key: _formatted[key] for key in _asked})


def setup_bibcache(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _load)
    # After sphinxcontrib-bibtex's own handler (priority 500) has formatted.
    app.connect("env-updated", _save, priority=900)


def setup(app: Sphinx) -> dict[str, Any]:
    """Standalone, for its tests (``coursepress.ext.speedups.bibcache``).

    The course's projects load it through ``coursepress.ext``.
    """
    setup_bibcache(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
