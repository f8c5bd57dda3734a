"""``{chapter}`ch-label```: "Chapter 3", numbered by the build and linked.

A mention of another chapter names the label of its heading (``(ch-label)=``).
The number is the chapter's module (front matter), the one its title carries in
every output's contents, so a chapter that moves renumbers every mention of it,
and a mention of a label that is gone fails the build at its line.

The role leaves a ``chapter_mention`` node; once every document is read a
post-transform turns it into a link to the chapter's document, as ``{doc}``
would write it. Each output then links it
its own way: a page of the site or the EPUB, an anchor with "(page N)" in the
PDF, the chapter's notes or module in the guide and the workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from coursepress.course.chapter import CHAPTER_WORD, chapter_name

from ..audience import Medium, medium
from ..compat import current_builder

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class chapter_mention(nodes.Inline, nodes.TextElement):
    """A ``{chapter}`` mention until the build knows the chapter's number."""


class ChapterRole(SphinxRole):
    """``{chapter}`ch-the-armour```: "Chapter 2", a link to that chapter."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        label = self.text.strip()
        # Two words until resolved, as "Chapter 3" will be: the teaching time
        # is shared by words at reading (outline.py).
        placeholder = f"{CHAPTER_WORD} {label}"
        node = chapter_mention(self.rawtext, placeholder, label=label)
        self.set_source_info(node)
        return [node], []


def _chapter_of(env: Any, label: str) -> tuple[Any, str] | None:
    """The chapter whose title carries ``label`` and its heading's id, or None
    (an exercise's or a section's label is in a chapter too, but names
    something else)."""
    docname, node_id, title = env.domains.standard_domain.labels.get(
        label, ("", "", "")
    )
    chapter = env.course_chapters.get(docname)
    if chapter is None or title != chapter.title:
        return None
    return chapter, node_id


class ChapterMentions(SphinxPostTransform):
    """Each mention becomes "Chapter N", a reference to the chapter's document."""

    # Early: later transforms (the decks', the print builders') meet a link.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(chapter_mention)):
            label = node["label"]
            found = _chapter_of(self.env, label)
            if found is None:
                labels = sorted(
                    name
                    for name in self.env.domains.standard_domain.labels
                    if _chapter_of(self.env, name) is not None
                )
                logger.warning(
                    f"{{chapter}} names {label!r}, which is no chapter's label: "
                    "write the label in front of a chapter's title "
                    f"({', '.join(labels) or 'none yet'})",
                    location=node,
                    type="course",
                    subtype="chapter",
                )
                node.replace_self(nodes.inline("", label))
                continue
            chapter, heading_id = found
            text = chapter_name(chapter.module)
            builder = current_builder(self.env)
            link = make_refnode(
                builder,
                self.env.docname,
                chapter.docname,
                # On paper the document's own anchor, which the PDF follows with
                # "(page N)" and the handouts put on the chapter's part; on a
                # screen its heading, so a mention within the chapter (or its
                # slides in a session deck) lands on it too.
                None if medium(builder) is Medium.PRINT else heading_id,
                nodes.inline(text, text, classes=["chapter-mention"]),
                chapter.title,
            )
            link.source, link.line = node.source, node.line
            node.replace_self(link)


def setup_chapterrefs(app: Sphinx) -> None:
    app.add_node(chapter_mention)
    app.add_role("chapter", ChapterRole())
    app.add_post_transform(ChapterMentions)
