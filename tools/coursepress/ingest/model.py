"""The neutral document model every reader produces and the renderer consumes.

Readers never emit MyST text: they build these nodes, and only the renderer
turns them into markup, escaping every character of source text on the way. That
one choke point is what keeps raw HTML, roles and directives from going live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Inline nodes -----------------------------------------------------------------


@dataclass
class Text:
    text: str


@dataclass
class Code:
    text: str


@dataclass
class Emph:
    children: list[Inline]


@dataclass
class Strong:
    children: list[Inline]


@dataclass
class Link:
    url: str
    children: list[Inline]


@dataclass
class Term:
    """A glossary reference: ``label`` shown, ``term`` as written in the glossary."""

    label: str
    term: str


@dataclass
class Break:
    """A line break inside a paragraph; ``hard`` keeps it in the output."""

    hard: bool = False


Inline = Text | Code | Emph | Strong | Link | Term | Break

# Block nodes ------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    inlines: list[Inline]
    line: int
    synthetic: bool = False  # added by ingest, not in the source


@dataclass
class Paragraph:
    inlines: list[Inline]
    line: int
    gap_before: int = 1  # blank lines before it in a plain-text source


@dataclass
class ListItem:
    blocks: list[Block]
    line: int


@dataclass
class ListBlock:
    ordered: bool
    items: list[ListItem]
    line: int
    start: int = 1


@dataclass
class Quote:
    blocks: list[Block]
    line: int


@dataclass
class CodeBlock:
    text: str
    line: int


Block = Heading | Paragraph | ListBlock | Quote | CodeBlock

# Results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One thing ingest changed or removed, so nothing vanishes silently."""

    line: int | None
    kind: str  # chrome, html, wikilink, structure, metadata, text
    message: str
    #: Article text may be lost: the report shows errors first, and the run fails.
    error: bool = False


@dataclass
class Meta:
    """What is known about the source, from front matter, header lines or HTML."""

    title: str | None = None
    author: str | None = None  # a person's name, or a handle
    author_is_handle: bool = False
    author_role: str | None = None  # "psychologist", from a removed bio
    honorific: str | None = None  # "Dr.", from a removed bio
    site: str | None = None
    episode: str | None = None
    date: dt.date | None = None
    url: str | None = None
    platform: str | None = None  # "Reddit", for a "Comment by URL" attribution
    podcast: bool = False


@dataclass
class Parsed:
    """A reader's result: the body blocks plus what it learnt about the source."""

    blocks: list[Block]
    meta: Meta = field(default_factory=Meta)
    notes: list[Note] = field(default_factory=list)


def plain_text(inlines: list[Inline]) -> str:
    """The visible text of inline nodes, breaks as spaces."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, Emph | Strong | Link):
            parts.append(plain_text(node.children))
        elif isinstance(node, Term):
            parts.append(node.label)
        else:
            parts.append(" ")
    return "".join(parts)


def block_text(block: Block) -> str:
    """The visible text of a block, for rules that look at whole blocks."""
    if isinstance(block, Heading | Paragraph):
        return plain_text(block.inlines)
    if isinstance(block, CodeBlock):
        return block.text
    if isinstance(block, Quote):
        return "\n".join(block_text(b) for b in block.blocks)
    return "\n".join(block_text(b) for item in block.items for b in item.blocks)
