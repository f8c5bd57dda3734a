"""The search index keeps every page's index entries across incremental builds.

Sphinx feeds a page's index entries (glossary terms, ``{index}``) to the search
index only when it writes that page, and an incremental build loads the old
index without them: after any edit, ``searchindex.js`` lost every glossary term
but those of the pages written again (sphinx-doc/sphinx#12599, open). Each build
keeps the entries it published beside its doctrees; the next one gives them back
to the pages it did not write, whose sources, and so entries, did not change.
Remove this module when Sphinx fixes the issue.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursepress.files import write_atomic

from ..compat import search_index_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_KEPT = "search-index-entries.json"


def _kept(app: Sphinx) -> Path:
    return Path(app.doctreedir) / _KEPT


def _give_back(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: after every page is written, before the index is."""
    entries = search_index_entries(app.builder)
    if entries is None:
        return []
    try:
        kept = json.loads(_kept(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # the first build, or the file was lost: every page was written
    for docname in app.env.all_docs:
        if docname not in entries and isinstance(kept.get(docname), list):
            entries[docname] = [tuple(entry) for entry in kept[docname]]
    return []


def _keep(app: Sphinx, error: Exception | None) -> None:
    entries = search_index_entries(app.builder)
    if error is not None or app.statuscode or entries is None:
        return
    current = {doc: entries[doc] for doc in sorted(entries) if doc in app.env.all_docs}
    write_atomic(_kept(app), json.dumps(current, ensure_ascii=False))


def setup_searchentries(app: Sphinx) -> None:
    app.connect("html-collect-pages", _give_back)
    app.connect("build-finished", _keep)
