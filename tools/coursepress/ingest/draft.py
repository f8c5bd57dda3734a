"""The chapter draft: front matter, label, title, sections and TODO markers.

It follows AUTHORING.md's chapter layout, except that TODOs stand where only
the author can write: objectives, slide bullets and facilitator notes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from .model import Block, Heading, Text, block_text
from .render import render_block
from .stubs import Stub

_NO_HEADING = "TODO: name this section"
#: Topics that call for a {content-note} (AUTHORING.md's list, and abuse).
SENSITIVE = re.compile(
    r"\b(suicid\w*|depress\w*|anxi(?:ety|eties|ous)|sham(?:e|ed|es|eful|ing)|"
    r"abus(?:e|ed|es|ive|ing)|self-harm\w*)\b",
    re.IGNORECASE,
)


def sensitive_topics(blocks: list[Block]) -> list[str]:
    """The topics a source mentions that a chapter must warn readers about."""
    found: dict[str, None] = {}
    for block in blocks:
        for match in SENSITIVE.finditer(block_text(block)):
            found.setdefault(match.group(0).lower(), None)
    return list(found)


def content_note(topics: list[str]) -> list[str]:
    if not topics:
        return []
    return [
        ":::{content-note}",
        f"TODO: say gently what this chapter touches on (the source mentions "
        f"{', '.join(topics)}).",
        ":::",
        "",
    ]


@dataclass(frozen=True)
class DraftInfo:
    title: str
    slug: str
    key: str
    attribution: str
    date: dt.date | None
    source_name: str


def front_matter(info: DraftInfo) -> list[str]:
    fields: dict[str, object] = {
        "title": info.title,
        "source_key": info.key,
        "attribution": info.attribution,
    }
    if info.date:
        fields["date"] = info.date
    fields["sources"] = [info.key]
    dumped = yaml.safe_dump(
        fields,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=1_000_000,
    )
    return ["---", *dumped.rstrip("\n").split("\n"), "---"]


def _todo_blocks() -> list[str]:
    return [
        ":::{slide}",
        "- TODO: slide bullets",
        ":::",
        "",
        ":::{facilitator}",
        "TODO: facilitator notes",
        ":::",
        "",
    ]


def _render_run(blocks: list[Block], stubs: dict[int, Stub]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        rendered = render_block(block)
        if rendered:
            lines.extend([*rendered, ""])
        stub = stubs.get(id(block))
        if stub is not None:
            lines.extend([f"% TODO: include exercise {stub.name}", ""])
    return lines


def _sections(blocks: list[Block]) -> tuple[list[Block], list[list[Block]]]:
    """Blocks before the first ``##`` heading, and each ``##`` section's blocks."""
    intro: list[Block] = []
    sections: list[list[Block]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            sections.append([block])
        elif sections:
            sections[-1].append(block)
        else:
            intro.append(block)
    if not sections:  # a source without headings: one section to name
        sections, intro = (
            [[Heading(2, [Text(_NO_HEADING)], 0, synthetic=True), *intro]],
            [],
        )
    return intro, sections


def render_draft(info: DraftInfo, blocks: list[Block], stubs: list[Stub]) -> str:
    by_block = {id(stub.block): stub for stub in stubs}
    blocks = [b for b in blocks if not (isinstance(b, Heading) and not render_block(b))]
    intro, sections = _sections(blocks)
    origin = " ".join(info.source_name.split())
    lines = [
        *front_matter(info),
        "",
        f"% Draft written by coursepress ingest from {origin}. Rewrite every sentence",
        "% in your own words (see AUTHORING.md), then write each part left to do.",
        "",
        f"(draft-{info.slug})=",
        *render_block(Heading(1, [Text(info.title)], 0)),
        "",
        *content_note(sensitive_topics(blocks)),
        *_render_run(intro, by_block),
        ":::{objectives}",
        "- TODO: write 3 to 5 learning objectives",
        ":::",
        "",
    ]
    for section in sections:
        heading, body = section[0], section[1:]
        first_sub = next(
            (i for i, b in enumerate(body) if isinstance(b, Heading)), len(body)
        )
        lines.extend(render_block(heading))
        lines.append("")
        lines.extend(_render_run(body[:first_sub], by_block))
        lines.extend(_todo_blocks())
        lines.extend(_render_run(body[first_sub:], by_block))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
