"""Per-document data kept in ``env`` across documents, parallel-read safe.

Each store is a dict ``env.<attribute>[docname] = value``: created when the
builder starts, purged when a document is re-read, merged back from the
processes of a parallel read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def add_doc_store(app: Sphinx, attribute: str) -> None:
    def init(app: Sphinx) -> None:
        if not hasattr(app.env, attribute):
            setattr(app.env, attribute, {})

    def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        getattr(env, attribute).pop(docname, None)

    def merge(
        app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        mine, theirs = getattr(env, attribute), getattr(other, attribute)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    app.connect("builder-inited", init)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
