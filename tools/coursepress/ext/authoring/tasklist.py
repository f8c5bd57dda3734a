"""Task lists (``- [x] done``): checkboxes every output can parse.

MyST writes each box as raw HTML, ``<input ... type="checkbox">`` without a
closing slash. The EPUB is XHTML, where that is a fatal parse error (the whole
chapter is rejected by reading systems and epubcheck). Written as an empty
element, ``<input ... />``, it is valid in HTML and in XHTML alike.

A checkbox is also a form control, which screen readers announce by its label
(axe-core's rule "label"): each gets the words of its item as ``aria-label``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CHECKBOX = '<input class="task-list-item-checkbox"'


class CloseCheckboxes(SphinxPostTransform):
    default_priority = 190

    def run(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            text = raw.astext()
            if raw.get("format") != "html" or not text.startswith(_CHECKBOX):
                continue
            tag = text.rstrip().removesuffix(">").removesuffix("/").rstrip()
            words = _item_words(raw)
            if words and "aria-label=" not in tag:
                tag += f' aria-label="{html.escape(words, quote=True)}"'
            raw.replace_self(nodes.raw(text, tag + " />", format="html"))


def _item_words(checkbox: nodes.raw) -> str:
    """The text of the list item a checkbox opens, without the checkbox."""
    item = checkbox.parent
    while item is not None and not isinstance(item, nodes.list_item):
        item = item.parent
    if item is None:
        return ""
    parts = [n.astext() for n in item.findall(nodes.Text) if n.parent is not checkbox]
    return " ".join(" ".join(parts).split())


def setup_tasklist(app: Sphinx) -> None:
    app.add_post_transform(CloseCheckboxes)
