"""``{margin}``: a note beside the text, in every output.

sphinx-book-theme defines ``{margin}`` (a sidebar with class ``margin``, drawn
in the page's margin), but only in the builders that use the theme: the PDF,
the EPUB and the decks failed on it. Here the same node is made wherever the
theme has not defined the directive, so the doctree is the same in every
output: a margin note in the book, a boxed aside in the PDF and the EPUB (see
their stylesheets), and the speaker notes in a deck (with the prose).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils.parsers.rst.directives.body import Sidebar
from sphinx.util.docutils import is_directive_registered

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class MarginDirective(Sidebar):
    """As sphinx-book-theme's: a title is optional."""

    optional_arguments = 1
    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        titled = bool(self.arguments)
        if not titled:
            self.arguments = [""]
        result = super().run()
        result[0]["classes"].append("margin")
        if not titled:
            result[0].children.pop(0)
        return result


def _define_margin(app: Sphinx) -> None:
    # After the builder's init, where the book theme registers its own: defining
    # it first would make the theme's registration warn (and -W fail).
    if not is_directive_registered("margin"):
        app.add_directive("margin", MarginDirective)


def setup_margin(app: Sphinx) -> None:
    app.connect("builder-inited", _define_margin)
