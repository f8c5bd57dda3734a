"""Blocks -> MyST Markdown, escaping every character that could become markup.

Source text only ever reaches the output through ``escape``: whatever a source
holds (HTML, roles, directives, fences, targets), it reads as the same words.
"""

from __future__ import annotations

import re
from urllib.parse import quote

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
    Paragraph,
    Quote,
    Strong,
    Term,
    Text,
)

# Inline syntax of CommonMark and of the MyST extensions a book may enable
# (roles, substitutions, dollar math, strikethrough, attributes, HTML).
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]<>{}$~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
# Block syntax that only counts at the start of a line.
_LINE_START = re.compile(r"^(?:[#>+=\-:%(|]|\d{1,9}(?=[.)]))")
_SCHEMES = ("http://", "https://", "mailto:")


def escape(text: str) -> str:
    """Source text as literal MyST text (for use inside a line)."""
    return _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def escape_line_start(line: str) -> str:
    """Stop a rendered line from opening a heading, list, quote, fence or target."""
    match = _LINE_START.match(line)
    if not match:
        return line
    if match.group(0)[0].isdigit():
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def safe_url(url: str) -> str | None:
    """An absolute web or mail URL written so Markdown cannot misread it."""
    url = url.strip()
    if not url.lower().startswith(_SCHEMES) or len(url) < 10:
        return None
    return quote(url, safe="/:?#@!$&'*+,;=%-._~")


def render_inlines(inlines: list[Inline]) -> str:
    """One paragraph's inline nodes as a single line (hard breaks kept)."""
    segments: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, Break) and node.hard:
            segments.append([])
        elif isinstance(node, Break):
            segments[-1].append(Text(" "))
        else:
            segments[-1].append(node)
    lines = [" ".join(_render(seg).split()) for seg in segments]
    lines = [line for line in lines if line]
    return "\\\n".join(escape_line_start(line) for line in lines)


def _render(inlines: list[Inline]) -> str:
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(escape(node.text))
        elif isinstance(node, Code):
            parts.append(_code(node.text))
        elif isinstance(node, Emph | Strong):
            raw = _render(node.children)
            inner = " ".join(raw.split())
            mark = "*" if isinstance(node, Emph) else "**"
            # Spaces stay outside the marks, or they would not count as emphasis.
            before = " " if raw[:1].isspace() else ""
            after = " " if raw[-1:].isspace() else ""
            parts.append(f"{before}{mark}{inner}{mark}{after}" if inner else raw)
        elif isinstance(node, Link):
            parts.append(_link(node))
        elif isinstance(node, Term):
            parts.append(f"{{term}}`{node.label} <{node.term}>`")
        else:
            parts.append(" ")
    return "".join(parts)


def _code(text: str) -> str:
    text = " ".join(text.split("\n"))
    if not text.strip():
        return escape(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if (
        text.startswith("`")
        or text.endswith("`")
        or (text[0] == " " and text[-1] == " ")
    ):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def _link(node: Link) -> str:
    label = " ".join(_render(node.children).split())
    url = safe_url(node.url)
    if url is None:
        return label
    return f"[{label or escape(node.url)}]({url})"


def render_blocks(blocks: list[Block]) -> list[str]:
    """Blocks as lines, each block followed by one blank line."""
    lines: list[str] = []
    for block in blocks:
        rendered = render_block(block)
        if rendered:
            lines.extend(rendered)
            lines.append("")
    return lines


def render_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        text = render_inlines(block.inlines).replace("\\\n", " ")
        # A trailing " ##" would read as the heading's closing sequence.
        text = re.sub(r"(?<=\s)(#+)$", r"\\\1", text)
        return [f"{'#' * block.level} {text}"] if text.strip() else []
    if isinstance(block, Paragraph):
        text = render_inlines(block.inlines)
        return text.split("\n") if text else []
    if isinstance(block, CodeBlock):
        return _code_block(block.text)
    if isinstance(block, Quote):
        inner = render_blocks(block.blocks)
        while inner and not inner[-1]:
            inner.pop()
        return [f"> {line}" if line else ">" for line in inner]
    return _list(block)


def _code_block(text: str) -> list[str]:
    body = text.rstrip("\n").split("\n")
    if not any(line.strip() for line in body):
        return []
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return [f"{fence}text", *body, fence]


def _list(block: ListBlock) -> list[str]:
    items = [render_blocks(item.blocks) for item in block.items]
    items = [lines[:-1] if lines and not lines[-1] else lines for lines in items]
    items = [lines for lines in items if lines]
    loose = any("" in lines for lines in items)
    result: list[str] = []
    for number, lines in enumerate(items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        indent = " " * len(marker)
        if loose and result:
            result.append("")
        result.append(marker + lines[0])
        result.extend(indent + line if line else "" for line in lines[1:])
    return result
