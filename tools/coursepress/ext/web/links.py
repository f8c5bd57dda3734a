"""Links between the outputs, added only where the target exists: the web book.

The published site puts the decks in ``slides/`` and the PDF and EPUB in
``downloads/``; an EPUB or a PDF read offline has neither, so only the ``html``
web book's pages (``Medium.SITE``) get these links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from coursepress.course.layout import SLIDES, Manifest

from ..audience import Medium, medium
from ..authoring.chapters import is_chapter
from ..compat import current_builder
from ..nodes import placeholder
from .search import NO_SEARCH

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class CourseDownloadsDirective(SphinxDirective):
    """``{course-downloads}``: links to the PDF, the EPUB and the decks."""

    def run(self) -> list[nodes.Node]:
        return [placeholder(kind="downloads")]


def _link(text: str, uri: str) -> nodes.reference:
    return nodes.reference("", text, refuri=uri, internal=False)


class WebLinks(SphinxPostTransform):
    default_priority = 210

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        web = medium(self.env) is Medium.SITE
        for node in list(self.document.findall(placeholder)):
            if node["kind"] == "downloads":
                node.replace_self(self.downloads(docname) if web else [])
        if web and is_chapter(self.config, docname):
            self.add_deck_link(docname)

    def uri(self, docname: str, target: str) -> str:
        return relative_uri(current_builder(self.env).get_target_uri(docname), target)

    def downloads(self, docname: str) -> nodes.Node:
        items = nodes.bullet_list(classes=["course-downloads"])
        for output in Manifest(self.config.course_basename).listed:
            link = _link(output.label, self.uri(docname, output.href))
            items += nodes.list_item("", nodes.paragraph("", "", link))
        return items

    def add_deck_link(self, docname: str) -> None:
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        # Links, not words of the chapter: kept out of the index and the snippets.
        para = nodes.paragraph(classes=["chapter-links", NO_SEARCH])
        para += _link(
            "Workshop slides for this chapter",
            self.uri(docname, f"{SLIDES}/{docname}.html"),
        )
        para += nodes.Text(" · ")
        manifest = Manifest(self.config.course_basename)
        para += _link("PDF", self.uri(docname, manifest.book_pdf.href))
        para += nodes.Text(" · ")
        para += _link("EPUB", self.uri(docname, manifest.book_epub.href))
        section.insert(1, para)


def setup_links(app: Sphinx) -> None:
    app.add_directive("course-downloads", CourseDownloadsDirective)
    app.add_post_transform(WebLinks)
