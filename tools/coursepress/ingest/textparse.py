"""Plain text scraped from a web page -> blocks, restoring its lost structure.

Short bare lines become headings, numbered and bulleted lines become lists (a
blank line between items does not split them), and a paragraph under a numbered
step that ends with a colon belongs to that step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .chrome import shorten
from .metadata import read_header
from .model import (
    Block,
    Break,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Meta,
    Note,
    Paragraph,
)
from .model import Text as TextNode
from .rules import Rules
from .structure import looks_like_heading

_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^\s*[-*•‣◦▪\u2013]\s+(\S.*)$")  # \u2013: en dash
# At most this many paragraphs under one step before the list is taken to end.
_MAX_STEP_BODY = 3
# A run of at least this many lines, each at most this many words, is a menu.
_MENU_LINES = 3
_MENU_WORDS = 4

Line = tuple[int, str]


@dataclass
class _Group:
    lines: list[Line]
    gap_before: int


@dataclass
class _Element:
    kind: str  # "para", "heading" or "item"
    lines: list[Line]
    gap_before: int
    ordered: bool = False
    number: int = 0
    body: list[_Element] = field(default_factory=list)


def parse_text(
    text: str, rules: Rules, meta: Meta, stem: str
) -> tuple[list[Block], list[Note]]:
    groups = _groups(text)
    # Header lines stand alone, except navigation left in a block of its own
    # and a site's menu copied as a run of short lines.
    leading: list[Line] = []
    ends: list[int] = []  # how many units the first n groups hold
    menu_notes: list[Note] = []
    for group in groups:
        alone = len(group.lines) == 1
        if not alone and _is_menu(group, rules):
            menu_notes.extend(_drop_menu(group, rules, meta))
            ends.append(len(leading))
            continue
        if not alone and not all(
            rules.match_line(" ".join(t.split())) for _, t in group.lines
        ):
            break
        leading.extend(group.lines)
        ends.append(len(leading))
    used, notes = read_header(leading, meta, rules, stem)
    consumed = sum(1 for end in ends if end <= used)
    elements = _elements(groups[consumed:], rules)
    heading_notes = _empty_headings(elements)
    blocks, list_notes = _assemble(elements)
    return blocks, menu_notes + notes + heading_notes + list_notes


def _is_menu(group: _Group, rules: Rules) -> bool:
    """A site's menu copied with the page: several short lines, none a sentence."""
    return len(group.lines) >= _MENU_LINES and all(
        len(text.split()) <= _MENU_WORDS
        and not text.rstrip().endswith((".", "!", "?", ":", ","))
        and not _NUMBERED.match(text)
        and not _BULLET.match(text)
        for _, text in group.lines
    )


def _drop_menu(group: _Group, rules: Rules, meta: Meta) -> list[Note]:
    texts = [" ".join(text.split()) for _, text in group.lines]
    line = group.lines[0][0]
    notes = [
        Note(
            line,
            "chrome",
            f"removed a site menu of {len(texts)} short lines: "
            f"{shorten(' / '.join(texts))!r}",
        )
    ]
    # The first line of a copied header is usually the site's name (its logo).
    if meta.site is None and not rules.match_line(texts[0]):
        meta.site = texts[0]
        notes.append(
            Note(line, "metadata", f"site name {texts[0]!r} (the menu's first line)")
        )
    return notes


def _empty_headings(elements: list[_Element]) -> list[Note]:
    """A short line straight above a heading heads nothing: it is not a section.

    Copied pages put badges, blog names and menus on lines of their own; as
    headings they would be empty sections, each with slide and note stubs.
    """
    notes: list[Note] = []
    for element, following in pairwise(elements):
        if element.kind == "heading" and following.kind == "heading":
            element.kind = "para"
            notes.append(
                Note(
                    element.lines[0][0],
                    "structure",
                    "a short line with no text under it: kept as a paragraph, "
                    "not a section (delete it if it is site chrome)",
                )
            )
    return notes


def _groups(text: str) -> list[_Group]:
    """Runs of non-blank lines, with the count of blank lines before each."""
    groups: list[_Group] = []
    current: list[Line] = []
    blank = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            if not current:
                groups.append(_Group(current, blank))
            current.append((number, raw))
            blank = 0
        else:
            if current:
                current = []
            blank += 1
    return groups


def _elements(groups: list[_Group], rules: Rules) -> list[_Element]:
    elements: list[_Element] = []
    for group in groups:
        gap = group.gap_before
        current: _Element | None = None
        for line in group.lines:
            numbered, bullet = _NUMBERED.match(line[1]), _BULLET.match(line[1])
            if numbered or bullet:
                match = numbered or bullet
                assert match is not None
                current = _Element(
                    "item",
                    [(line[0], match.groups()[-1])],
                    gap,
                    ordered=numbered is not None,
                    number=int(numbered.group(1)) if numbered else 0,
                )
                elements.append(current)
            elif current is None:
                current = _Element("para", [line], gap)
                elements.append(current)
            else:
                current.lines.append(line)
            gap = 0
        if (
            current is not None
            and current.kind == "para"
            and len(group.lines) == 1
            and looks_like_heading(group.lines[0][1], rules)
        ):
            current.kind = "heading"
    # A heading needs content after it; a short last line is just a line.
    for element in reversed(elements):
        if element.kind != "heading":
            break
        element.kind = "para"
    return elements


def _same_list(element: _Element, first: _Element) -> bool:
    return element.kind == "item" and element.ordered == first.ordered


def _assemble(elements: list[_Element]) -> tuple[list[Block], list[Note]]:
    blocks: list[Block] = []
    notes: list[Note] = []
    index = 0
    while index < len(elements):
        element = elements[index]
        if element.kind != "item":
            blocks.append(_block(element))
            index += 1
            continue
        items, index = _collect_items(elements, index)
        blocks.append(_list_block(items, notes))
    return blocks, notes


def _collect_items(elements: list[_Element], index: int) -> tuple[list[_Element], int]:
    """The items of the list starting at ``index``, each with its body paragraphs."""
    first = elements[index]
    items: list[_Element] = []
    while index < len(elements) and _same_list(elements[index], first):
        item = elements[index]
        items.append(item)
        following = index + 1
        while following < len(elements) and elements[following].kind == "para":
            following += 1
        body = elements[index + 1 : following]
        if following < len(elements) and _same_list(elements[following], first):
            if len(body) > _MAX_STEP_BODY:
                return items, index + 1
            item.body = body
            index = following
            continue
        # The last item: it takes as many paragraphs as the steps before it did.
        earlier = max((len(i.body) for i in items[:-1]), default=0)
        if not items[:-1]:
            earlier = 1 if item.lines[-1][1].rstrip().endswith(":") else 0
        item.body = body[:earlier]
        return items, index + 1 + len(item.body)
    return items, index


def _list_block(items: list[_Element], notes: list[Note]) -> ListBlock:
    first = items[0]
    numbers = [i.number for i in items]
    if first.ordered and len(items) > 1 and len(set(numbers)) == 1:
        notes.append(
            Note(
                first.lines[0][0],
                "structure",
                f"numbered list: every item was '{numbers[0]}.', now numbered "
                f"{numbers[0]} to {numbers[0] + len(items) - 1}",
            )
        )
    elif first.ordered and numbers != list(range(numbers[0], numbers[0] + len(items))):
        notes.append(
            Note(first.lines[0][0], "structure", "numbered list renumbered in order")
        )
    return ListBlock(
        ordered=first.ordered,
        items=[
            ListItem(
                [_block(_Element("para", i.lines, 0)), *(_block(b) for b in i.body)],
                i.lines[0][0],
            )
            for i in items
        ],
        line=first.lines[0][0],
        start=numbers[0] if first.ordered else 1,
    )


def _inlines(lines: list[Line]) -> list[Inline]:
    inlines: list[Inline] = []
    for index, (_, text) in enumerate(lines):
        if index:
            inlines.append(Break())
        inlines.append(TextNode(" ".join(text.split())))
    return inlines


def _block(element: _Element) -> Block:
    line = element.lines[0][0]
    if element.kind == "heading":
        return Heading(2, _inlines(element.lines), line)
    return Paragraph(_inlines(element.lines), line, element.gap_before)
