"""Directives that wrap authored content: boxes, slide bullets, facilitator notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..nodes import course_block, facilitator_note, slide_bullets

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Boxes shown to readers, each also a slide of its own: directive -> title.
BLOCK_TITLES: dict[str, str] = {
    "content-note": "Content note",
    "objectives": "In this chapter you will",
    "keypoints": "Key points",
    "discussion": "Questions to discuss",
}


class _ContentDirective(SphinxDirective):
    """A directive whose body is parsed as MyST into one wrapper node."""

    has_content = True
    node_class: ClassVar[type[nodes.Element]]

    def make_node(self) -> nodes.Element:
        return self.node_class()

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error(
                f"The {self.name!r} directive is empty: write its content between "
                "the opening and closing fences."
            )
        node = self.make_node()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class CourseBlockDirective(_ContentDirective):
    node_class = course_block

    def make_node(self) -> nodes.Element:
        return course_block(kind=self.name, title=BLOCK_TITLES[self.name])


class SlideDirective(_ContentDirective):
    """``{slide}``: the bullets of the enclosing section's slide."""

    node_class = slide_bullets


class FacilitatorDirective(_ContentDirective):
    """``{facilitator}``: notes for whoever runs the workshop."""

    node_class = facilitator_note


def setup_blocks(app: Sphinx) -> None:
    for name in BLOCK_TITLES:
        app.add_directive(name, CourseBlockDirective)
    app.add_directive("slide", SlideDirective)
    app.add_directive("facilitator", FacilitatorDirective)
