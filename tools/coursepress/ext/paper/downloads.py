"""A ``{download}`` on paper: the published copy's address, or its text alone.

On the site a download links to ``_downloads/<digest>/<name>`` beside the page.
A PDF has no such folder beside it: the relative link became a ``file://``
address of the build machine, which opens nothing for a reader and prints the
checkout's path into the file (the PDF engine refuses it). So in print a
download links to the copy the site publishes (``course_base_url``), and,
before the course has an address, it is its text without a link, as a
printable sheet's name is (``authoring/sheetlist.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from coursepress.course.facts import published_url

from ..audience import Medium, medium

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where the site publishes downloads, as Sphinx's HTML builder names them.
_SITE_DOWNLOADS = "_downloads"


class PrintedDownloads(SphinxPostTransform):
    default_priority = 210

    def run(self, **kwargs: Any) -> None:
        if medium(self.env) is not Medium.PRINT:
            return
        base = published_url(self.config.course_base_url)
        for node in list(self.document.findall(addnodes.download_reference)):
            if "filename" not in node:
                continue  # a web address: Sphinx links it as it is
            if base:
                address = quote(node["filename"])
                node["refuri"] = f"{base}{_SITE_DOWNLOADS}/{address}"
                del node["filename"]
            else:
                node.replace_self(nodes.inline("", "", *node.children))


def setup_printed_downloads(app: Sphinx) -> None:
    app.add_post_transform(PrintedDownloads)
