"""Figure numbers from an outline of each page, not from every page's doctree.

With ``numfig`` on (numbered figures, tables, listings), Sphinx 9 numbers them
after every read, even when one page changed: ``assign_figure_numbers`` loads
the doctree of *every* page from disk and walks all of its nodes, asking every
domain of each node whether it is numbered. For a 100-chapter book that is
about 0.6 s of a 3.7 s rebuild after one chapter's edit, and it grows with the
book (Sphinx issue #11474 found the same walk; other projects turned ``numfig``
off for it).

What the walk needs from a page is small: in document order, its numbered
nodes (type and id), its sections (whose numbers may prefix a figure's), and
its table-of-contents entries. That outline is taken once when the page is
read and kept in the environment; the numbers are assigned from the outlines
in the same order and with Sphinx's own counters, so ``env.toc_fignumbers``
is the same (``tests/test_fignumbers.py`` compares them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import StandardDomain
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.util import logging, url_re

from ..envdata import add_doc_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Sphinx's own method, for the tests that compare the two.
SPHINX_ASSIGN_FIGURE_NUMBERS = TocTreeCollector.assign_figure_numbers
#: The Sphinx release whose ``assign_figure_numbers`` this mirrors.
WRITTEN_FOR = "9.0.4"
STORE = "course_figure_outlines"

# An outline is a list of events, in document order: ("figure", figtype, id),
# ("section", anchorname, [events]) or ("toctree", [docnames]).
Outline = list[tuple[Any, ...]]


def _figtype(env: BuildEnvironment, node: nodes.Element) -> str | None:
    """Sphinx's ``get_figtype``: the first domain that numbers ``node``."""
    for domain in env.domains.sorted():
        figtype = domain.get_enumerable_node_type(node)
        if isinstance(domain, StandardDomain) and not domain.get_numfig_title(node):
            continue  # an uncaptioned node is not numbered
        if figtype:
            return figtype
    return None


def outline(env: BuildEnvironment, doctree: nodes.Element) -> Outline:
    """What numbering needs from ``doctree``, walked as Sphinx walks it."""
    events: Outline = []
    for child in doctree.children:
        if isinstance(child, nodes.section):
            events.append(("section", "#" + child["ids"][0], outline(env, child)))
        elif isinstance(child, addnodes.toctree):
            entries = [
                name
                for _title, name in child["entries"]
                if not url_re.match(name) and name != "self"
            ]
            events.append(("toctree", entries))
        elif isinstance(child, nodes.Element):
            figtype = _figtype(env, child)
            if figtype and child["ids"]:
                events.append(("figure", figtype, child["ids"][0]))
            events.extend(outline(env, child))
    return events


def _keep_outline(app: Sphinx, doctree: nodes.document) -> None:
    if app.config.numfig:
        getattr(app.env, STORE)[app.env.docname] = outline(app.env, doctree)


def assign_figure_numbers(self: TocTreeCollector, env: BuildEnvironment) -> list[str]:
    """``TocTreeCollector.assign_figure_numbers`` of Sphinx 9.0, from outlines."""
    generated = frozenset(env.domains.standard_domain._virtual_doc_names)
    outlines: dict[str, Outline] = getattr(env, STORE, {})
    assigned: set[str] = set()
    old_fignumbers = env.toc_fignumbers
    env.toc_fignumbers = {}
    counters: dict[str, dict[tuple[int, ...], int]] = {}

    def section_number(docname: str, anchorname: str) -> tuple[int, ...]:
        secnumbers = env.toc_secnumbers.get(docname, {})
        if anchorname in secnumbers:
            return secnumbers.get(anchorname) or ()
        return secnumbers.get("") or ()

    def register(docname: str, secnum: tuple[int, ...], figtype: str, id_: str) -> None:
        counter = counters.setdefault(figtype, {})
        secnum = secnum[: env.config.numfig_secnum_depth]
        counter[secnum] = counter.get(secnum, 0) + 1
        numbers = env.toc_fignumbers.setdefault(docname, {}).setdefault(figtype, {})
        numbers[id_] = (*secnum, counter[secnum])

    def replay(docname: str, events: Outline, secnum: tuple[int, ...]) -> None:
        for event in events:
            if event[0] == "section":
                inner = section_number(docname, event[1]) or secnum
                replay(docname, event[2], inner)
            elif event[0] == "toctree":
                for subdocname in event[1]:
                    if subdocname not in generated:
                        walk(subdocname, secnum)
            else:
                register(docname, secnum, event[1], event[2])

    def walk(docname: str, secnum: tuple[int, ...]) -> None:
        if docname in assigned:
            return
        assigned.add(docname)
        if docname not in outlines:  # read before this speed-up kept outlines
            outlines[docname] = outline(env, env.get_doctree(docname))
        replay(docname, outlines[docname], secnum)

    if not env.config.numfig:
        return []
    walk(env.config.root_doc, ())
    return [
        docname
        for docname, fignumbers in env.toc_fignumbers.items()
        if fignumbers != old_fignumbers.get(docname)
    ]


def setup_fignumbers(app: Sphinx) -> None:
    if sphinx.__version__ != WRITTEN_FOR:
        logger.info(
            f"figure-number outlines not used: written for Sphinx {WRITTEN_FOR}, "
            f"found {sphinx.__version__}; Sphinx numbers figures itself"
        )
        return
    add_doc_store(app, STORE)
    # Last, after every transform that may add or number nodes on reading.
    app.connect("doctree-read", _keep_outline, priority=900)
    TocTreeCollector.assign_figure_numbers = assign_figure_numbers  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    """Standalone, for its tests (``coursepress.ext.speedups.fignumbers``).

    The course's projects load it through ``coursepress.ext``.
    """
    setup_fignumbers(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
