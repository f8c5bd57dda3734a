"""The web book read from disk (the workshop kit, opened through file://).

Sphinx's search page fetches each result page for a summary; a browser refuses
fetch() on file:// addresses, so every search in the unzipped kit threw an
error. There, the results are listed without summaries; online nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..audience import Medium, medium

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Runs after documentation_options.js (Sphinx loads its own scripts first);
# searchtools.js reads the option each time it lists a result.
NO_SUMMARIES_ON_DISK = (
    'if (location.protocol === "file:") '
    "DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;"
)


def _add_script(app: Sphinx) -> None:
    if medium(app) is Medium.SITE:
        app.add_js_file(None, body=NO_SUMMARIES_ON_DISK)


def setup_offline(app: Sphinx) -> None:
    app.connect("builder-inited", _add_script)
