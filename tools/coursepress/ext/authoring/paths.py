"""Files a page names stay inside the course: refused before they are read or copied.

``{include}``, ``{literalinclude}``, ``{download}`` (and a Markdown link to a
file, which MyST makes a download), ``{image}``, ``{figure}``, Markdown
images, and the ``:file:`` of ``{csv-table}`` and ``{raw}`` name files that
every output then carries. Each path is resolved as Sphinx (or docutils)
resolves it, symbolic links too, and held to the rule of ``course/bounds.py``;
one outside fails the build at the line that names it, and nothing of the file
reaches a page or a builder's folder:

- ``include``, ``literalinclude``, ``raw`` and ``csv-table`` check before they
  read (registered in place of Sphinx's and docutils' own; the last two by
  ``activecontent.py``, which refuses their ``:url:``); MyST reads
  ``{include}`` itself, so its ``include-read`` event refuses the text before
  it is parsed;
- images and downloads are checked when the page has been read, before
  Sphinx's collectors note them: a refused one is taken out of the page, so
  no builder copies it (they copy what the pages show, at write time);
- a page that is itself a link to a file outside is not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import Directive, DirectiveError
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.errors import SphinxError
from sphinx.util import logging

from coursepress.course.bounds import is_inside, outside_message
from coursepress.course.locations import location

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Before Sphinx's image and download collectors (priority 500) note the files.
_BEFORE_COLLECTORS = 450


def course_roots(config: Config, srcdir: str | Path) -> tuple[Path, ...]:
    """The course's folders (``course_source_dirs``), or the source folder."""
    folders = config.course_source_dirs
    return tuple(Path(folder) for folder in folders) or (Path(srcdir),)


def refusal(env: BuildEnvironment, written: str, docname: str | None = None) -> str:
    """Why the file ``written`` on page ``docname`` may not be used, or ""."""
    _, absolute = env.relfn2path(written, docname or env.current_document.docname)
    roots = course_roots(env.config, env.srcdir)
    return "" if is_inside(Path(absolute), roots) else outside_message(written, roots)


class OutsideInclude(SphinxError, DirectiveError):
    """An included file outside the course, raised from ``include-read``.

    A SphinxError, so Sphinx's event manager passes it on unwrapped; a
    DirectiveError, so the directive's runner (docutils' or MyST's) reports
    it at the directive's line instead of stopping the build.
    """

    category = "Included file outside the course"


class CourseInclude(Include):
    """``include``, refusing a file outside the course before reading it."""

    def run(self) -> Sequence[nodes.Node]:
        written = self.arguments[0]
        if written.startswith("<") and written.endswith(">"):
            # docutils' own include files: outside the course as well.
            target = Path(self.standard_include_path, written[1:-1])
            roots = course_roots(self.config, self.env.srcdir)
            if not is_inside(target, roots):
                raise self.error(outside_message(written, roots))
        elif problem := refusal(self.env, written):
            raise self.error(problem)
        return super().run()


class CourseLiteralInclude(LiteralInclude):
    """``literalinclude``, refusing a file (or ``:diff:``) outside the course."""

    def run(self) -> list[nodes.Node]:
        for written in (self.arguments[0], self.options.get("diff")):
            if written and (problem := refusal(self.env, written)):
                raise self.error(problem)
        return super().run()


def refuse_included_text(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    """``include-read``: MyST's ``{include}`` has read a file; refuse one outside.

    MyST resolves the path itself (symbolic links too) and emits this before
    it parses the text, so the text is dropped and never reaches the page.
    """
    roots = course_roots(app.config, app.srcdir)
    target = Path(app.srcdir, relative_path)
    if is_inside(target, roots):
        return
    content[0] = ""
    raise OutsideInclude(3, outside_message(str(target.resolve()), roots))


def _remove(node: nodes.Element, problem: str) -> None:
    logger.error(problem, location=node, type="course", subtype="path")
    # A download keeps its text, as plain text; an image goes.
    keep = node.children if isinstance(node, addnodes.download_reference) else []
    node.replace_self(keep)


def check_page_files(app: Sphinx, doctree: nodes.document) -> None:
    """Take images and downloads naming files outside the course out of the page."""
    env = app.env
    docname = env.current_document.docname
    roots = course_roots(env.config, env.srcdir)
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if (
            target
            and "://" not in target
            and (problem := refusal(env, target, docname))
        ):
            _remove(node, problem)
    for node in list(doctree.findall(nodes.image)):
        uri = node.get("uri", "")
        if not uri or uri.startswith("data:") or "://" in uri:
            continue  # remote pictures are another check's (and Sphinx's)
        _, absolute = env.relfn2path(uri, docname)
        pattern = Path(absolute)
        # "pic.*" stands for every file it matches (Sphinx picks one per output).
        matches = list(pattern.parent.glob(pattern.name)) if "*" in uri else []
        if not all(is_inside(path, roots) for path in (pattern, *matches)):
            _remove(node, outside_message(uri, roots))


def check_page_file(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a page that is a link to a file outside is not read."""
    path = Path(app.env.doc2path(docname))
    roots = course_roots(app.config, app.srcdir)
    if is_inside(path, roots):
        return
    source[0] = ""
    logger.error(
        outside_message(path.name, roots),
        location=location(path, 1),
        type="course",
        subtype="path",
    )


def file_option_refusal(directive: Directive) -> str:
    """Why the ``:file:`` of a docutils directive (``raw``, ``csv-table``) may
    not be read, or "". Docutils reads it while parsing, relative to the page;
    an absolute path it opens as it is, unless Sphinx reads it from the source
    folder (``csv-table``, when no such file exists)."""
    written = directive.options.get("file")
    if not written:
        return ""
    document = directive.state.document
    env = document.settings.env
    if Path(written).is_absolute():
        target = Path(written)
        if not target.exists():
            target = Path(env.srcdir, written.lstrip("/"))
    else:
        source = document.current_source or document["source"]
        target = Path(source).parent / written
    roots = course_roots(env.config, env.srcdir)
    return "" if is_inside(target, roots) else outside_message(written, roots)


def inside_course(base: type[Directive]) -> type[Directive]:
    """``base`` (a directive with a ``:file:`` option) refusing a file outside."""

    class InsideCourse(base):  # type: ignore[misc, valid-type]
        def run(self) -> list[nodes.Node]:
            if problem := file_option_refusal(self):
                raise self.error(problem)
            return super().run()

    InsideCourse.__name__ = f"{base.__name__}InsideCourse"
    return InsideCourse


#: Sphinx's directives registered again with the check: what they make is
#: Sphinx's own. ``raw`` and ``csv-table``, which also fetch a ``:url:``, are
#: registered once, by ``activecontent.py``, with ``inside_course`` as their base.
CHECKED_DIRECTIVES: dict[str, type[Directive]] = {
    "include": CourseInclude,
    "literalinclude": CourseLiteralInclude,
}


def setup_paths(app: Sphinx) -> None:
    for name, directive in CHECKED_DIRECTIVES.items():
        app.add_directive(name, directive, override=True)
    app.connect("include-read", refuse_included_text)
    app.connect("source-read", check_page_file, priority=100)
    app.connect("doctree-read", check_page_files, priority=_BEFORE_COLLECTORS)
