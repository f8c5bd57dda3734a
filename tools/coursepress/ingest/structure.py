"""Structure shared by every format: heading levels and the closing summary."""

from __future__ import annotations

import re

from .model import Block, Heading, ListBlock, Note, Paragraph, Quote, Text
from .rules import Rules

_URL = re.compile(r"^\S+://\S+$")
#: Quotes and lists nested deeper than this are flattened (see limit_depth).
MAX_DEPTH = 4


def looks_like_heading(line: str, rules: Rules) -> bool:
    """A bare short line: few words, no full stop, starting with a capital."""
    text = " ".join(line.split())
    first_letter = next((c for c in text if c.isalpha()), "")
    return (
        0 < len(text.split()) <= rules.heading_max_words
        and len(text) <= rules.heading_max_chars
        and not text.endswith((".", ",", ";", ":", "!", "…"))
        and first_letter != ""
        and not first_letter.islower()
        and not _URL.match(text)
    )


def normalise_levels(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Map source heading levels to ``##`` and below, never skipping a level.

    The title is the only ``#``; MyST warns when a level is skipped.
    """
    levels = sorted({b.level for b in blocks if isinstance(b, Heading)})
    mapping = {level: min(2 + rank, 6) for rank, level in enumerate(levels)}
    previous = 1
    for block in blocks:
        if isinstance(block, Heading):
            wanted = mapping[block.level]
            block.level = min(wanted, previous + 1)
            previous = block.level
    if levels and levels[0] != 2:
        notes.append(Note(None, "structure", "headings moved to '##' and below"))
    return blocks


def limit_depth(blocks: list[Block], notes: list[Note], depth: int = 0) -> list[Block]:
    """Lift quotes and lists nested deeper than MAX_DEPTH up to that depth.

    MyST (markdown-it) stops reading a document past 20 levels of nesting and
    drops the rest without a warning, so the draft never goes near that.
    """
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Quote | ListBlock) and depth >= MAX_DEPTH:
            notes.append(Note(block.line, "structure", "flattened deeply nested text"))
            inner = (
                block.blocks
                if isinstance(block, Quote)
                else [b for item in block.items for b in item.blocks]
            )
            result.extend(limit_depth(inner, notes, depth))
        elif isinstance(block, Quote):
            block.blocks = limit_depth(block.blocks, notes, depth + 1)
            result.append(block)
        elif isinstance(block, ListBlock):
            for item in block.items:
                item.blocks = limit_depth(item.blocks, notes, depth + 1)
            result.append(block)
        else:
            result.append(block)
    return result


def add_closing_heading(
    blocks: list[Block], rules: Rules, notes: list[Note]
) -> list[Block]:
    """Give a heading to the unheaded summary after the last section.

    In scraped text the summary follows the last section after two blank lines;
    left there it would read as part of that section.
    """
    last_heading = max(
        (i for i, b in enumerate(blocks) if isinstance(b, Heading)), default=None
    )
    if last_heading is None:
        return blocks
    for index in range(last_heading + 2, len(blocks)):
        block = blocks[index]
        if isinstance(block, Paragraph) and block.gap_before >= 2:
            if not all(isinstance(b, Paragraph) for b in blocks[index:]):
                return blocks
            heading = Heading(
                2, [Text(rules.closing_heading)], block.line, synthetic=True
            )
            notes.append(
                Note(
                    block.line,
                    "structure",
                    f"added the heading {rules.closing_heading!r} over the unheaded "
                    "closing text: rename it if it fits better",
                )
            )
            return [*blocks[:index], heading, *blocks[index:]]
    return blocks
