"""Accessibility repairs to markup that docutils and the book theme write.

Found by axe-core in ``nox -s e2e``; each repair names the rule it satisfies.

- ``aria-required-children`` (critical): docutils wraps citations in
  ``<div role="list">`` but gives each entry ``role="doc-biblioentry"``, which is
  not a list item (and is deprecated in DPUB-ARIA 1.1; epubcheck warns too). The
  entries become ``role="listitem"``, in the book and the EPUB: the references
  page still reads as a list of sources.
- ``label-content-name-mismatch`` (serious): the theme's search button shows
  "Search Ctrl+K" but is named "Search" by ``aria-label``, so speech users who
  say what they see cannot reach it. The template override in
  ``templates/book/search-button-field.html`` names it by its visible text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from coursepress import resources

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = resources.TEMPLATES / "book"


class AccessibleHTML5Translator(HTML5Translator):
    """Sphinx's HTML5 translator with citations as proper list items."""

    def visit_citation(self, node: nodes.Element) -> None:
        super().visit_citation(node)
        self.body[-1] = self.body[-1].replace(
            'role="doc-biblioentry"', 'role="listitem"'
        )


def _add_templates(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [str(TEMPLATES), *config.templates_path]


def setup_a11y(app: Sphinx) -> None:
    # The online book (the theme wraps this class in its Bootstrap mixin); the
    # EPUB's builder uses it too (epub/builder.py), as epubcheck warns that
    # doc-biblioentry is deprecated.
    app.set_translator("html", AccessibleHTML5Translator, override=True)
    app.connect("config-inited", _add_templates)
