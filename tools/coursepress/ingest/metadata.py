"""Title, site, episode, author and date from the first lines of a source."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .chrome import clean_line, shorten
from .model import Meta, Note
from .rules import Rules
from .slug import slugify

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|[nr]d|th)?"  # 1st, 2nd, 3rd, 4th
_YEAR = r"(?P<year>\d{4})"
_DATES = (
    re.compile(rf"^{_YEAR}-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ][\d:.+\-Z]*)?$"),
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),
)
_ATX_H1 = re.compile(r"^#\s+(?P<title>.+?)(?:\s+#+)?\s*$")
# "r/community · 27d ago": when a forum line was posted, relative to the copy.
_AGO = re.compile(
    r"\s*[·•|-]?\s*\b\d+\s*(?:s|m|h|d|w|mo|y|yr|mins?|hrs?|seconds?|minutes?|"
    r"hours?|days?|weeks?|months?|years?)\s+ago\s*$",
    re.IGNORECASE,
)
# "Title : r/community", as a forum names its pages.
_FORUM_SUFFIX = re.compile(r"^(?P<title>.*\S)\s+:\s+(?P<site>r/[\w-]+)$")
_HANDLE_PREFIX = re.compile(r"^/?u/")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def parse_date(text: str, rules: Rules | None = None) -> dt.date | None:
    """A calendar date written alone on a line, in one of the common forms."""
    text = " ".join(text.split())
    if rules is not None:
        text = rules.date_prefix.sub("", text, count=1)
    for pattern in _DATES:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        month = (
            int(parts["mnum"])
            if parts.get("mnum")
            else _MONTHS.get(parts["month"].lower())
        )
        if month is None:
            return None
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


def date_value(value: Any) -> dt.date | None:
    """A front matter or HTML date as a date, whatever form it was written in."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value[:10] if re.match(r"\d{4}-\d\d-\d\dT", value) else value)
    return None


def apply_url(meta: Meta, url: str, rules: Rules) -> None:
    """What a profile or page URL says: platform, and the author's handle."""
    meta.url = url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = re.sub(r"^(?:www|old|new|m|np|mobile)\.", "", host)
    meta.platform = meta.platform or next(
        (
            name
            for known, name in rules.sites.items()
            if host == known or host.endswith("." + known)
        ),
        None,
    )
    if meta.author is None:
        for pattern in rules.profile_paths:
            match = pattern.match(parts.path)
            if match and match.group("handle"):
                meta.author, meta.author_is_handle = match.group("handle"), True
                break


def split_forum_title(meta: Meta) -> None:
    """ "Title : r/community" -> the title, and the community as the site."""
    match = _FORUM_SUFFIX.match(meta.title or "")
    if match:
        meta.title = match.group("title")
        meta.site = meta.site or match.group("site")


def title_from_stem(stem: str) -> str:
    words = re.sub(r"[-_.]+", " ", stem).split()
    return " ".join(words).capitalize() if words else "Untitled"


@dataclass
class _Unit:
    index: int
    line: int
    text: str
    kind: str
    value: Any = None


def _is_bare(text: str, rules: Rules) -> bool:
    return (
        0 < len(text.split()) <= rules.heading_max_words
        and len(text) <= rules.heading_max_chars
        and not text.endswith((".", ",", ";", ":", "!"))
        and any(c.isalpha() for c in text)
        and not _URL.match(text)
    )


def _classify(index: int, line: int, raw: str, rules: Rules, markdown: bool) -> _Unit:
    h1 = _ATX_H1.match(raw.strip()) if markdown else None
    if h1:
        return _Unit(index, line, clean_line(h1.group("title")), "h1")
    text = clean_line(raw) if markdown else " ".join(raw.split())
    text = _AGO.sub("", text) or text
    unit = _Unit(index, line, text, "other")
    if markdown and re.match(r"\s*(?:[-+*>|<`~]|\d+[.)]\s|#)", raw):
        return unit  # Markdown block syntax: content, not a header line
    if rule := rules.match_line(text):
        unit.kind, unit.value = "chrome", rule
    elif match := rules.comment_by.match(text):
        unit.kind, unit.value = "comment", match.group("who")
    elif match := rules.byline.match(text):
        unit.kind, unit.value = "byline", match.group("who")
    elif date := parse_date(text, rules):
        unit.kind, unit.value = "date", date
    elif match := rules.episode.match(text):
        unit.kind, unit.value = "episode", match
    elif _is_bare(text, rules):
        unit.kind = "bare"
    return unit


def read_header(
    units: list[tuple[int, str]],
    meta: Meta,
    rules: Rules,
    stem: str,
    *,
    markdown: bool = False,
) -> tuple[int, list[Note]]:
    """Fill ``meta`` from the leading units (line, text); return how many it used.

    Units are the source's first single-line paragraphs. A site name stands
    before the title; a date, a byline or a "Comment by" line may stand around it.
    """
    scanned: list[_Unit] = []
    for index, (line, raw) in enumerate(units[: rules.header_max_lines]):
        unit = _classify(index, line, raw, rules, markdown)
        if unit.kind == "other":
            break
        scanned.append(unit)
    title_at = _choose_title(scanned, meta, stem)
    # With the title known already (front matter), a short line above a byline
    # or a "Posted by" line names the site; other short lines start the body.
    attributed = max(
        (u.index for u in scanned if u.kind in {"byline", "comment", "date"}),
        default=-1,
    )
    used = 0
    notes: list[Note] = []
    for unit in scanned:
        site_line = title_at is None and meta.title and unit.index < attributed
        if (
            unit.kind == "bare"
            and (title_at is None or unit.index > title_at)
            and not site_line
        ):
            break  # a short line after the title is the body's first heading
        used = unit.index + 1
        notes.append(_apply(unit, meta, rules, unit.index == title_at))
    return used, notes


def _choose_title(scanned: list[_Unit], meta: Meta, stem: str) -> int | None:
    """Index of the unit that holds the title, if the header has one."""
    for kind in ("episode", "h1"):
        found = next((u for u in scanned if u.kind == kind), None)
        if found:
            return found.index
    bare = [u for u in scanned if u.kind == "bare"]
    if meta.title is not None:
        same = next((u for u in bare if u.text.lower() == meta.title.lower()), None)
        return same.index if same else None
    if not bare:
        return None
    wanted = slugify(stem)
    by_name = next((u for u in bare if wanted and slugify(u.text) == wanted), None)
    if by_name:
        return by_name.index
    # "Site / date / Title / By Jane": the title is the last bare line before
    # the last date or byline; a bare line after that is a section heading.
    dated = [u.index for u in scanned if u.kind in {"date", "byline", "comment"}]
    before = [u for u in bare if dated and u.index < dated[-1]]
    return (before[-1] if before else bare[0]).index


def _apply(unit: _Unit, meta: Meta, rules: Rules, is_title: bool) -> Note:
    if unit.kind == "chrome":
        return Note(
            unit.line, "chrome", f"removed {shorten(unit.text)!r} ({unit.value.name})"
        )
    if unit.kind == "comment":
        who = unit.value
        if _URL.match(who):
            apply_url(meta, who, rules)
        elif meta.author is None:
            who = _HANDLE_PREFIX.sub("", who) or who
            meta.author, meta.author_is_handle = who, " " not in who
        return Note(unit.line, "metadata", f"attribution {unit.text!r}")
    if unit.kind == "byline":
        meta.author = meta.author or unit.value
        return Note(unit.line, "metadata", f"author {unit.value!r}")
    if unit.kind == "date":
        meta.date = meta.date or unit.value
        return Note(unit.line, "metadata", f"date {unit.value.isoformat()}")
    if unit.kind == "episode":
        match = unit.value
        meta.episode = " ".join(match.group("code").split())
        if meta.title is None:
            meta.title = match.group("title").strip()
        return Note(
            unit.line, "metadata", f"episode {meta.episode}, title {meta.title!r}"
        )
    if is_title:
        if meta.title is None:
            meta.title = unit.text
        return Note(unit.line, "metadata", f"title {unit.text!r}")
    if meta.site is None:
        meta.site = unit.text
        return Note(unit.line, "metadata", f"site name {unit.text!r}")
    return Note(
        unit.line, "chrome", f"removed {unit.text!r} (a short line before the title)"
    )
