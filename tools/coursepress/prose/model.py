"""Course text read into plain structures: sections, directives, text blocks, roles.

The checks of ``coursepress prose`` never look at Markdown themselves: this module
parses each MyST file once (markdown-it with MyST's block syntax, like the build)
and keeps, for every piece of text, the file line it came from. Directive bodies are
parsed recursively with their line offset, so a slide bullet or a glossary term is
reported on its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from ..course.bibliography import bib_keys
from ..course.errors import CourseFileError
from ..course.frontmatter import FrontMatterError, parse_document
from ..course.layout import Layout

#: Roles whose text a reader sees (``{term}`text <target>``` shows "text").
_SHOWN_ROLES = {"term", "ref", "doc", "numref", "abbr"}
_DIRECTIVE_INFO = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
_OPTION_LINE = re.compile(r"^:[\w-]+:")
_EXPLICIT_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """Something to fix (or, with ``warning``, to weigh), at a file and line."""

    path: Path
    line: int
    message: str
    warning: bool = False


@dataclass(frozen=True)
class Role:
    """A MyST role such as ``{term}`attunement``` or ``{cite:p}`bylsma2008```."""

    name: str
    content: str
    line: int

    @property
    def target(self) -> str:
        """What the role points at: ``x`` in ``{term}`shown <x>``` or plain ``x``."""
        match = _EXPLICIT_TARGET.match(self.content)
        return (match.group(2) if match else self.content).strip()

    @property
    def shown(self) -> str:
        match = _EXPLICIT_TARGET.match(self.content)
        return (match.group(1) if match else self.content).strip()


@dataclass
class TextBlock:
    """One unit of running text: a heading, a paragraph or a list item.

    ``lines`` holds the block's plain text (markup stripped, citations dropped)
    line by line, so a finding inside it can name its own source line.
    """

    kind: str  # "title", "heading", "paragraph", "item", "term"
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    depth: int = 0  # nesting of a list item (0: top level)
    quoted: bool = False  # inside a block quote
    directive: str | None = None  # the innermost directive holding it
    section: int = -1  # index of its ``##`` section; -1 before the first

    @property
    def text(self) -> str:
        return " ".join(part for _, part in self.lines if part).strip()


@dataclass
class Directive:
    """A ``:::{name} argument`` block (or a ``{name}`` code fence)."""

    name: str
    argument: str
    line: int
    section: int
    parent: str | None = None
    blocks: list[TextBlock] = field(default_factory=list)  # directly inside

    @property
    def items(self) -> list[TextBlock]:
        return [block for block in self.blocks if block.kind == "item"]

    @property
    def paragraphs(self) -> list[TextBlock]:
        return [block for block in self.blocks if block.kind == "paragraph"]


@dataclass(frozen=True)
class Section:
    title: str
    line: int


@dataclass
class Page:
    """One MyST file of the course, read."""

    path: Path
    fields: dict[str, Any] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    title: TextBlock | None = None
    sections: list[Section] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem

    def directives_named(self, name: str) -> list[Directive]:
        return [d for d in self.directives if d.name == name]

    @property
    def prose(self) -> list[TextBlock]:
        """Running text a reader sees outside every directive (no headings)."""
        return [
            block
            for block in self.blocks
            if block.directive is None and block.kind in ("paragraph", "item")
        ]


@cache
def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .use(colon_fence_plugin)
        .use(myst_role_plugin)
        .use(myst_block_plugin)
        .use(deflist_plugin)
        .enable("table")
    )


def _blank_options(content: str) -> str:
    """Directive options (``:sorted:`` lines, a ``---`` block) as blank lines.

    Blank, not removed, so the body keeps its line numbers.
    """
    lines = content.split("\n")
    index = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            for i in range(end + 1):
                lines[i] = ""
            index = end + 1
    while index < len(lines) and _OPTION_LINE.match(lines[index]):
        lines[index] = ""
        index += 1
    return "\n".join(lines)


class _Reader:
    """Walks markdown-it tokens and fills a Page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.section = -1

    def read(
        self, text: str, first_line: int, directive: Directive | None = None
    ) -> None:
        """Read MyST ``text`` whose first line is line ``first_line`` of the file."""
        tokens = _parser().parse(text)
        items: list[TextBlock] = []  # open list items, innermost last
        heading: int | None = None
        quote_depth = 0
        list_depth = 0
        for token in tokens:
            line = first_line + token.map[0] if token.map else first_line
            kind = token.type
            if kind == "heading_open":
                heading = int(token.tag[1])
            elif kind == "heading_close":
                heading = None
            elif kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind == "list_item_open":
                block = self._block("item", line, directive, quote_depth)
                block.depth = list_depth - 1
                items.append(block)
            elif kind == "list_item_close":
                items.pop()
            elif kind == "inline":
                if heading is not None:
                    self._heading(heading, token, line, directive, quote_depth)
                elif items:
                    self._inline(token, line, items[-1])
                else:
                    block = self._block("paragraph", line, directive, quote_depth)
                    self._inline(token, line, block)
            elif kind in ("fence", "colon_fence"):
                self._fence(token, line, directive)

    def _block(
        self, kind: str, line: int, directive: Directive | None, quote_depth: int
    ) -> TextBlock:
        block = TextBlock(
            kind,
            line,
            quoted=quote_depth > 0,
            directive=directive.name if directive else None,
            section=self.section,
        )
        self.page.blocks.append(block)
        if directive is not None:
            directive.blocks.append(block)
        return block

    def _heading(
        self,
        level: int,
        token: Token,
        line: int,
        directive: Directive | None,
        quote_depth: int,
    ) -> None:
        if directive is None and level == 2:
            self.section += 1
            self.page.sections.append(Section(token.content.strip(), line))
        kind = "title" if level == 1 and directive is None else "heading"
        block = self._block(kind, line, directive, quote_depth)
        self._inline(token, line, block)
        if kind == "title" and self.page.title is None:
            self.page.title = block

    def _inline(self, token: Token, line: int, block: TextBlock) -> None:
        """Plain text of an inline token into ``block``, line by line; roles."""
        parts: list[str] = []
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                block.lines.append((line, "".join(parts)))
                parts, line = [], line + 1
            elif child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type == "myst_role":
                role = Role(child.meta.get("name", ""), child.content, line)
                self.page.roles.append(role)
                # A term reads as its text; other roles only with an explicit title.
                if role.name == "term" or (
                    role.name in _SHOWN_ROLES and role.shown != role.target
                ):
                    parts.append(role.shown)
                elif role.name == "chapter":
                    # Reads as the build writes it ("Chapter 3"); any digit
                    # weighs the same in the reading grade.
                    parts.append("Chapter 1")
        block.lines.append((line, "".join(parts)))

    def _fence(self, token: Token, line: int, parent: Directive | None) -> None:
        match = _DIRECTIVE_INFO.match(token.info.strip())
        if not match:
            return  # a code block: not prose
        directive = Directive(
            match.group(1),
            match.group(2).strip(),
            line,
            self.section,
            parent.name if parent else None,
        )
        self.page.directives.append(directive)
        body = _blank_options(token.content)
        if directive.name == "glossary":
            self._glossary(body, line + 1, directive)
        else:
            self.read(body, line + 1, directive)

    def _glossary(self, body: str, first_line: int, directive: Directive) -> None:
        """Glossary entries: unindented term lines, then an indented definition."""
        lines = body.split("\n")
        index = 0
        while index < len(lines):
            raw = lines[index]
            if raw.strip() and not raw[0].isspace():
                term = self._block("term", first_line + index, directive, 0)
                term.lines.append((first_line + index, raw.strip()))
                index += 1
                continue
            if raw.strip():  # a definition: read it as MyST, dedented
                start = index
                while index < len(lines) and (
                    not lines[index].strip() or lines[index][0].isspace()
                ):
                    index += 1
                text = "\n".join(part.strip() for part in lines[start:index])
                self.read(text, first_line + start, directive)
                continue
            index += 1


def read_page(path: Path, front_matter: bool = True) -> Page:
    """Read one MyST file; front matter problems land in ``page.problems``.

    With ``front_matter`` False, front matter is read only where there is some.
    """
    page = Page(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        page.problems.append(
            Problem(path, 1, f"not UTF-8 (byte {err.start}): save the file as UTF-8")
        )
        return page
    body, body_line = text, 1
    try:
        document = parse_document(text, path, required=front_matter)
    except FrontMatterError as err:
        page.problems.append(Problem(path, err.line, err.message))
    else:
        page.fields, page.field_lines = document.fields, document.field_lines
        body, body_line = document.body, document.body_line
    _Reader(page).read(body, body_line)
    return page


@dataclass
class Course:
    """Every text file of the course, read."""

    root: Path
    chapters: list[Page]
    exercises: dict[str, Page]  # by file stem, as ``{exercise} NAME`` names them
    pages: list[Page]  # the book's other pages (glossary, index, references...)
    bib_keys: set[str]
    problems: list[Problem] = field(default_factory=list)  # the course's, no page's

    @property
    def glossary(self) -> Page | None:
        return next((page for page in self.pages if page.name == "glossary"), None)

    @property
    def all_pages(self) -> list[Page]:
        return [*self.chapters, *self.exercises.values(), *self.pages]

    def exercises_of(self, chapter: Page) -> list[Page]:
        """The exercise files a chapter includes, in order (missing ones left out)."""
        names = [d.argument for d in chapter.directives_named("exercise")]
        return [self.exercises[name] for name in names if name in self.exercises]


def read_course(root: Path) -> Course:
    """Read ``book/chapters``, ``exercises`` and the book's other pages."""
    layout = Layout(root)
    chapters_dir = layout.chapters
    chapters = [read_page(path) for path in sorted(chapters_dir.glob("*.md"))]
    exercises = {
        path.stem: read_page(path) for path in sorted(layout.exercises.glob("*.md"))
    }
    pages = [
        read_page(path, front_matter=False)
        for path in sorted(layout.book.rglob("*.md"))
        if chapters_dir not in path.parents and path.name != "README.md"
    ]
    problems = []
    try:
        keys = bib_keys(layout.bib_files())
    except CourseFileError as err:
        keys = set()
        problems.append(Problem(err.path, err.line, err.message))
    return Course(root, chapters, exercises, pages, keys, problems)
