"""One source file through every stage, to the files a draft consists of."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from .bibrecord import make_record, render_bib, where_published
from .chrome import shorten, strip_chrome
from .draft import DraftInfo, render_draft, sensitive_topics
from .errors import IngestError
from .frontmatter import split_front_matter
from .htmlparse import parse_html
from .mdparse import parse_markdown
from .metadata import (
    apply_url,
    date_value,
    read_header,
    split_forum_title,
    title_from_stem,
)
from .model import Block, Heading, Meta, Note, Paragraph, block_text
from .reader import decode, detect_format
from .rules import Rules
from .sanitize import drop_script_elements, report_tags
from .slug import slugify
from .structure import add_closing_heading, limit_depth, normalise_levels
from .stubs import find_stubs, render_stub
from .textparse import parse_text
from .wikilinks import resolve_wikilinks

#: More stubs than this means the lists are not exercises (or the source is huge).
MAX_STUBS = 20


@dataclass(frozen=True)
class Options:
    rules: Rules
    glossary: dict[str, str] | None = None
    encoding: str | None = None


@dataclass
class Result:
    slug: str
    key: str
    meta: Meta
    files: dict[str, str]  # path relative to the output folder -> content
    notes: list[Note] = field(default_factory=list)


def ingest(data: bytes, source_name: str, options: Options) -> Result:
    """Turn a source's bytes into a draft, its exercise stubs and its record."""
    text, notes = decode(data, options.encoding)
    try:
        return _ingest_text(text, PurePath(source_name), options, notes)
    except RecursionError:
        raise IngestError("the source is nested too deeply to read") from None
    except IngestError as err:
        err.notes = notes  # so the report shows what led to the problem
        raise


def _ingest_text(
    text: str, path: PurePath, options: Options, notes: list[Note]
) -> Result:
    stem = path.stem
    meta = Meta()
    fmt = detect_format(text, path.suffix)
    blocks = _parse(text, fmt, stem, options.rules, meta, notes)
    notes.append(Note(None, "metadata", f"read as {fmt}"))
    _split_episode(meta, options.rules)
    blocks, found = strip_chrome(blocks, options.rules, meta)
    notes.extend(found)
    if not any(_has_words(b) for b in blocks):
        raise IngestError(
            "no text is left once the title, metadata and site chrome are taken "
            "out: check the source (the notes above list what was removed)"
        )
    blocks = limit_depth(normalise_levels(blocks, notes), notes)
    if fmt == "text":
        blocks = add_closing_heading(blocks, options.rules, notes)
    blocks, found = resolve_wikilinks(blocks, options.glossary)
    notes.extend(found)
    return _result(meta, blocks, stem, path.name, notes)


def _parse(
    text: str, fmt: str, stem: str, rules: Rules, meta: Meta, notes: list[Note]
) -> list[Block]:
    if fmt == "html":
        blocks, found = parse_html(text, rules, meta)
        notes.extend(found)
        return _html_header(blocks, rules, meta, stem, notes)
    fields, lines, first_line = (
        split_front_matter(text) if fmt == "markdown" else ({}, [], 1)
    )
    body = "\n".join(lines) if fmt == "markdown" else text
    _apply_front_matter(fields, meta, rules, notes)
    body, found = drop_script_elements(body, first_line)
    notes.extend(found)
    if fmt == "text":
        notes.extend(report_tags(body))
        blocks, found = parse_text(body, rules, meta, stem)
        notes.extend(found)
        return blocks
    body = _markdown_header(body, first_line, rules, meta, stem, notes)
    blocks, found = parse_markdown(body, first_line)
    notes.extend(found)
    return blocks


def _apply_front_matter(
    fields: dict[str, Any], meta: Meta, rules: Rules, notes: list[Note]
) -> None:
    def text(value: Any) -> str | None:
        if isinstance(value, list) and all(
            isinstance(v, str | int | float) for v in value
        ):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return " ".join(str(value).split()) or None
        return None

    meta.title = text(fields.get("title"))
    split_forum_title(meta)
    meta.date = date_value(fields.get("date") or fields.get("published"))
    meta.author = text(fields.get("author") or fields.get("authors"))
    meta.site = text(fields.get("site") or fields.get("site_name"))
    url = text(fields.get("url") or fields.get("source") or fields.get("link"))
    if url and url.lower().startswith(("http://", "https://")):
        apply_url(meta, url, rules)
    for name in ("title", "date", "author"):
        if name in fields and getattr(meta, name) is None:
            notes.append(
                Note(2, "metadata", f"front matter field {name!r} not understood")
            )


def _markdown_header(
    body: str, first_line: int, rules: Rules, meta: Meta, stem: str, notes: list[Note]
) -> str:
    """Read header lines at the top of a Markdown body, and blank them out.

    Blanking (not deleting) keeps every later line number true to the file.
    """
    lines = body.split("\n")
    units: list[tuple[int, str]] = []
    positions: list[int] = []
    index = 0
    while index < len(lines) and len(units) < rules.header_max_lines:
        if not lines[index].strip():
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].strip():
            end += 1
        if end - index != 1:
            break
        units.append((first_line + index, lines[index]))
        positions.append(index)
        index = end
    used, found = read_header(units, meta, rules, stem, markdown=True)
    notes.extend(found)
    for position in positions[:used]:
        lines[position] = ""
    return "\n".join(lines)


def _html_header(
    blocks: list[Block], rules: Rules, meta: Meta, stem: str, notes: list[Note]
) -> list[Block]:
    units: list[tuple[int, str]] = []
    for block in blocks[: rules.header_max_lines]:
        text = block_text(block)
        if not isinstance(block, Paragraph | Heading) or "\n" in text.strip():
            break
        units.append((block.line, text))
    used, found = read_header(units, meta, rules, stem)
    notes.extend(found)
    return blocks[used:]


def _split_episode(meta: Meta, rules: Rules) -> None:
    """A title such as "P22 E5: Feeling Safe Enough to Cry" holds the episode code."""
    match = rules.episode.match(meta.title or "")
    if match and meta.episode is None:
        meta.episode = " ".join(match.group("code").split())
        meta.title = match.group("title").strip()


def _has_words(block: Block) -> bool:
    return any(c.isalnum() for c in block_text(block))


def _attribution(meta: Meta, where: str | None, source_name: str) -> str:
    who = (
        f"{meta.honorific} {meta.author}"
        if meta.honorific and meta.author
        else meta.author
    )
    parts = [p for p in (who, where, meta.url) if p]
    return (
        ", ".join(parts) if parts else f"TODO: unknown author and site ({source_name})"
    )


def _result(
    meta: Meta, blocks: list[Block], stem: str, name: str, notes: list[Note]
) -> Result:
    title = " ".join((meta.title or "").split())
    if not any(c.isalnum() for c in title):
        title = title_from_stem(stem)
        notes.append(
            Note(
                None, "metadata", f"no title found: using {title!r} from the file name"
            )
        )
    meta.title = title
    slug = slugify(title) or slugify(stem) or "untitled"
    record = make_record(meta, title, slug)
    info = DraftInfo(
        title=title,
        slug=slug,
        key=record.key,
        attribution=_attribution(meta, where_published(meta), name),
        date=meta.date,
        source_name=name,
    )
    topics = sensitive_topics(blocks)
    if topics:
        notes.append(
            Note(
                None,
                "structure",
                f"the source mentions {', '.join(topics)}: added a {{content-note}} "
                "stub after the title",
            )
        )
    stubs = find_stubs(blocks, title, slug)
    if len(stubs) > MAX_STUBS:
        notes.append(
            Note(
                stubs[MAX_STUBS].block.line,
                "structure",
                f"{len(stubs)} lists found: stubs written for the first "
                f"{MAX_STUBS} only",
            )
        )
        stubs = stubs[:MAX_STUBS]
    files = {
        f"{slug}.md": render_draft(info, blocks, stubs),
        f"{slug}.bib": render_bib(record, name),
    }
    for stub in stubs:
        files[f"exercises/{stub.name}.md"] = render_stub(stub, name)
        notes.append(
            Note(
                stub.block.line,
                "structure",
                f"exercise stub {stub.name} ({len(stub.prompts)} prompts)",
            )
        )
    notes.append(
        Note(None, "metadata", f"title {shorten(title)!r}, record key {record.key!r}")
    )
    return Result(slug, record.key, meta, files, notes)
