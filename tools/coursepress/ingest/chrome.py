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

# "](url)" before "]"; "_" only at a word's edge ("_text_", not "quiet_reader").
_DECORATION = re.compile(r"\]\([^)]*\)|[*#>`~\[\]]|(?<!\w)_+|_+(?!\w)")
_SENTENCE_WORDS = 5
_SENTENCE_ENDS = (".", "!", "?", "…")
_REPEAT_WORDS = 8  # shorter paragraphs ("Thank you.") may well repeat


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


def reads_as_sentence(text: str) -> bool:
    """Article prose rather than a label: several words ending like a sentence."""
    text = " ".join(text.split()).rstrip("\"\u201d\u2019')")
    return len(text.split()) >= _SENTENCE_WORDS and text.endswith(_SENTENCE_ENDS)


def _prose_follows(blocks: list[Block], rules: Rules) -> bool:
    """Whether a paragraph of the article (not a bio or a tagline) comes later.

    A share bar or a "Scroll to top" line under the byline does not end the page:
    the page ends after its last paragraph of prose.
    """
    return any(_is_prose(block, rules) for block in blocks)


def _is_prose(block: Block, rules: Rules) -> bool:
    if not isinstance(block, Paragraph):
        return False
    text = " ".join(_plain(block.inlines).split())
    return (
        len(text.split()) > rules.tagline_max_words
        and reads_as_sentence(text)
        and not rules.bio.match(text)
    )


def strip_chrome(
    blocks: list[Block], rules: Rules, meta: Meta
) -> tuple[list[Block], list[Note]]:
    """Blocks without chrome lines, and without bios and taglines at the page's end."""
    notes: list[Note] = []
    kept: list[Block] = []
    in_tail = False
    count = len(blocks)
    seen: dict[str, int] = {}  # a paragraph's words -> the line it was first at
    prose_before = False
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
                # A sentence between paragraphs of the article is its text.
                lost = (
                    prose_before
                    and reads_as_sentence(text)
                    and _prose_follows(blocks[index + 1 :], rules)
                )
                notes.append(
                    Note(
                        block.line + offset,
                        "chrome",
                        f"removed {shorten(text)!r} ({rule.name})"
                        + (
                            ": it reads like the article's text; if it is, put it "
                            f"back, or turn the rule off (--rules with name = "
                            f"{rule.name!r} and disabled = true)"
                            if lost
                            else ""
                        ),
                        error=lost,
                    )
                )
                if rule.tail and not in_tail:
                    if _prose_follows(blocks[index + 1 :], rules):
                        notes.append(
                            Note(
                                block.line + offset,
                                "chrome",
                                f"the article goes on after {shorten(text)!r}: "
                                "not taken as the page's end",
                            )
                        )
                    else:
                        in_tail = True
                meta.podcast = meta.podcast or rule.hint == "podcast"
            if not any(_plain(line).strip() for line in lines):
                continue
            block.inlines = join_lines(lines)
            block.line += first_kept or 0  # later notes point at what is left
            if in_tail and _is_tail_chrome(block, rules, meta, notes):
                continue
            if isinstance(block, Paragraph) and _is_repeat(block, seen, notes):
                continue
            prose_before = prose_before or _is_prose(block, rules)
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


def _is_repeat(block: Paragraph, seen: dict[str, int], notes: list[Note]) -> bool:
    """A paragraph the page shows twice (a description above and below a player)."""
    words = " ".join(_plain(block.inlines).split()).casefold()
    if len(words.split()) < _REPEAT_WORDS:
        return False
    if words not in seen:
        seen[words] = block.line
        return False
    notes.append(
        Note(
            block.line,
            "chrome",
            f"removed a repeat of the paragraph at line {seen[words]}: "
            f"{shorten(words)!r}",
        )
    )
    return True


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
