"""MyST syntax the course does not support: an error saying what to use instead.

Directives from other extensions (sphinx-design's tabs, cards and grids, Jupyter
Book's toggles...) are unknown here, and docutils' "Unknown directive type"
says nothing of what would work. Each name below fails the build at the file
and line with the supported alternative (AUTHORING.md, "MyST features").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils.parsers.rst import Directive

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

_LAYOUT = (
    "pages are read top to bottom on paper, in the EPUB and on slides: write the "
    "parts one after another under ### headings, or in a {dropdown}"
)
INSTEAD: dict[str, str] = {
    "tab-set": _LAYOUT,
    "tab-item": _LAYOUT,
    "grid": _LAYOUT,
    "grid-item": _LAYOUT,
    "grid-item-card": _LAYOUT,
    "card": "use an admonition with a title: :::{admonition} Title",
    "card-carousel": _LAYOUT,
    "button-link": "use a plain link: [text](address)",
    "button-ref": "use {ref}`label`",
    "toggle": "use a {dropdown} with a title",
    "mermaid": "draw the diagram as an SVG or PNG file and use {figure}",
    "code-cell": "use a code block (```python); nothing is run at build time",
    "iframe": "nothing may load from another site: link to the page instead",
    "youtube": "nothing may load from another site: link to the video instead",
}


def _refusal(name: str, advice: str) -> type[Directive]:
    class Unsupported(Directive):
        has_content = True
        optional_arguments = 10
        final_argument_whitespace = True

        def run(self) -> list[nodes.Node]:
            raise self.error(
                f"{{{name}}} is not supported in this course: {advice} "
                "(AUTHORING.md, 'MyST features', lists what works everywhere)"
            )

    return Unsupported


def setup_unsupported(app: Sphinx) -> None:
    for name, advice in INSTEAD.items():
        app.add_directive(name, _refusal(name, advice))
