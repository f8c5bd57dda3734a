"""On paper, a link to another part of the book says "page" once.

The print theme follows a link to a document with its page ("Crisis resources
(page 91)", ``print.css``). Text written for a screen often says "page" itself:
"the {doc}`crisis-resources` page" or "the page {doc}`crisis-resources`", which
printed as "the Crisis resources (page 91) page". In the print builders the
word next to such a link is left out, so the page number says it:
"the Crisis resources (page 91)".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..audience import Medium, medium

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The address of a whole document in a single-page build: what print.css
#: follows with "(page N)".
DOCUMENT_ANCHOR = "#document-"
_PAGE_AFTER = re.compile(r"^(\s*)page\b")
_PAGE_BEFORE = re.compile(r"\bpage(\s*)$")


def prints_its_page(ref: nodes.Element) -> bool:
    uri = ref.get("refuri", "")
    return uri.startswith(DOCUMENT_ANCHOR) and "#" not in uri[1:]


def _next_words(node: nodes.Node, step: int) -> tuple[nodes.Text | None, bool]:
    """The text beside ``node`` (``step`` 1 after it, -1 before it), past a line
    break of the source (MyST makes it a text of its own); and whether
    anything, a space or a line break, comes between them."""
    parent, spaced = node.parent, False
    index = parent.index(node) + step if parent is not None else -1
    while parent is not None and 0 <= index < len(parent):
        sibling = parent[index]
        if not isinstance(sibling, nodes.Text):
            return None, spaced
        if str(sibling).strip():
            return sibling, spaced
        spaced, index = True, index + step
    return None, spaced


def _retext(old: nodes.Text, text: str) -> None:
    old.parent.replace(old, nodes.Text(text))


class PageWordOnce(SphinxPostTransform):
    """Drop "page" beside a link that prints its page number."""

    default_priority = 900  # after references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        if medium(self.env) is not Medium.PRINT:
            return
        for ref in list(self.document.findall(nodes.reference)):
            if not prints_its_page(ref):
                continue
            after, spaced = _next_words(ref, 1)
            match = _PAGE_AFTER.match(after) if after is not None else None
            if match and (spaced or match[1]):  # "page", not "pages" or "paged"
                _retext(after, str(after)[match.end() :])
            before, spaced = _next_words(ref, -1)
            match = _PAGE_BEFORE.search(before) if before is not None else None
            if match and (spaced or match[1]):
                _retext(before, str(before)[: match.start()])


def setup_pagewords(app: Sphinx) -> None:
    app.add_post_transform(PageWordOnce)
