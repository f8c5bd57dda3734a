"""Remove site chrome from the body, by the rules, reporting every removal."""

from __future__ import annotations

import re

from .model import (
    Block,
    Break,
    Heading,
    Inline,
    ListBlock,
    Meta,
    Note,
    Paragraph,
    block_text,
)
from .model import plain_text as _plain
from .rules import Rules

_DECORATION = re.compile(r"[*_#>`~\[\]]|\]\([^)]*\)")


def clean_line(text: str) -> str:
    """A line as rules see it: Markdown decoration gone, spaces collapsed."""
    return " ".join(_DECORATION.sub("", text).split())


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_lines(inlines: list[Inline]) -> list[list[Inline]]:
    """A paragraph's inline nodes cut at its line breaks."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, Break):
            lines.append([])
        else:
            lines[-1].append(node)
    return lines


def join_lines(lines: list[list[Inline]]) -> list[Inline]:
    joined: list[Inline] = []
    for index, line in enumerate(lines):
        if index:
            joined.append(Break())
        joined.extend(line)
    return joined


def strip_chrome(
    blocks: list[Block], rules: Rules, meta: Meta
) -> tuple[list[Block], list[Note]]:
    """Blocks without chrome lines, and without bios and taglines at the page's end."""
    notes: list[Note] = []
    kept: list[Block] = []
    in_tail = False
    count = len(blocks)
    for index, block in enumerate(blocks):
        at_edge = index < rules.edge_lines or index >= count - rules.edge_lines
        if isinstance(block, Paragraph | Heading):
            lines = []
            first_kept: int | None = None
            for offset, line in enumerate(split_lines(block.inlines)):
                text = clean_line(_plain(line))
                rule = rules.match_line(text, at_edge) if text else None
                if rule is None:
                    lines.append(line)
                    first_kept = offset if first_kept is None else first_kept
                    continue
                notes.append(
                    Note(
                        block.line + offset,
                        "chrome",
                        f"removed {shorten(text)!r} ({rule.name})",
                    )
                )
                in_tail = in_tail or rule.tail
                meta.podcast = meta.podcast or rule.hint == "podcast"
            if not any(_plain(line).strip() for line in lines):
                continue
            block.inlines = join_lines(lines)
            block.line += first_kept or 0  # later notes point at what is left
            if in_tail and _is_tail_chrome(block, rules, meta, notes):
                continue
        elif in_tail and isinstance(block, ListBlock) and _is_menu(block, rules):
            notes.append(
                Note(
                    block.line,
                    "chrome",
                    "removed a list of short links at the page's end",
                )
            )
            continue
        elif in_tail:
            notes.append(
                Note(
                    block.line, "chrome", "kept a block after the page's end: check it"
                )
            )
        kept.append(block)
    return kept, notes


def _is_tail_chrome(
    block: Paragraph | Heading, rules: Rules, meta: Meta, notes: list[Note]
) -> bool:
    text = " ".join(_plain(block.inlines).split())
    bio = rules.bio.match(text)
    lowered = text.lower()
    role = min(
        (
            (lowered.find(r), r)
            for r in rules.bio_roles
            if re.search(rf"\b{re.escape(r)}\b", lowered)
        ),
        default=None,
    )
    if bio and (role or any(k in lowered for k in rules.bio_keywords)):
        notes.append(
            Note(block.line, "chrome", f"removed an author bio: {shorten(text)!r}")
        )
        if meta.author is None:
            meta.author = bio.group("name")
            meta.honorific = bio.groupdict().get("honorific")
            meta.author_role = role[1] if role else None
            notes.append(
                Note(block.line, "metadata", f"author {meta.author!r} (from the bio)")
            )
        return True
    if len(text.split()) <= rules.tagline_max_words and not text.endswith(
        (".", "!", "?")
    ):
        notes.append(Note(block.line, "chrome", f"removed a tagline: {text!r}"))
        return True
    notes.append(
        Note(block.line, "chrome", "kept a paragraph after the page's end: check it")
    )
    return False


def _is_menu(block: ListBlock, rules: Rules) -> bool:
    return all(
        len(block_text(b).split()) <= rules.tagline_max_words
        for item in block.items
        for b in item.blocks
    )
