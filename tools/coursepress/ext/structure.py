"""When the book's structure changes, every page is written again.

Every page shows the book's structure: the sidebar's contents, the previous and
next links, section numbers, chapter numbers and the titles of the pages it links
to. Sphinx writes again only the pages whose sources changed, so after a chapter
is added, removed, renamed or retitled the other pages kept the old contents and
links (sphinx-doc/sphinx#5506, open). So each build keeps a digest of the
structure beside its doctrees; when the next build reads a different one, it
writes every page, as a clean build would. Edits that leave the structure alone
(most edits) still write only their own pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from coursepress.files import write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_KEPT = "course-structure.sha256"
#: Each build's structure, from its reading to its end.
_READ: WeakKeyDictionary[Sphinx, str] = WeakKeyDictionary()


def _toc_state(env: BuildEnvironment) -> bytes:
    """The contents as text: a page read again pickles differently from one
    unpickled, so its ``pformat`` (every node and attribute) is compared."""
    parts = [f"{sorted(env.toctree_includes.items())!r}"]
    parts.append(f"{sorted(env.toc_secnumbers.items())!r}")
    for docname in sorted(env.tocs):
        title = env.titles.get(docname)
        parts.append(docname)
        parts.append(env.tocs[docname].pformat())
        parts.append(title.pformat() if title is not None else "")
    return "\n".join(parts).encode()


def _structure(env: BuildEnvironment) -> str:
    """The contents, every label a page can link to, and the chapters' numbers."""
    digest = hashlib.sha256(_toc_state(env))
    std: Any = env.get_domain("std")
    digest.update(repr(sorted(std.labels.items())).encode())
    digest.update(repr(sorted(std.anonlabels.items())).encode())
    chapters = getattr(env, "course_chapters", {})
    digest.update(repr(sorted((d, repr(c)) for d, c in chapters.items())).encode())
    return digest.hexdigest()


def structure_of(app: Sphinx) -> str:
    """The digest of this build's structure, computed once when reading ends
    (the sidebars kept between builds are keyed on it too: ``web/navstore``)."""
    found = _READ.get(app)
    if found is None:
        found = _READ[app] = _structure(app.env)
    return found


def _kept(app: Sphinx) -> Path:
    return Path(app.doctreedir) / _KEPT


def _pages_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page, when the structure is not the last one."""
    _READ.pop(app, None)  # read now: the structure of this build's sources
    structure = structure_of(app)
    try:
        last = _kept(app).read_text(encoding="utf-8")
    except OSError:
        return []  # a first build: every page is written anyway
    return [] if last == structure else sorted(env.found_docs)


def _keep(app: Sphinx, error: Exception | None) -> None:
    structure = _READ.pop(app, None)
    if error is None and not app.statuscode and structure is not None:
        write_atomic(_kept(app), structure)


def setup_structure(app: Sphinx) -> None:
    # Late: after Sphinx's own collectors have numbered the sections.
    app.connect("env-get-updated", _pages_to_write, priority=900)
    app.connect("build-finished", _keep)
