"""Chapter front matter: checked, kept in ``env``, and shown as a "Based on" note.

A chapter is a document under ``course_chapters_dir``. Its front matter names
its workshop module, its teaching time and the source texts it draws on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pybtex.richtext import Text
from sphinx import addnodes
from sphinx.util import logging

from coursepress.course.chapter import (
    CHAPTER_FIELDS,
    check_chapter,
    numbered_title,
    unknown_sources,
)
from coursepress.course.formats import Piece
from coursepress.course.frontmatter import FrontMatterError, read_document

from ..audience import Audience, audience
from ..envdata import add_doc_store
from ..web.search import NO_SEARCH
from .outline import chapter_outline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChapterInfo:
    docname: str
    module: int
    title: str
    teaching_minutes: int
    sources: tuple[str, ...]
    outline: tuple[Piece, ...] = ()  # deck order: teaching, exercises, discussion


def is_chapter(config: Config, docname: str) -> bool:
    return docname.startswith(config.course_chapters_dir.rstrip("/") + "/")


def _warn(app: Sphinx, docname: str, line: int, message: str) -> None:
    logger.warning(
        message, location=(docname, line), type="course", subtype="frontmatter"
    )


def read_chapter(app: Sphinx, doctree: nodes.document) -> None:
    """Check a chapter's front matter and record it in ``env.course_chapters``."""
    env = app.env
    docname = env.docname
    if not is_chapter(app.config, docname):
        return
    # MyST turns front matter into text fields; read the typed YAML ourselves.
    try:
        document = read_document(env.doc2path(docname))
    except FrontMatterError as err:
        _warn(
            app,
            docname,
            err.line,
            f"{err.message} (a chapter starts with {', '.join(CHAPTER_FIELDS)})",
        )
        env.course_chapters.pop(docname, None)
        return
    front, problems = check_chapter(document)
    if front is not None:
        problems += unknown_sources(document, front, _bib_entries(env))
    for problem in problems:
        _warn(app, docname, problem.line, problem.message)
    title = next(iter(doctree.findall(nodes.title)), None)
    if front is None or title is None:
        env.course_chapters.pop(docname, None)
        return
    known_keys = _bib_entries(env)
    known_sources = tuple(key for key in front.sources if key in known_keys)
    top = next(iter(doctree.findall(nodes.section)), None)
    env.course_chapters[docname] = ChapterInfo(
        docname,
        front.module,
        title.astext(),
        front.teaching_minutes,
        known_sources,
        chapter_outline(top) if top is not None else (),
    )
    _insert_based_on(app, doctree, list(known_sources))


def chapter_number(module: int) -> str:
    """What goes before a chapter's title: "3. " (``numbered_title``)."""
    return numbered_title(module, "")


def _prefix(node: nodes.Element | None, number: str) -> None:
    if node is not None and not node.astext().startswith(number):
        node.insert(0, nodes.Text(number))


def _numbered(where: Any) -> bool:
    """Chapter titles carry the module number ("1. What tears are for") for
    readers, on a screen and on paper (the PDF's contents, openers, running
    headers and bookmarks), so they agree with "Chapter 1" and "Exercise 1.2".
    Decks and handouts title their own parts (``numbered_title``)."""
    return audience(where) is Audience.READER


def number_chapters(app: Sphinx, builder: Any) -> None:
    """Put each chapter's module number before its title, wherever it is listed.

    At the start of writing, after the environment was saved: the titles Sphinx
    collected (page titles, prev/next) and the pages' contents (sidebar, contents
    lists, the EPUB's navigation) are numbered for this builder only, so outputs
    that share a saved environment (and the PDF) keep their own titles.
    """
    if not _numbered(builder):
        return
    env = builder.env
    for info in env.course_chapters.values():
        number = chapter_number(info.module)
        _prefix(env.titles.get(info.docname), number)
        _prefix(env.longtitles.get(info.docname), number)
        toc = env.tocs.get(info.docname)
        if toc is not None:
            _prefix(next(iter(toc.findall(nodes.reference)), None), number)


def number_heading(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The chapter page's own heading, numbered like its entry in the contents;
    in a single-page build (the PDF) every chapter joined into the page."""
    if not _numbered(app):
        return
    chapters = app.env.course_chapters
    parts = [(docname, doctree)] + [
        (start["docname"], start) for start in doctree.findall(addnodes.start_of_file)
    ]
    for part_docname, part in parts:
        info = chapters.get(part_docname)
        section = next(iter(part.findall(nodes.section)), None)
        title = section[0] if section is not None and section.children else None
        if info is not None and isinstance(title, nodes.title):
            _prefix(title, chapter_number(info.module))


def _bib_entries(env: BuildEnvironment) -> dict[str, Any]:
    return env.get_domain("cite").bibdata.data.entries  # type: ignore[attr-defined]


def _plain(text: str) -> str:
    """A BibTeX field as readers see it: no braces, no escapes (``\\%`` is %)."""
    return Text.from_latex(text).render_as("text")


def describe_source(entry: Any, full: bool = True) -> nodes.Node:
    """A plain description of a source.

    In full (the sources page): *Title* (Author, where, year). Short (a chapter's
    "Based on" line): *Title*, a Reddit comment by Author (year), saying what the
    source is from its bib entry's ``type`` field, so a reader meeting an
    unfamiliar name knows what kind of text it is. Without ``type``: *Title*
    (Author, year).
    """
    fields = entry.fields
    authors = " and ".join(
        _plain(" ".join(p.first_names + p.middle_names + p.last_names))
        for p in entry.persons.get("author", [])
    )
    year = fields.get("year", "")
    result = nodes.inline()
    result += nodes.emphasis(text=_plain(fields.get("title", "")))
    kind = _plain(fields.get("type", ""))
    if not full and kind:
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        text = f", {article} {kind}" + (f" by {authors}" if authors else "")
        result += nodes.Text(text + (f" ({year})" if year else ""))
        return result
    where = (
        _plain(fields.get("howpublished", "") or fields.get("publisher", ""))
        if full
        else ""
    )
    details = ", ".join(part for part in (authors, where, year) if part)
    if details:
        result += nodes.Text(f" ({details})")
    return result


def _insert_based_on(app: Sphinx, doctree: nodes.document, keys: list[str]) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if not keys or section is None:
        return
    entries = _bib_entries(app.env)
    para = nodes.paragraph(classes=["based-on", NO_SEARCH])
    para += nodes.Text("Based on ")
    # A description with commas in it ("X, a Reddit comment by Y") needs
    # semicolons between sources, or the next title reads as part of it.
    described = any(entries[key].fields.get("type") for key in keys)
    comma, last = ("; ", "; and ") if described else (", ", " and ")
    for index, key in enumerate(keys):
        if index:
            para += nodes.Text(last if index == len(keys) - 1 else comma)
        para += describe_source(entries[key], full=False)
    sources_page = app.config.course_sources_page
    if sources_page in app.env.found_docs:
        para += nodes.Text(". See ")
        ref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="doc",
            reftarget="/" + sources_page,
            refexplicit=True,
            refwarn=True,
            refdoc=app.env.docname,
        )
        ref += nodes.inline(text="how this course uses its sources")
        para += ref
    para += nodes.Text(".")
    section.insert(section.first_child_not_matching_class(nodes.title) or 1, para)


def check_modules(app: Sphinx, env: BuildEnvironment) -> None:
    """Two chapters cannot be the same workshop module."""
    seen: dict[int, str] = {}
    for info in sorted(env.course_chapters.values(), key=lambda c: c.docname):
        if info.module in seen:
            _warn(
                app,
                info.docname,
                1,
                f"module {info.module} is also {seen[info.module]!r}: "
                "give each chapter its own number",
            )
        seen.setdefault(info.module, info.docname)


def setup_chapters(app: Sphinx) -> None:
    add_doc_store(app, "course_chapters")
    # After MyST's front matter has reached env.metadata (the default priority).
    app.connect("doctree-read", read_chapter, priority=550)
    app.connect("env-check-consistency", check_modules)
    app.connect("write-started", number_chapters)
    app.connect("doctree-resolved", number_heading)
