"""Valid single-page HTML for the print builders (the PDF, the guide, the workbook).

Applied by their builder (``CoursePDFBuilder`` in ``pdf.py``), which owns them.

Sphinx 9's single-page builder joins every document into one page but leaves
two faults that the Nu Html Checker reports and that break links in the PDF:

- links into another document come out as ``#document-glossary#term-x``: two
  ``#`` in one address, which WeasyPrint cannot follow. They become ``#term-x``.
- ids are unique per document only: every chapter has its own ``id1`` (a
  citation) or ``key-points`` (a section), so one page holds many of each and
  a link may land in the wrong chapter. An id that more than one document uses
  is renamed in all but the first, and the links that point to it follow.

And each joined document's anchor, ``document-DOC``, is written as an empty
``<span>`` just before the document's first section. In print that section
starts a new right-hand page (``break-before``), so the span stays on the page
before, often the blank verso: the contents' page numbers and every link to a
chapter were one or two pages early. The id moves onto the section, which
carries the break, and the span is not written.

Also, the contents' captions are ``<p role="heading">`` with no level; in the
print layout they sit under the "Contents" heading, so they get level 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

Renames = dict[tuple[str, str], str]
_DOUBLE_ANCHOR = re.compile(r'href="#document-([^"#]+)#([^"]*)"')
_CAPTION = '<p class="caption" role="heading">'


def _owned(node: nodes.Node, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element of the joined tree with the document it came from."""
    stack = [(node, docname)]
    while stack:
        current, owner = stack.pop()
        if isinstance(current, addnodes.start_of_file):
            owner = current["docname"]
        if isinstance(current, nodes.Element):
            yield current, owner
            stack.extend((child, owner) for child in reversed(current.children))


def unique_ids(tree: nodes.document, master: str) -> Renames:
    """Rename ids used by more than one document; return (doc, old id) -> new."""
    first_owner: dict[str, str] = {}
    taken: set[str] = set()
    clashes: list[tuple[str, str]] = []
    for element, owner in _owned(tree, master):
        for node_id in element["ids"]:
            taken.add(node_id)
            first = first_owner.setdefault(node_id, owner)
            if first != owner and (owner, node_id) not in clashes:
                clashes.append((owner, node_id))
    renames: Renames = {}
    for owner, node_id in clashes:
        base = f"{owner.replace('/', '-')}-{node_id}"
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        taken.add(new)
        renames[owner, node_id] = new
    for element, owner in _owned(tree, master):
        element["ids"] = [renames.get((owner, i), i) for i in element["ids"]]
        if element.get("backrefs"):
            element["backrefs"] = [
                renames.get((owner, i), i) for i in element["backrefs"]
            ]
        if "refid" in element:
            element["refid"] = renames.get((owner, element["refid"]), element["refid"])
        refuri = element.get("refuri", "")
        if isinstance(element, nodes.reference) and refuri.startswith("#document-"):
            element["refuri"] = _single_anchor(refuri, renames)
    return renames


def _single_anchor(refuri: str, renames: Renames) -> str:
    """``#document-DOC#ID`` -> ``#ID`` (as renamed); ``#document-DOC`` stays."""
    docname, hash_, node_id = refuri[len("#document-") :].partition("#")
    if not hash_:
        return refuri
    return "#" + renames.get((docname, node_id), node_id)


def anchor_documents(tree: nodes.document) -> None:
    """Give each joined document's first section the id ``document-DOC``."""
    for start in tree.findall(addnodes.start_of_file):
        section = next(
            (c for c in start.children if isinstance(c, nodes.section)), None
        )
        if section is None:
            continue
        # A later id: the section keeps its own as ``id``, this one becomes an
        # empty span *inside* the section, so on the section's first page.
        section["ids"].append(f"document-{start['docname']}")
        start["anchored"] = True


class PrintTranslator(HTML5Translator):
    """HTML for the print builders: no document anchor before the page break."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        if not node.get("anchored"):
            super().visit_start_of_file(node)
            return
        # As the base class, but the anchor is on the section (anchor_documents).
        self.docnames.append(node["docname"])


def fix_html(html: str, renames: Renames) -> str:
    """The same repair on rendered HTML (the contents come from the toctree)."""
    html = _DOUBLE_ANCHOR.sub(
        lambda m: f'href="#{renames.get((m[1], m[2]), m[2])}"', html
    )
    return html.replace(_CAPTION, '<p class="caption" role="heading" aria-level="2">')
