"""The one place that reaches into Sphinx internals, so an upgrade touches one file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.singlehtml import SingleFileHTMLBuilder

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def current_builder(env: BuildEnvironment) -> Builder:
    # Sphinx 9 deprecates Transform.app; its own post-transforms use env._app.
    return env._app.builder


@contextmanager
def as_single_page_builder(builder: Any) -> Iterator[None]:
    """Within: a single-page builder under another name answers to "singlehtml".

    Sphinx numbers figures, tables and equations of one joined page only for a
    builder *named* singlehtml; ours (the PDF, guide and workbook) are that
    builder under other names.
    """
    if not isinstance(builder, SingleFileHTMLBuilder) or builder.name == "singlehtml":
        yield
        return
    name = builder.name
    builder.name = "singlehtml"  # the name Sphinx's look-ups test, nothing else
    try:
        yield
    finally:
        builder.name = name


def rebuild_config_hash(app: Any) -> str:
    """The stable hash of the settings that make Sphinx rewrite HTML or read pages
    again, and of the tags: what Sphinx keeps in ``.buildinfo``."""
    from sphinx.builders.html._build_info import BuildInfo

    info = BuildInfo(app.config, app.tags, frozenset({"html", "env"}))
    return f"{info.config_hash} {info.tags_hash}"


def search_index_entries(builder: Any) -> dict[str, list[tuple[str, str, str]]] | None:
    """The index entries (glossary terms, ``{index}``) the search index will hold,
    per page: Sphinx's ``IndexBuilder._index_entries``, or None without a search
    index (or when an upgrade renamed it: the entries are then what Sphinx has)."""
    entries = getattr(getattr(builder, "indexer", None), "_index_entries", None)
    return entries if isinstance(entries, dict) else None


def page_output_path(builder: Any, docname: str) -> Path | None:
    """The file an HTML builder writes ``docname`` to, or None for other builders
    (``get_output_path`` since Sphinx 8.1, ``get_outputfilename`` before)."""
    for name in ("get_output_path", "get_outputfilename"):
        method = getattr(builder, name, None)
        if method is not None:
            return Path(method(docname))
    return None
