"""``{dropdown} Title``: content a reader opens when they want it.

The online book shows a ``<details>`` element (closed unless ``:open:``), which
needs no script. Paper, the EPUB and the decks cannot be clicked open, so there
the dropdown becomes an ordinary titled box with all its content (in a deck, in
the speaker notes with the rest of the prose).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..audience import Medium, medium

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class dropdown(nodes.General, nodes.Element):
    """A titled block: its first child is a ``dropdown_title``, then the body."""


class dropdown_title(nodes.TextElement):
    """What the closed dropdown shows (``<summary>``)."""


class DropdownDirective(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "open": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error(
                "The 'dropdown' directive is empty: write what it hides between "
                "the opening and closing fences."
            )
        node = dropdown(
            open="open" in self.options,
            classes=["dropdown", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        text = self.arguments[0] if self.arguments else "More"
        title_nodes, messages = self.state.inline_text(text, self.lineno)
        node += dropdown_title(text, "", *title_nodes)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node, *messages]


class DropdownAsBox(SphinxPostTransform):
    """Outputs that cannot be clicked: a titled box, shown open."""

    default_priority = 190

    def run(self, **kwargs: Any) -> None:
        if medium(self.env) is Medium.SITE:  # the web book: <details> opens
            return
        for node in list(self.document.findall(dropdown)):
            box = nodes.admonition(classes=["dropdown", *node["classes"][1:]])
            title, *body = node.children
            box += nodes.title(title.rawsource, "", *title.children)
            box.extend(body)
            node.replace_self(box)


def visit_dropdown(self: HTML5Translator, node: dropdown) -> None:
    attributes = {"open": "open"} if node.get("open") else {}
    self.body.append(self.starttag(node, "details", CLASS="admonition", **attributes))


def depart_dropdown(self: HTML5Translator, node: dropdown) -> None:
    self.body.append("</details>\n")


def visit_dropdown_title(self: HTML5Translator, node: dropdown_title) -> None:
    self.body.append('<summary class="admonition-title">')


def depart_dropdown_title(self: HTML5Translator, node: dropdown_title) -> None:
    self.body.append("</summary>\n")


def setup_dropdown(app: Sphinx) -> None:
    app.add_node(dropdown, html=(visit_dropdown, depart_dropdown))
    app.add_node(dropdown_title, html=(visit_dropdown_title, depart_dropdown_title))
    app.add_directive("dropdown", DropdownDirective)
    app.add_post_transform(DropdownAsBox)
