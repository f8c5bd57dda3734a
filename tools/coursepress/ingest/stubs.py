"""Exercise stubs: one per numbered list (steps) or list of questions found."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .model import Block, Heading, ListBlock, Paragraph, plain_text
from .model import block_text as _block_text
from .render import render_inlines


@dataclass(frozen=True)
class Stub:
    name: str
    block: ListBlock
    section: str  # the heading the list stands under, or the chapter title
    prompts: tuple[str, ...]  # rendered MyST, one line each


def _is_exercise_list(block: ListBlock) -> bool:
    texts = [_block_text(item.blocks[0]).strip() for item in block.items if item.blocks]
    if len(texts) < 2:
        return False
    return block.ordered or all(text.endswith("?") for text in texts)


def _prompt(block: ListBlock, index: int) -> str:
    first = block.items[index].blocks[0] if block.items[index].blocks else None
    if not isinstance(first, Paragraph | Heading):
        return ""
    line = render_inlines(first.inlines).replace("\\\n", " ")
    line = line[:-1].rstrip() if line.endswith(":") else line
    if line[1:3] == "--":
        # mdit-py-plugins 0.7 reads "- x--" opening a directive's content as
        # front matter (it checks the bullet, not the item): break the run.
        line = line[:2] + "\\" + line[2:]
    return line


def find_stubs(blocks: list[Block], title: str, slug: str) -> list[Stub]:
    stubs: list[Stub] = []
    section = title
    for block in blocks:
        if isinstance(block, Heading):
            section = " ".join(plain_text(block.inlines).split()) or section
        elif isinstance(block, ListBlock) and _is_exercise_list(block):
            prompts = tuple(
                p for i in range(len(block.items)) if (p := _prompt(block, i))
            )
            if len(prompts) >= 2:
                stubs.append(Stub(f"{slug}-{len(stubs) + 1}", block, section, prompts))
    return stubs


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_stub(stub: Stub, source_name: str) -> str:
    kind = "numbered list" if stub.block.ordered else "list of questions"
    title = json.dumps(stub.section, ensure_ascii=False)  # valid YAML, one line
    lines = [
        "---",
        f"title: {title}  # TODO: name the exercise",
        "duration: 10  # TODO: set the real duration",
        "debrief: 3  # TODO: minutes of the debrief afterwards (0 if none)",
        "format: solo  # TODO: choose solo, pairs, couples, small group or whole group",
        "materials: []  # TODO: list what participants need, if anything",
        "---",
        "",
        f"% Stub written by coursepress ingest from {_comment(source_name)}, line "
        f"{stub.block.line}:",
        f"% the {kind} under {_comment(stub.section)!r}.",
        "% Rewrite the prompts as questions in your own words (see AUTHORING.md).",
        "",
        "TODO: instructions for participants: what to do, with whom, for how long.",
        "Say that anyone may pass.",
        "",
        ":::{prompts}",
        *(f"- {prompt}" for prompt in stub.prompts),
        ":::",
        "",
        ":::{debrief}",
        "- TODO: a question the facilitator asks afterwards?",
        ":::",
    ]
    return "\n".join(lines) + "\n"
