"""Search results that show each page's own words.

Every chapter opens with the same "Based on" line and content note. Both carry
the ``no-search`` class (Sphinx leaves such elements out of the search index);
``course-search.js`` removes them from the result snippets too, which Sphinx
builds from the whole page's text.

``course-highlight.js`` marks the searched words on the page a result opens:
Sphinx skips it on every page of this theme, which loads the search tools
everywhere (see the script).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..audience import Medium, medium

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Sphinx's class for elements the search index skips.
NO_SEARCH = "no-search"
SCRIPT = "course-search.js"
HIGHLIGHT = "course-highlight.js"


def _search_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], *args: Any
) -> None:
    # Deferred: it runs after searchtools.js, before the search starts.
    if templatename == "search.html":
        app.add_js_file(SCRIPT, loading_method="defer")
    elif medium(app) is Medium.SITE:  # the book's pages, not decks or files
        app.add_js_file(HIGHLIGHT, loading_method="defer")


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", _search_page_script)
