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
_PAGE_AFTER = re.compile(r"^\s+page\b")
_PAGE_BEFORE = re.compile(r"\bpage\s+$")


def prints_its_page(ref: nodes.Element) -> bool:
    uri = ref.get("refuri", "")
    return uri.startswith(DOCUMENT_ANCHOR) and "#" not in uri[1:]


def _sibling(node: nodes.Node, step: int) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    index = parent.index(node) + step
    return parent[index] if 0 <= index < len(parent) else None


def _retext(old: nodes.Node, text: str) -> None:
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
            after = _sibling(ref, 1)
            if isinstance(after, nodes.Text) and _PAGE_AFTER.match(after):
                _retext(after, _PAGE_AFTER.sub("", str(after)))
            before = _sibling(ref, -1)
            if isinstance(before, nodes.Text) and _PAGE_BEFORE.search(before):
                _retext(before, _PAGE_BEFORE.sub("", str(before)))


def setup_pagewords(app: Sphinx) -> None:
    app.add_post_transform(PageWordOnce)
