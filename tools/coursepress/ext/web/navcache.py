"""The book's sidebar navigation, built once per folder instead of once per page.

sphinx-book-theme draws the whole table of contents in every page's sidebar
with pydata-sphinx-theme's ``generate_toctree_html``: for each page, Sphinx
copies and resolves the global toctree, renders it to HTML, and BeautifulSoup
parses and rewrites it. That is work proportional to the number of chapters,
done once per chapter, so the book's build time grew with the square of its
length (300 chapters: 85% of the build was this sidebar).

Only two things in that sidebar depend on the page: the links are relative to
the page's folder, and the page's own entry and the entries above it are
marked current (``current active`` classes, ``href="#"``, open
``<details>``). So the sidebar is built once per folder, by the theme's own
code, for a page that is not in the tree; each element those marks can touch
becomes a slot holding its start tag both ways, and a page's sidebar is that
text with the slots of its chain switched on. The output is byte-identical to
the theme's (``tests/test_navcache.py`` compares them page by page).

The template ``templates/navigation/sbt-sidebar-nav.html`` is the theme's,
calling ``course_sidebar_nav`` instead. Anything this does not model (another
builder, a collapsed or part-collapsible sidebar, a page listed twice) goes
to the theme's function unchanged. ``course_fast_navigation = False`` turns
it off.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from markupsafe import Markup

from coursepress import resources

from ..config import setup_config
from .navstore import FILE, SidebarStore

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

TEMPLATES = resources.TEMPLATES / "navigation"
#: A document name no project has: the sidebar is drawn "from" it, unmarked.
PSEUDO_PAGE = "_coursepress-navigation-"
_SLOT = "data-coursepress-slot"
_SLOT_TAG = re.compile(rf'<[a-z]+ {_SLOT}="(\d+)">')


@dataclass(frozen=True)
class _Sidebar:
    """One folder's sidebar as text pieces; a page switches on its chain's tags."""

    pieces: tuple[str, ...]
    #: href of a page -> (index in pieces, start tag when the page is current)
    chains: dict[str, tuple[tuple[int, str], ...]]

    def render(self, href: str) -> str:
        pieces = list(self.pieces)
        for index, tag in self.chains.get(href, ()):
            pieces[index] = tag
        return "".join(pieces)


def _start_tag(soup: BeautifulSoup, name: str, attrs: dict[str, Any]) -> str:
    """How BeautifulSoup writes ``<name attrs>`` (the same escaping as the page)."""
    text = soup.new_tag(name, attrs=attrs).decode()
    return text[: text.index(">") + 1]


def _compile(soup: BeautifulSoup) -> _Sidebar | None:
    """Turn an unmarked sidebar into slots; None if a page is listed twice."""
    links = [a for a in soup.find_all("a", href=True) if a.find_parent("li")]
    hrefs = [a["href"] for a in links]
    if len(set(hrefs)) != len(hrefs):
        return None  # Sphinx marks a page listed twice in ways not modelled here
    slots: dict[int, int] = {}  # id(tag) -> slot number
    tags: list[Tag] = []

    def slot(tag: Tag) -> int:
        if id(tag) not in slots:
            slots[id(tag)] = len(tags)
            tags.append(tag)
        return slots[id(tag)]

    chains: dict[str, list[int]] = {}
    for a in links:
        chain = [slot(a)]
        for parent in a.parents:
            if parent.name in ("li", "ul"):
                chain.append(slot(parent))
            if parent.name == "li":
                details = parent.find("details", recursive=False)
                if details is not None:
                    chain.append(slot(details))
        chains[a["href"]] = chain
    unmarked, marked = [], []
    for number, tag in enumerate(tags):
        attrs = {k: list(v) if isinstance(v, list) else v for k, v in tag.attrs.items()}
        unmarked.append(_start_tag(soup, tag.name, attrs))
        marked.append(_start_tag(soup, tag.name, _mark(tag.name, attrs)))
        tag.attrs = {_SLOT: str(number)}
    parts = _SLOT_TAG.split(str(soup))
    # split() alternates text and the captured slot numbers (in document order).
    where = {int(number): 2 * i + 1 for i, number in enumerate(parts[1::2])}
    pieces = [
        part if index % 2 == 0 else unmarked[int(part)]
        for index, part in enumerate(parts)
    ]
    return _Sidebar(
        tuple(pieces),
        {
            href: tuple((where[s], marked[s]) for s in chain)
            for href, chain in chains.items()
        },
    )


def _mark(name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """The attributes Sphinx and the theme give an element on the current chain."""
    attrs = dict(attrs)
    classes = list(attrs.get("class", []))
    if name == "a":  # the page's own link: Sphinx's "current", and a link to itself
        attrs["class"] = ["current", *classes]
        attrs["href"] = "#"
    elif name == "ul":
        attrs["class"] = ["current", *classes]
    elif name == "li":  # Sphinx adds "current" after toctree-lN; the theme "active"
        at = next(
            (i + 1 for i, c in enumerate(classes) if c.startswith("toctree-l")), 0
        )
        attrs["class"] = [*classes[:at], "current", "active", *classes[at:]]
    elif name == "details":
        attrs.setdefault("open", "open")
    return attrs


_STORES: WeakKeyDictionary[Builder, SidebarStore] = WeakKeyDictionary()
#: What draws a sidebar: a change to either draws the stored ones again.


def _store(app: Sphinx) -> SidebarStore:
    store = _STORES.get(app.builder)
    if store is None:
        path = Path(app.doctreedir) / FILE
        store = _STORES[app.builder] = SidebarStore(path)
    return store


def _unmarked_sidebar(
    app: Sphinx, folder: str, kwargs: dict[str, Any]
) -> BeautifulSoup:
    """The theme's own sidebar, drawn for a page in ``folder`` that is in no toctree."""
    from pydata_sphinx_theme.toctree import add_toctree_functions

    pseudo = posixpath.join(folder, PSEUDO_PAGE)
    builder: Any = app.builder
    context: dict[str, Any] = {
        # What Sphinx's builder puts in every page's context, for the pseudo page.
        "toctree": lambda **kw: builder._get_local_toctree(pseudo, **kw),
    }
    add_toctree_functions(app, pseudo, "page.html", context, None)
    return context["generate_toctree_html"](**kwargs)


def _sidebar_function(app: Sphinx, pagename: str, context: dict[str, Any]) -> Any:
    def course_sidebar_nav(**kwargs: Any) -> Any:
        fallback = context["generate_toctree_html"]
        if (
            app.builder.name != "html"
            or kwargs.get("kind") != "sidebar"
            or kwargs.get("startdepth") != 0
            or kwargs.get("collapse")
            or int(kwargs.get("show_nav_level", 1)) == 0
        ):
            return fallback(**kwargs)
        folder = posixpath.dirname(pagename)
        key = (folder, *sorted(kwargs.items()))
        sidebar = _store(app).get(
            app, key, lambda: _compile(_unmarked_sidebar(app, folder, kwargs))
        )
        if sidebar is None:
            return fallback(**kwargs)
        pseudo = posixpath.join(folder, PSEUDO_PAGE)
        return Markup(sidebar.render(app.builder.get_relative_uri(pseudo, pagename)))

    return course_sidebar_nav


def _add_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.config.course_fast_navigation:
        context["course_sidebar_nav"] = _sidebar_function(app, pagename, context)


def _add_template(app: Sphinx, config: Config) -> None:
    if config.course_fast_navigation and str(TEMPLATES) not in config.templates_path:
        config.templates_path = [str(TEMPLATES), *config.templates_path]


def _reset(app: Sphinx) -> None:
    _STORES.pop(app.builder, None)


def _save(app: Sphinx, exception: BaseException | None) -> None:
    store = _STORES.get(app.builder)
    if store is not None and exception is None:
        store.save()


def setup_navcache(app: Sphinx) -> None:
    app.connect("config-inited", _add_template)
    app.connect("builder-inited", _reset)
    app.connect("build-finished", _save)
    # Before the theme renders its sidebars (pydata-sphinx-theme, priority 500).
    app.connect("html-page-context", _add_context, priority=400)


def setup(app: Sphinx) -> dict[str, Any]:
    """Standalone, for its tests: ``extensions = ["coursepress.ext.web.navcache"]``.

    The course's projects load it through ``coursepress.ext``.
    """
    setup_config(app)
    setup_navcache(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
