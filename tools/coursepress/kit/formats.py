"""Workshop formats (``slides/formats/*.toml``) turned into timed run sheets.

A format lists sessions; a session's plan names, in order, the opening check-in,
the group agreements, module numbers, breaks and the closing check-out. A module
takes its chapter's teaching minutes plus its exercises' durations, so the clock
times are computed from the course itself and cannot drift from it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class ChapterLike(Protocol):
    docname: str
    module: int
    title: str
    teaching_minutes: int


class ExerciseLike(Protocol):
    name: str
    number: str
    title: str
    duration: int
    format: str


class FormatError(ValueError):
    """A format file that cannot be scheduled; ``line`` is 1-based."""

    def __init__(self, message: str, path: Path, line: int = 1) -> None:
        super().__init__(message)
        self.path, self.line = path, line


@dataclass(frozen=True)
class Item:
    """One line of a run sheet."""

    start: int  # minutes after midnight
    minutes: int
    kind: str  # check-in, agreements, teaching, exercise, break, lunch, check-out
    title: str
    module: int | None = None
    exercise: str | None = None

    @property
    def clock(self) -> str:
        return clock(self.start)


@dataclass(frozen=True)
class Session:
    format_slug: str
    format_title: str
    slug: str
    title: str
    start: int
    length: int
    modules: tuple[int, ...]
    items: tuple[Item, ...]
    exercises: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def used(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Format:
    slug: str
    title: str
    description: str
    path: Path
    sessions: tuple[Session, ...]


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _minutes(value: Any, what: str, path: Path, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FormatError(
            f"{what} must be a whole number of minutes, not {value!r}", path, line
        )
    return value


def _line_of(text: str, pattern: str, after: int = 0) -> int:
    match = re.compile(pattern, re.MULTILINE).search(text, after)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def load_format(
    path: Path,
    chapters: Mapping[int, ChapterLike],
    exercises: Mapping[str, Sequence[ExerciseLike]],
) -> Format:
    """Read one format file and schedule every session, or raise FormatError."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(err))) else 1
        raise FormatError(f"invalid TOML: {err}", path, line) from err
    fixed = {
        key: _minutes(data.get(key, 0), key, path, _line_of(text, rf"^{key}\s*="))
        for key in ("check_in", "agreements", "check_out")
    }
    sessions = []
    for raw in data.get("sessions", []):
        slug = str(raw.get("slug", ""))
        line = _line_of(text, rf"^slug\s*=\s*[\"']{re.escape(slug)}[\"']")
        sessions.append(_schedule(path, line, data, fixed, raw, chapters, exercises))
    if not sessions:
        raise FormatError("no [[sessions]]: a format needs at least one session", path)
    return Format(
        path.stem,
        str(data.get("title", path.stem)),
        str(data.get("description", "")),
        path,
        tuple(sessions),
    )


def _schedule(
    path: Path,
    line: int,
    data: Mapping[str, Any],
    fixed: Mapping[str, int],
    raw: Mapping[str, Any],
    chapters: Mapping[int, ChapterLike],
    exercises: Mapping[str, Sequence[ExerciseLike]],
) -> Session:
    slug, title = str(raw.get("slug", "")), str(raw.get("title", ""))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise FormatError(
            f"session slug {slug!r}: use lower-case letters, digits and hyphens",
            path,
            line,
        )
    start_text = str(raw.get("start", ""))
    if not re.fullmatch(r"\d\d:\d\d", start_text):
        raise FormatError(
            f'session {slug!r}: start must be a time like "18:30"', path, line
        )
    start = int(start_text[:2]) * 60 + int(start_text[3:])
    length = _minutes(raw.get("length"), f"session {slug!r}: length", path, line)
    chosen = {int(k): tuple(v) for k, v in dict(raw.get("exercises", {})).items()}
    items: list[Item] = []
    now = start

    def add(minutes: int, kind: str, item_title: str, **extra: Any) -> None:
        nonlocal now
        items.append(Item(now, minutes, kind, item_title, **extra))
        now += minutes

    modules = []
    for entry in raw.get("plan", []):
        if entry == "check-in":
            add(fixed["check_in"], "check-in", "Opening check-in")
        elif entry == "agreements":
            add(fixed["agreements"], "agreements", "Group agreements")
        elif entry == "check-out":
            add(fixed["check_out"], "check-out", "Closing check-out")
        elif isinstance(entry, str) and (
            m := re.fullmatch(r"(break|lunch):(\d+)", entry)
        ):
            add(int(m.group(2)), m.group(1), m.group(1).capitalize())
        elif isinstance(entry, int) and not isinstance(entry, bool):
            chapter = chapters.get(entry)
            if chapter is None:
                known = ", ".join(str(n) for n in sorted(chapters))
                raise FormatError(
                    f"session {slug!r} names module {entry}, which no chapter is "
                    f"(modules: {known})",
                    path,
                    line,
                )
            modules.append(entry)
            add(
                chapter.teaching_minutes,
                "teaching",
                f"Module {entry}: {chapter.title}",
                module=entry,
            )
            available = {e.name: e for e in exercises.get(chapter.docname, [])}
            names = chosen.get(entry, tuple(available))
            for name in names:
                if name not in available:
                    raise FormatError(
                        f"session {slug!r}: module {entry} has no exercise {name!r} "
                        f"(it has {', '.join(available) or 'none'})",
                        path,
                        line,
                    )
                ex = available[name]
                add(
                    ex.duration,
                    "exercise",
                    f"Exercise {ex.number}: {ex.title} ({ex.format})",
                    module=entry,
                    exercise=name,
                )
        else:
            raise FormatError(
                f"session {slug!r}: unknown plan entry {entry!r}; "
                "use check-in, agreements, "
                'a module number, "break:MIN", "lunch:MIN" or check-out',
                path,
                line,
            )
    session = Session(
        path.stem,
        str(data.get("title", path.stem)),
        slug,
        title,
        start,
        length,
        tuple(modules),
        tuple(items),
        chosen,
    )
    if session.used > length:
        raise FormatError(
            f"session {slug!r} does not fit: its items take {session.used} minutes, "
            f"{session.used - length} more than its length of {length} "
            f"({clock(start)} to {clock(start + length)}); "
            "shorten a module or move one",
            path,
            line,
        )
    return session
