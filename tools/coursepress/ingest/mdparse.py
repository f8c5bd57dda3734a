"""Markdown -> blocks with markdown-it: structure kept, raw HTML and MyST syntax not.

The source is parsed as plain CommonMark, so a MyST directive or role in it is
only text or a code block here, and reaches the draft escaped.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .chrome import shorten
from .errors import IngestError
from .model import (
    Block,
    Break,
    Code,
    CodeBlock,
    Emph,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Strong,
    Text,
)
from .render import safe_url

_DIRECTIVE = re.compile(r"^\{[\w-]+\}")
_MAX_NESTING = 100


def parse_markdown(text: str, first_line: int) -> tuple[list[Block], list[Note]]:
    """Blocks of a Markdown body whose first line is ``first_line`` of the file."""
    parser = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING})
    tokens = parser.parse(text)
    # Past its nesting limit markdown-it drops the rest of the text, silently.
    deepest = max(tokens, key=lambda t: t.level, default=None)
    if deepest is not None and deepest.level >= _MAX_NESTING - 1:
        line = first_line + (deepest.map[0] if deepest.map else 0)
        raise IngestError("quotes or lists are nested too deeply to read", line)
    converter = _Converter(tokens, first_line)
    blocks = converter.blocks(None)
    return blocks, converter.notes


class _Converter:
    def __init__(self, tokens: list[Token], first_line: int) -> None:
        self.tokens = tokens
        self.index = 0
        self.first_line = first_line
        self.notes: list[Note] = []

    def line(self, token: Token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def blocks(self, until: str | None) -> list[Block]:
        result: list[Block] = []
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if token.type == until:
                break
            block = self.block(token)
            if block is not None:
                result.append(block)
        return result

    def block(self, token: Token) -> Block | None:
        line = self.line(token)
        kind = token.type
        if kind in {"heading_open", "paragraph_open"}:
            inline = self.tokens[self.index]
            self.index += 2  # the inline token and the closing token
            inlines = self.inlines(inline.children or [], line)
            if kind == "heading_open":
                return Heading(int(token.tag[1:]), inlines, line)
            return Paragraph(inlines, line)
        if kind in {"bullet_list_open", "ordered_list_open"}:
            return self.list_block(token, line)
        if kind == "blockquote_open":
            return Quote(self.blocks("blockquote_close"), line)
        if kind in {"fence", "code_block"}:
            if _DIRECTIVE.match(token.info.strip()):
                self.notes.append(
                    Note(
                        line,
                        "html",
                        f"MyST directive {token.info.split()[0]} kept as code, not run",
                    )
                )
            return CodeBlock(token.content, line)
        if kind == "html_block":
            return self.html_block(token, line)
        if kind == "hr":
            self.notes.append(Note(line, "structure", "dropped a horizontal rule"))
        return None

    def list_block(self, token: Token, line: int) -> ListBlock:
        ordered = token.type == "ordered_list_open"
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        items: list[ListItem] = []
        numbers: list[str] = []
        while self.index < len(self.tokens):
            item = self.tokens[self.index]
            self.index += 1
            if item.type == closing:
                break
            if item.type == "list_item_open":
                numbers.append(item.info)
                items.append(ListItem(self.blocks("list_item_close"), self.line(item)))
        start = int(str(token.attrGet("start") or 1))
        if ordered and len(items) > 1 and len(set(numbers)) == 1:
            self.notes.append(
                Note(
                    line,
                    "structure",
                    f"numbered list: every item was '{numbers[0]}.', renumbered",
                )
            )
        return ListBlock(ordered, items, line, start)

    def html_block(self, token: Token, line: int) -> Block | None:
        text = BeautifulSoup(token.content, "html.parser").get_text("\n")
        lines = [" ".join(part.split()) for part in text.split("\n")]
        lines = [part for part in lines if part]
        what = shorten(token.content.strip(), 40)
        if not lines:
            self.notes.append(Note(line, "html", f"dropped raw HTML {what!r}"))
            return None
        self.notes.append(
            Note(line, "html", f"raw HTML {what!r} kept as its text only")
        )
        inlines: list[Inline] = []
        for part in lines:
            if inlines:
                inlines.append(Break())
            inlines.append(Text(part))
        return Paragraph(inlines, line)

    def inlines(self, children: list[Token], line: int) -> list[Inline]:
        stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
        for child in children:
            current = stack[-1][1]
            kind = child.type
            if kind == "text":
                current.append(Text(child.content))
            elif kind in {"softbreak", "hardbreak"}:
                current.append(Break(hard=kind == "hardbreak"))
            elif kind == "code_inline":
                current.append(Code(child.content))
            elif kind in {"em_open", "strong_open", "link_open"}:
                stack.append((kind, [], str(child.attrGet("href") or "")))
            elif kind in {"em_close", "strong_close", "link_close"} and len(stack) > 1:
                opened, nodes, href = stack.pop()
                stack[-1][1].extend(self.wrap(opened, nodes, href, line))
            elif kind == "image":
                current.append(Text(child.content))
                self.notes.append(
                    Note(line, "html", "image dropped (its description kept)")
                )
            elif kind == "html_inline":
                self.notes.append(
                    Note(
                        line,
                        "html",
                        f"dropped the HTML tag {shorten(child.content, 40)!r}",
                    )
                )
        while len(stack) > 1:  # unclosed markup: keep its words
            _, nodes, _ = stack.pop()
            stack[-1][1].extend(nodes)
        return stack[0][1]

    def wrap(
        self, opened: str, nodes: list[Inline], href: str, line: int
    ) -> list[Inline]:
        if opened == "em_open":
            return [Emph(nodes)]
        if opened == "strong_open":
            return [Strong(nodes)]
        if safe_url(href) is None:
            self.notes.append(
                Note(
                    line,
                    "html",
                    f"link to {shorten(href, 40)!r} kept as plain text "
                    "(not a web address)",
                )
            )
            return nodes
        return [Link(href, nodes)]
