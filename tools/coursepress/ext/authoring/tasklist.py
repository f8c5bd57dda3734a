"""Task lists (``- [x] done``): checkboxes every output can parse.

MyST writes each box as raw HTML, ``<input ... type="checkbox">`` without a
closing slash. The EPUB is XHTML, where that is a fatal parse error (the whole
chapter is rejected by reading systems and epubcheck). Written as an empty
element, ``<input ... />``, it is valid in HTML and in XHTML alike.
"""

from __future__ import annotations

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
            if raw.get("format") == "html" and text.startswith(_CHECKBOX):
                if text.rstrip().endswith("/>"):
                    continue
                closed = text.rstrip().removesuffix(">").rstrip() + " />"
                raw.replace_self(nodes.raw(text, closed, format="html"))


def setup_tasklist(app: Sphinx) -> None:
    app.add_post_transform(CloseCheckboxes)
