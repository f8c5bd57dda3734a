"""Nothing that runs, nothing loaded from other sites: checked as a page is read.

The course tells people in distress that its pages load nothing from other
sites and run nothing of the author's. MyST passes raw HTML through and Sphinx
downloads remote images for the outputs that cannot show them (the EPUB), so a
chapter, an exercise or a printable sheet could break that promise and still
build. Each page is checked when it has been read, before any transform could
fetch anything, and every output (book, decks, PDF, EPUB, sheets) reads the
same sources. What is refused fails the build at its file and line and is
taken out of the page, so that a ``--keep-going`` build fetches nothing either:

- raw HTML (MyST's inline and block HTML, ``{raw} html``) beyond the harmless
  tags of ``safemarkup.ALLOWED_TAGS``; ``{raw}`` in any other format, which no
  output of the course uses;
- an image from another site (``http:``, ``https:``, ``//host``) unless its
  origin is in ``[privacy] allow_remote`` of ``course.toml``, or a ``data:``
  image;
- a ``javascript:``, ``vbscript:`` or ``data:`` link (a figure's ``:target:``);
- an SVG picture with a script, an event handler or a reference out of the
  file (``safesvg.py``);
- a ``<meta http-equiv>`` (``{meta}``, ``html_meta``), which can redirect;
- ``{raw}`` and ``{csv-table}`` with ``:url:``, which docutils fetches while
  it parses (before any check could run).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.directives.misc import Raw
from sphinx.directives.patches import CSVTable
from sphinx.util import logging

from coursepress.course.locations import location

from .images import shown_at
from .paths import inside_course
from .safemarkup import (
    HTML_ADVICE,
    RESOURCE_ADVICE,
    html_problems,
    is_active,
    resource_problem,
    scheme_of,
)
from .safesvg import SVG_ADVICE, svg_problems

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Formats of ``{raw}`` that reach a page of the course (HTML, EPUB, decks, PDF).
_HTML_FORMATS = ("html", "epub", "revealjs")


def _refuse(
    app: Sphinx, node: nodes.Element, message: str, line: int | None = None
) -> None:
    source, node_line = shown_at(node)
    line = line or node_line
    logger.error(
        message,
        location=location(Path(source), line) if source else (app.env.docname, line),
        type="course",
        subtype="active-content",
    )


def _check_raw(app: Sphinx, node: nodes.raw) -> None:
    formats = node.get("format", "").split()
    if not any(word in _HTML_FORMATS for word in formats):
        _refuse(
            app,
            node,
            f"raw {' '.join(formats) or 'markup'} reaches no output of this course "
            "(the book, the decks, the PDF and the EPUB are all HTML): remove it",
        )
        node.parent.remove(node)
        return
    problems = html_problems(node.astext(), app.config.course_allow_remote)
    if not problems:
        return
    # MyST's HTML blocks start at the node's line; {raw} content starts
    # after the directive's line and options, so it is named by the directive.
    from_myst = "xml:space" in node.attributes or "xml_space" in node.attributes
    _, first = shown_at(node)
    for problem in problems:
        line = first + problem.line - 1 if from_myst and first else first
        _refuse(app, node, f"raw HTML: {problem.message}: {HTML_ADVICE}", line)
    node.parent.remove(node)


def _check_image(app: Sphinx, node: nodes.image, docname: str) -> None:
    uri = node.get("uri", "")
    problem = resource_problem(uri, app.config.course_allow_remote)
    if problem is None and scheme_of(uri) == "":
        pictures = [
            path
            for path in _files_of(app, uri, docname)
            if path.suffix.lower() in (".svg", ".svgz") and path.is_file()
        ]
        for path in pictures:
            if not _svg_is_safe(app, node, path):
                break  # the image is out of the page
        return
    if problem is None:
        return  # an allowed origin
    _refuse(app, node, f"the image {problem}: {RESOURCE_ADVICE}")
    _neutralise_image(node)


def _files_of(app: Sphinx, uri: str, docname: str) -> list[Path]:
    """The files an image's ``uri`` may be (``pic.*`` is each kind there is)."""
    _, absolute = app.env.relfn2path(uri, docname)
    path = Path(absolute)
    if path.name.endswith(".*"):
        return sorted(path.parent.glob(path.name))
    return [path]


def _svg_is_safe(app: Sphinx, node: nodes.image, path: Path) -> bool:
    problems = svg_problems(path)
    if not problems:
        return True
    source, line = shown_at(node)
    shown_by = f" (shown at {location(Path(source), line)})" if source else ""
    for problem in problems:
        logger.error(
            f"the picture {path.name}: {problem.message}{shown_by}: {SVG_ADVICE}",
            location=location(path, problem.line),
            type="course",
            subtype="active-content",
        )
    _neutralise_image(node)
    return False


def _neutralise_image(node: nodes.image) -> None:
    # Left out of the page, so no builder copies or downloads it; an empty
    # inline keeps a figure's structure for the transforms after this one.
    node.replace_self(nodes.inline())


def _check_reference(app: Sphinx, node: nodes.Element) -> None:
    uri = node.get("refuri", "")
    if not uri or not (is_active(uri) or scheme_of(uri) == "file"):
        return
    kind = scheme_of(uri)
    _refuse(
        app,
        node,
        f"the link {uri.strip()[:60]!r} is a {kind}: address, which a page may not "
        "open (it runs code, carries a document of its own or names a file on the "
        "build machine): link to a web page (https://...) or a page of the course",
    )
    if isinstance(node, nodes.reference):
        node.replace_self(node.children or nodes.Text(node.astext()))
    else:
        del node["refuri"]


def _check_meta(app: Sphinx, node: nodes.Element) -> None:
    if "http-equiv" in node.attributes:
        _refuse(
            app,
            node,
            "a <meta http-equiv> can redirect or reload the page: remove it "
            "(a page's description goes in its front matter, not in meta tags)",
            _line_naming(node, "http-equiv"),
        )
        node.parent.remove(node)


def _line_naming(node: nodes.Element, text: str) -> int | None:
    """The first line from the node's own that holds ``text``: docutils gives a
    ``meta`` node the line of the section it is in, not its own."""
    source, first = shown_at(node)
    if not source or not Path(source).is_file():
        return first
    lines = Path(source).read_text(encoding="utf-8", errors="replace").splitlines()
    start = first or 1
    found = (n for n, line in enumerate(lines[start - 1 :], start) if text in line)
    return next(found, first)


def check_active_content(app: Sphinx, doctree: nodes.document) -> None:
    """Refuse (and take out) everything in a page that runs or loads from elsewhere."""
    docname = app.env.docname
    for raw in list(doctree.findall(nodes.raw)):
        _check_raw(app, raw)
    for image in list(doctree.findall(nodes.image)):
        _check_image(app, image, docname)
    for link in list(
        doctree.findall(lambda n: isinstance(n, nodes.reference | nodes.target))
    ):
        _check_reference(app, link)
    for meta in list(doctree.findall(nodes.meta)):
        _check_meta(app, meta)


def _without_url(base: type[Directive], name: str) -> type[Directive]:
    """``base`` refusing ``:url:``, which docutils fetches while it parses."""

    class WithoutURL(base):  # type: ignore[misc, valid-type]
        def run(self) -> list[nodes.Node]:
            if "url" in self.options:
                raise self.error(
                    f"{{{name}}} :url: fetches a file from another site while the "
                    "course is built: put the file in the project and use :file: "
                    "(nothing is loaded from other sites)"
                )
            return super().run()

    return WithoutURL


#: Docutils' directives that fetch a ``:url:`` while parsing, as the course
#: registers them again (the same, without ``:url:``).
#: Their ``:file:`` is held to the course's folders as well (``paths.py``).
WITHOUT_URL = {"raw": inside_course(Raw), "csv-table": inside_course(CSVTable)}


def setup_activecontent(app: Sphinx) -> None:
    for name, directive in WITHOUT_URL.items():
        app.add_directive(name, _without_url(directive, name), override=True)
    # Before Sphinx's image collector (500), which records each image for
    # copying: a refused picture is never copied into an output.
    app.connect("doctree-read", check_active_content, priority=400)
