"""``[[wiki links]]``: a glossary reference where the book defines the term."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError
from .model import (
    Block,
    CodeBlock,
    Emph,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Strong,
    Term,
    Text,
)

# [[Target]], [[Target|Label]], [[Target#Section]]: characters that would break
# a role's content are left out, so such a link stays plain text.
_WIKI = re.compile(
    r"\[\[(?P<target>[^\[\]\n|#`<>{}\\]+)(?:#[^\[\]\n|`<>{}\\]*)?"
    r"(?:\|(?P<label>[^\[\]\n`<>{}\\]+))?\]\]"
)
_FENCE = re.compile(r"^(?P<fence>:{3,}|`{3,})\s*\{glossary\}\s*$")
_SAFE_TERM = re.compile(r"^[^`<>\\{}\[\]\n]+$")


def load_glossary(path: Path) -> dict[str, str] | None:
    """Lower-cased term -> the term as the glossary writes it; None if no file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{path}: cannot read the glossary: {err}") from None
    terms: dict[str, str] = {}
    fence: str | None = None
    for line in text.splitlines():
        if fence is None:
            match = _FENCE.match(line.strip())
            fence = match.group("fence") if match else None
            continue
        stripped = line.strip()
        if stripped.startswith(fence[0] * 3) and set(stripped) == {fence[0]}:
            fence = None
        elif (
            stripped and not line[0].isspace() and not re.match(r"^:[\w-]+:", stripped)
        ):
            term = stripped.split(" : ")[0].strip()  # drop a classifier
            terms.setdefault(term.lower(), term)
    return terms


def resolve_wikilinks(
    blocks: list[Block], glossary: dict[str, str] | None
) -> tuple[list[Block], list[Note]]:
    """Replace wiki links in place; every one is reported."""
    notes: list[Note] = []
    for block in blocks:
        _in_block(block, glossary or {}, notes)
    return blocks, notes


def _in_block(block: Block, glossary: dict[str, str], notes: list[Note]) -> None:
    if isinstance(block, Heading | Paragraph):
        block.inlines = _in_inlines(block.inlines, glossary, notes, block.line)
    elif isinstance(block, Quote):
        for child in block.blocks:
            _in_block(child, glossary, notes)
    elif isinstance(block, ListBlock):
        for item in block.items:
            for child in item.blocks:
                _in_block(child, glossary, notes)
    elif isinstance(block, CodeBlock):
        pass  # code is shown as written


def _in_inlines(
    inlines: list[Inline], glossary: dict[str, str], notes: list[Note], line: int
) -> list[Inline]:
    result: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            result.extend(_split(node.text, glossary, notes, line))
        elif isinstance(node, Emph | Strong):
            node.children = _in_inlines(node.children, glossary, notes, line)
            result.append(node)
        elif isinstance(node, Link):
            node.children = [
                Text(_WIKI.sub(lambda m: _label(m), c.text))
                if isinstance(c, Text)
                else c
                for c in node.children
            ]  # no reference inside a link: keep the words
            result.append(node)
        else:
            result.append(node)
    return result


def _label(match: re.Match[str]) -> str:
    return " ".join((match.group("label") or match.group("target")).split())


def _split(
    text: str, glossary: dict[str, str], notes: list[Note], line: int
) -> list[Inline]:
    parts: list[Inline] = []
    position = 0
    for match in _WIKI.finditer(text):
        label = _label(match)
        if not label:
            continue
        if match.start() > position:
            parts.append(Text(text[position : match.start()]))
        target = " ".join(match.group("target").split()).lower()
        term = glossary.get(target)
        if term is not None and _SAFE_TERM.match(term):
            parts.append(Term(label, term))
            notes.append(
                Note(
                    line,
                    "wikilink",
                    f"[[{match.group('target')}]] -> glossary term {term!r}",
                )
            )
        else:
            parts.append(Text(label))
            notes.append(
                Note(
                    line,
                    "wikilink",
                    f"[[{match.group('target')}]] -> plain text (not in the glossary)",
                )
            )
        position = match.end()
    if position < len(text):
        parts.append(Text(text[position:]))
    return parts
