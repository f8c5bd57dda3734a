"""Workshop formats (``slides/formats/*.toml``) turned into timed run sheets.

A format lists sessions; a session's plan names, in order, the opening check-in,
the group agreements, the review of the last session's home practice, modules
(whole, or split at an exercise so that a break can fall inside one), breaks,
home practice and the closing check-out.

A module's items come in the order of its deck: the chapter's teaching is split at
each exercise and at its discussion questions, exactly where the deck shows their
slides. The chapter's ``teaching_minutes`` are shared between those stretches of
teaching in proportion to their running prose (the words a reader reads, which is
what the facilitator teaches from). An exercise takes what it really takes in a
room: moving into pairs or groups, the activity, and its debrief. So clock times
are computed from the course itself and cannot drift from it; and the rules a
real room needs (AUTHORING.md, "Workshop formats") are checked here, each failure
naming the file, the line and the session.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from .bounds import check_in_own_folder
from .chapter import chapter_name
from .errors import CourseFileError, read_toml

#: A session ends at least this many minutes before its length runs out.
MIN_SPARE = 5
#: The longest stretch without a break or lunch, in minutes.
MAX_STRETCH = 90


@dataclass(frozen=True)
class Piece:
    """One step of a chapter in deck order: teaching, an exercise, the discussion.

    A chapter's outline alternates teaching and the other two, starting and
    ending with teaching (which may have no words): teaching piece ``k`` is the
    ``k``-th stretch of teaching.
    """

    kind: str  # teaching, exercise, discussion
    name: str = ""  # the exercise's name
    words: int = 0  # teaching: words of running prose
    title: str = ""  # teaching: its first section's title ("" for the opening)


class ChapterLike(Protocol):
    docname: str
    module: int
    title: str
    teaching_minutes: int
    outline: Sequence[Piece]


class ExerciseLike(Protocol):
    name: str
    number: str
    title: str
    duration: int
    format: str
    debrief: int
    transition: int
    solo: bool  # it has a version for one person ({solo})


class FormatError(ValueError):
    """A format file that cannot be scheduled; ``line`` is 1-based.

    ``problems`` holds every (message, line) found, the first one being this
    error's own; a build reports each.
    """

    def __init__(
        self,
        message: str,
        path: Path,
        line: int = 1,
        problems: Sequence[tuple[str, int]] = (),
    ) -> None:
        super().__init__(message)
        self.path, self.line = path, line
        self.problems = tuple(problems) or ((message, line),)


@dataclass(frozen=True)
class Item:
    """One line of a run sheet."""

    start: int  # minutes after midnight
    minutes: int
    # check-in, agreements, review, teaching, exercise, discussion, home, break,
    # lunch, check-out
    kind: str
    title: str
    module: int | None = None
    exercise: str | None = None
    parts: tuple[int, ...] = ()  # teaching: the chapter's teaching pieces it covers
    detail: str = ""  # how the minutes add up (exercises)
    optional: bool = False  # done only if time allows (no minutes of its own)

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
    home: tuple[str, ...] = ()  # exercises set as home practice, in plan order

    @property
    def used(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def spare(self) -> int:
        return self.length - self.used


@dataclass(frozen=True)
class Format:
    slug: str
    title: str
    description: str
    path: Path
    sessions: tuple[Session, ...]

    def session_name(self, session: Session) -> str:
        """ "Session 2" in a format of several sessions; "" for a one-session day,
        which its title names. The decks, run sheets and guide say the same, as
        the session's files do (``slides-evenings-session-2.pdf``)."""
        if len(self.sessions) < 2:
            return ""
        return f"Session {self.sessions.index(session) + 1}"

    def session_heading(self, session: Session) -> str:
        """ "Session 2: The armour", or the title alone for a one-session day."""
        name = self.session_name(session)
        return f"{name}: {session.title}" if name else session.title

    def agenda_title(self, session: Session) -> str:
        """The projected plan's title: a day is not a session."""
        name = self.session_name(session)
        return f"Plan for {name.lower()}" if name else "Today's plan"


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def exercise_minutes(exercise: ExerciseLike) -> int:
    """Moving into pairs or groups, the activity and its debrief."""
    return exercise.transition + exercise.duration + exercise.debrief


def exercise_detail(exercise: ExerciseLike) -> str:
    parts = [f"{exercise.duration} activity"]
    if exercise.transition:
        parts.insert(0, f"{exercise.transition} moving")
    if exercise.debrief:
        parts.append(f"{exercise.debrief} debrief")
    return " + ".join(parts) if len(parts) > 1 else ""


def teaching_split(chapter: ChapterLike) -> list[int]:
    """The chapter's teaching minutes per teaching piece, by words of prose.

    Largest remainders (ties to the earlier piece), so the parts add up to
    ``teaching_minutes`` exactly; then a piece with words but no minute takes
    one from the largest share, so no stretch of teaching is timed at nothing.
    """
    words = [piece.words for piece in chapter.outline if piece.kind == "teaching"]
    total, minutes = sum(words), chapter.teaching_minutes
    if not words:
        return []
    if total == 0:
        return [minutes] + [0] * (len(words) - 1)
    exact = [minutes * count / total for count in words]
    shares = [int(value) for value in exact]
    order = sorted(range(len(words)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: minutes - sum(shares)]:
        shares[i] += 1
    for i, count in enumerate(words):
        largest = max(range(len(shares)), key=lambda j: shares[j])
        if count and not shares[i] and shares[largest] > 1:
            shares[largest] -= 1
            shares[i] += 1
    return shares


def _outline(chapter: ChapterLike, names: Sequence[str]) -> list[Piece]:
    """The chapter's outline, or (without one) its teaching then its exercises."""
    if chapter.outline:
        return list(chapter.outline)
    pieces = [Piece("teaching", words=1)]
    for name in names:
        pieces += [Piece("exercise", name), Piece("teaching")]
    return pieces


#: The keys of a format file, and of each of its [[sessions]].
FORMAT_KEYS = (
    "title", "description", "check_in", "agreements", "check_out",
    "home_practice", "sessions",
)  # fmt: skip
SESSION_KEYS = ("slug", "title", "start", "length", "plan", "exercises", "discussion")


def _unknown_keys(
    table: Mapping[str, Any], known: Sequence[str], text: str, what: str = "a format"
) -> list[tuple[str, int]]:
    """(message, line) for each key of ``table`` that is not in ``known``."""
    return [
        (
            f"unknown key {key!r}: {what} has {', '.join(known)} (check the spelling)",
            _line_of(text, rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=") or 1,
        )
        for key in table
        if key not in known
    ]


def _minutes(value: Any, what: str, path: Path, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FormatError(
            f"{what} must be a whole number of minutes, not {value!r}", path, line
        )
    return value


def _line_of(text: str, pattern: str, after: int = 0, before: int | None = None) -> int:
    match = re.compile(pattern, re.MULTILINE).search(text, after, before or len(text))
    return text.count("\n", 0, match.start()) + 1 if match else 0


@dataclass
class _Source:
    """Where one session sits in its file, to name the line of a problem."""

    path: Path
    text: str
    begin: int
    end: int
    line: int  # the session's slug line

    def line_of(self, pattern: str) -> int:
        return _line_of(self.text, pattern, self.begin, self.end) or self.line

    def entry_line(self, entry: Any) -> int:
        if isinstance(entry, str):
            return self.line_of(rf"[\"']{re.escape(entry)}[\"']")
        if isinstance(entry, dict) and "module" in entry:
            return self.line_of(rf"module\s*=\s*[\"']?{entry['module']}\b")
        return self.line_of(rf"(?:\[|,)\s*{entry}\s*(?:,|\])")

    def error(self, message: str, line: int | None = None) -> FormatError:
        return FormatError(message, self.path, line or self.line)


def load_format(
    path: Path,
    chapters: Mapping[int, ChapterLike],
    exercises: Mapping[str, Sequence[ExerciseLike]],
) -> Format:
    """Read one format file and schedule every session, or raise FormatError.

    Every session is scheduled and checked; the error raised carries every
    problem found in the file.
    """
    try:
        check_in_own_folder(path)  # a link to a file elsewhere is not read
        data, text = read_toml(path)
    except CourseFileError as err:
        raise FormatError(err.message, path, err.line) from err
    unknown = _unknown_keys(data, FORMAT_KEYS, text)
    raws = data.get("sessions", [])
    for raw in raws if isinstance(raws, list) else []:
        if isinstance(raw, dict):
            unknown += _unknown_keys(raw, SESSION_KEYS, text, "a session")
    if unknown:
        message, line = unknown[0]
        raise FormatError(message, path, line, unknown)
    fixed = {
        key: _minutes(data.get(key, 0), key, path, _line_of(text, rf"^{key}\s*=") or 1)
        for key in ("check_in", "agreements", "check_out", "home_practice")
    }
    starts = [m.start() for m in re.finditer(r"^\[\[sessions\]\]", text, re.M)]
    raws = list(data.get("sessions", []))
    if not raws:
        raise FormatError("no [[sessions]]: a format needs at least one session", path)
    sessions: list[Session] = []
    problems: list[tuple[str, int]] = []
    for index, raw in enumerate(raws):
        begin = starts[index] if index < len(starts) else 0
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        line = _line_of(text, r"^slug\s*=", begin, end) or _line_of(
            text, r"^\[\[sessions\]\]", begin, end
        )
        source = _Source(path, text, begin, end, line or 1)
        try:
            session = _schedule(source, data, fixed, raw, chapters, exercises)
        except FormatError as err:
            problems.append((str(err), err.line))
            continue
        sessions.append(session)
        first = index == 0 and len(raws) > 1
        problems += _check_rules(source, session, raw, first, len(raws) > 1)
        if index == len(raws) - 1:
            problems += _check_ending(source, session)
    if problems:
        message, line = problems[0]
        raise FormatError(message, path, line, problems)
    return Format(
        path.stem,
        str(data.get("title", path.stem)),
        str(data.get("description", "")),
        path,
        tuple(sessions),
    )


def _find_exercise(
    name: str,
    chapters: Mapping[int, ChapterLike],
    exercises: Mapping[str, Sequence[ExerciseLike]],
) -> tuple[int, ExerciseLike] | None:
    for module, chapter in chapters.items():
        for exercise in exercises.get(chapter.docname, []):
            if exercise.name == name:
                return module, exercise
    return None


class _Planner:
    """Builds a session's items in order; minutes of teaching come last."""

    def __init__(
        self,
        source: _Source,
        slug: str,
        chapters: Mapping[int, ChapterLike],
        exercises: Mapping[str, Sequence[ExerciseLike]],
        chosen: Mapping[int, tuple[str, ...]],
        discussion: Mapping[int, int],
        outside: set[str],
    ) -> None:
        self.source, self.slug = source, slug
        self.chapters, self.exercises = chapters, exercises
        self.chosen, self.discussion, self.outside = chosen, discussion, outside
        self.items: list[Item] = []
        self.position: dict[int, int] = {}  # module -> next outline index
        self.modules: list[int] = []

    def add(self, minutes: int, kind: str, title: str, **extra: Any) -> None:
        self.items.append(Item(0, minutes, kind, title, **extra))

    def exercise(self, module: int, name: str) -> ExerciseLike:
        available = {e.name: e for e in self.exercises.get(self.docname(module), [])}
        return available[name]

    def docname(self, module: int) -> str:
        return self.chapters[module].docname

    def module(self, entry: Any, line: int) -> None:
        number = entry.get("module") if isinstance(entry, dict) else entry
        if isinstance(number, str) and number.isdigit():
            number = int(number)
        chapter = self.chapters.get(number) if isinstance(number, int) else None
        if chapter is None:
            known = ", ".join(str(n) for n in sorted(self.chapters))
            raise self.source.error(
                f"session {self.slug!r} names module {number}, which no chapter is "
                f"(modules: {known})",
                line,
            )
        names = [e.name for e in self.exercises.get(chapter.docname, [])]
        outline = _outline(chapter, names)
        until = entry.get("until") if isinstance(entry, dict) else None
        extra = set(entry) - {"module", "until"} if isinstance(entry, dict) else set()
        if extra:
            raise self.source.error(
                f"session {self.slug!r}: a module entry has 'module' and, to stop "
                f"at an exercise, 'until'; not {', '.join(sorted(extra))}",
                line,
            )
        start = self.position.get(number, 0)
        if start >= len(outline):
            raise self.source.error(
                f"session {self.slug!r} names module {number} again, but it is "
                "already complete: split it with {module = N, until = EXERCISE}",
                line,
            )
        stop = len(outline)
        if until is not None:
            marks = [
                i
                for i, piece in enumerate(outline)
                if piece.kind == "exercise" and piece.name == until
            ]
            if not marks or marks[0] < start:
                raise self.source.error(
                    f"session {self.slug!r}: module {number} has no exercise "
                    f"{until!r} after this point (its exercises: "
                    f"{', '.join(names) or 'none'})",
                    line,
                )
            stop = marks[0] + 1
        if number not in self.modules:
            self.modules.append(number)
        self.position[number] = stop
        room = set(self.chosen.get(number, tuple(names))) - self.outside
        pending: list[int] = []
        teaching_index = sum(1 for p in outline[:start] if p.kind == "teaching")

        def flush() -> None:
            if pending:
                first = outline_teaching[pending[0]]
                title = f"{chapter_name(number)}: {chapter.title}"
                if pending[0] > 0 and first.title:
                    title = f"{chapter_name(number)} continued: {first.title}"
                self.add(0, "teaching", title, module=number, parts=tuple(pending))
                pending.clear()

        outline_teaching = [p for p in outline if p.kind == "teaching"]
        for piece in outline[start:stop]:
            if piece.kind == "teaching":
                pending.append(teaching_index)
                teaching_index += 1
            elif piece.kind == "exercise" and piece.name in room:
                flush()
                ex = self.exercise(number, piece.name)
                self.add(
                    exercise_minutes(ex),
                    "exercise",
                    f"Exercise {ex.number}: {ex.title} ({ex.format})",
                    module=number,
                    exercise=piece.name,
                    detail=exercise_detail(ex),
                )
            elif piece.kind == "discussion":
                flush()
                minutes = self.discussion.get(number, 0)
                self.add(
                    minutes,
                    "discussion",
                    f"{chapter_name(number)}: discussion questions"
                    + ("" if minutes else " (optional, if time allows)"),
                    module=number,
                    optional=not minutes,
                )
        flush()

    def finish(self) -> list[Item]:
        """Give teaching items their minutes, drop empty ones, set the clock."""
        shares = {
            module: teaching_split(self.chapters[module]) for module in self.modules
        }
        timed = []
        for item in self.items:
            if item.kind == "teaching" and item.module is not None:
                minutes = sum(shares[item.module][i] for i in item.parts)
                if not minutes:
                    continue  # no prose to teach here: its slides join a neighbour
                item = replace(item, minutes=minutes)
            timed.append(item)
        return timed


def _schedule(
    source: _Source,
    data: Mapping[str, Any],
    fixed: Mapping[str, int],
    raw: Mapping[str, Any],
    chapters: Mapping[int, ChapterLike],
    exercises: Mapping[str, Sequence[ExerciseLike]],
) -> Session:
    path, line = source.path, source.line
    slug, title = str(raw.get("slug", "")), str(raw.get("title", ""))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise source.error(
            f"session slug {slug!r}: use lower-case letters, digits and hyphens"
        )
    start_text = str(raw.get("start", ""))
    if not re.fullmatch(r"\d\d:\d\d", start_text):
        raise source.error(f'session {slug!r}: start must be a time like "18:30"')
    start = int(start_text[:2]) * 60 + int(start_text[3:])
    length = _minutes(raw.get("length"), f"session {slug!r}: length", path, line)
    chosen = {int(k): tuple(v) for k, v in dict(raw.get("exercises", {})).items()}
    discussion = {
        int(k): _minutes(
            v,
            f"session {slug!r}: discussion minutes of module {k}",
            path,
            source.line_of(r"^\[sessions\.discussion\]"),
        )
        for k, v in dict(raw.get("discussion", {})).items()
    }
    for module in (*chosen, *discussion):
        if module not in chapters:
            raise source.error(
                f"session {slug!r} chooses for module {module}, which no chapter is",
                source.line_of(rf"^[\"']?{module}[\"']?\s*="),
            )
    for module, names in chosen.items():
        known = [e.name for e in exercises.get(chapters[module].docname, [])]
        for name in names:
            if name not in known:
                raise source.error(
                    f"session {slug!r}: module {module} has no exercise {name!r} "
                    f"(it has {', '.join(known) or 'none'})",
                    source.line_of(re.escape(f'"{name}"')),
                )
    plan = list(raw.get("plan", []))
    # Exercises done outside the modules' own flow: at home, or as the agreements.
    outside: set[str] = set()
    for entry in plan:
        if isinstance(entry, str) and (
            m := re.fullmatch(r"(home|agreements|check-out):(.+)", entry)
        ):
            outside.add(m.group(2).strip())
    planner = _Planner(source, slug, chapters, exercises, chosen, discussion, outside)
    home: list[str] = []
    for entry in plan:
        entry_line = source.entry_line(entry)
        if entry == "check-in":
            planner.add(fixed["check_in"], "check-in", "Opening check-in")
        elif entry == "agreements":
            planner.add(fixed["agreements"], "agreements", "Group agreements")
        elif entry == "check-out":
            planner.add(fixed["check_out"], "check-out", "Closing check-out")
        elif isinstance(entry, str) and (
            m := re.fullmatch(r"(break|lunch|review):(\d+)", entry)
        ):
            kind, minutes = m.group(1), int(m.group(2))
            name = "Review of the home practice" if kind == "review" else kind.title()
            planner.add(minutes, kind, name)
        elif isinstance(entry, str) and (
            m := re.fullmatch(r"(home|agreements|check-out):(.+)", entry)
        ):
            kind, name = m.group(1), m.group(2).strip()
            found = _find_exercise(name, chapters, exercises)
            if found is None:
                raise source.error(
                    f"session {slug!r}: {entry!r} names no exercise of any chapter",
                    entry_line,
                )
            module, ex = found
            label = f"Exercise {ex.number}: {ex.title} ({ex.format})"
            if kind == "home":
                label = _home_label(source, slug, entry, ex, entry_line)
                # Setting the home practice takes its minutes once a session.
                planner.add(
                    0 if home else fixed["home_practice"],
                    "home",
                    HOME_PRACTICE + label,
                    module=module,
                    exercise=name,
                )
                home.append(name)
            else:
                # The exercise fills the slot and names it ("Exercise 0.2:
                # Making our group agreements"): no "Group agreements:" before it.
                planner.add(
                    exercise_minutes(ex),
                    kind,
                    label,
                    module=module,
                    exercise=name,
                    detail=exercise_detail(ex),
                )
        elif (isinstance(entry, int) and not isinstance(entry, bool)) or (
            isinstance(entry, str) and entry.isdigit()
        ):
            planner.module(int(entry), entry_line)
        elif isinstance(entry, dict):
            planner.module(entry, entry_line)
        else:
            raise source.error(
                f"session {slug!r}: unknown plan entry {entry!r}; "
                "use check-in, agreements, a module number, "
                '{module = N, until = "EXERCISE"}, "review:MIN", "break:MIN", '
                '"lunch:MIN", "home:EXERCISE", check-out, or "agreements:EXERCISE" '
                'or "check-out:EXERCISE" (the slot filled by an exercise)',
                entry_line,
            )
    for module, stop in planner.position.items():
        chapter = chapters[module]
        names = [e.name for e in exercises.get(chapter.docname, [])]
        if stop < len(_outline(chapter, names)):
            raise source.error(
                f"session {slug!r} stops module {module} part-way and never "
                f"finishes it: add {module} (the rest of it) later in the plan",
                source.entry_line({"module": module}),
            )
    now, items = start, []
    for item in planner.finish():
        items.append(replace(item, start=now))
        now += item.minutes
    return Session(
        source.path.stem,
        str(data.get("title", source.path.stem)),
        slug,
        title,
        start,
        length,
        tuple(planner.modules),
        tuple(items),
        chosen,
        tuple(home),
    )


#: How a home-practice exercise is labelled: at home everyone works alone.
HOME_ALONE = "on your own"
#: Before a home practice's exercise on the run sheet: one colon in a label.
HOME_PRACTICE = "Home practice, "


def _home_label(
    source: _Source, slug: str, entry: str, ex: ExerciseLike, line: int
) -> str:
    """The home practice's label, or a FormatError when it cannot go home.

    At home nobody forms the pairs or watches over them, and a partner who
    controls the other would be the one they work with: an exercise for two or
    more goes home only as its version for one person.
    """
    if ex.format == "solo":
        return f"Exercise {ex.number}: {ex.title} ({ex.format})"
    if not ex.solo:
        raise source.error(
            f"session {slug!r} sends {ex.format} exercise {ex.number} home "
            f"({entry!r}), but it has no {{solo}} version: at home people work "
            "alone, so add a {solo} block to the exercise, or run it in the room",
            line,
        )
    return f"Exercise {ex.number}: {ex.title} ({HOME_ALONE})"


def _check_rules(
    source: _Source,
    session: Session,
    raw: Mapping[str, Any],
    first: bool,
    series: bool,
) -> list[tuple[str, int]]:
    """Every rule of AUTHORING.md's "Workshop formats" that the session breaks."""
    slug, problems = session.slug, []
    length_line = source.line_of(r"^length\s*=")
    plan = list(raw.get("plan", []))
    if session.used > session.length:
        problems.append(
            (
                f"session {slug!r} does not fit: its items take {session.used} "
                f"minutes, {session.used - session.length} more than its length of "
                f"{session.length} ({clock(session.start)} to {clock(session.end)}); "
                "move an exercise to home practice or to another session",
                length_line,
            )
        )
    elif session.spare < MIN_SPARE:
        problems.append(
            (
                f"session {slug!r} leaves {session.spare} minutes spare "
                f"({session.used} of {session.length}): keep at least {MIN_SPARE}, "
                "because real rooms run long",
                length_line,
            )
        )
    items = session.items
    pauses = [i for i, item in enumerate(items) if item.kind in ("break", "lunch")]
    if pauses:
        last = pauses[-1]
        if not any(
            item.kind in ("teaching", "exercise")
            or (item.kind == "discussion" and item.minutes)
            for item in items[last + 1 :]
        ):
            entry = next(
                (
                    e
                    for e in reversed(plan)
                    if isinstance(e, str) and e.startswith(("break:", "lunch:"))
                ),
                "",
            )
            problems.append(
                (
                    f"session {slug!r} puts its {items[last].kind} at "
                    f"{items[last].clock}, just before the check-out: place it "
                    "near the middle, inside a module if need be "
                    '({module = N, until = "EXERCISE"})',
                    source.entry_line(entry),
                )
            )
    stretch_start = session.start
    for item in items:
        if item.kind in ("break", "lunch"):
            stretch_start = item.start + item.minutes
            continue
        end = item.start + item.minutes
        if end - stretch_start > MAX_STRETCH:
            problems.append(
                (
                    f"session {slug!r} runs {end - stretch_start} minutes without "
                    f"a break ({clock(stretch_start)} to {clock(end)}, through "
                    f"{item.title!r}): keep a break at least every {MAX_STRETCH} "
                    "minutes",
                    source.line_of(r"^plan\s*="),
                )
            )
            break
    breaks = [items[i] for i in pauses]
    if len(breaks) == 1 and breaks[0].kind == "break":
        before = breaks[0].start - session.start
        after = session.start + session.used - breaks[0].start - breaks[0].minutes
        if min(before, after) * 2 < max(before, after):
            problems.append(
                (
                    f"session {slug!r}: the break at {breaks[0].clock} is not near "
                    f"the middle ({before} minutes before it, {after} after): move "
                    "it so neither part is more than twice the other",
                    source.entry_line(f"break:{breaks[0].minutes}"),
                )
            )
    reviews = [i for i, item in enumerate(items) if item.kind == "review"]
    content = [
        i for i, item in enumerate(items) if item.kind in ("teaching", "exercise")
    ]
    if series and not first:
        if not reviews or (content and reviews[0] > content[0]):
            problems.append(
                (
                    f"session {slug!r} does not open by reviewing the home practice "
                    'from the session before: add "review:MIN" before its first '
                    "module",
                    source.line_of(r"^plan\s*="),
                )
            )
    elif reviews and first:
        problems.append(
            (
                f"session {slug!r} is the first: there is no home practice to "
                'review yet; remove its "review:MIN"',
                source.entry_line(f"review:{items[reviews[0]].minutes}"),
            )
        )
    return problems


def _check_ending(source: _Source, session: Session) -> list[tuple[str, int]]:
    """The last session of a format ends the course: it sets no home practice.

    There is no next session to bring it back to, and an exercise set as the
    group ends (a map of one's people, say) can leave someone alone with what
    it stirs up.
    """
    return [
        (
            f"session {session.slug!r} is the last of its format, so it sets no "
            f"home practice ({f'home:{name}'!r}): there is no next session to "
            "bring it back to. Run the exercise in the room, or leave it to the "
            "book",
            source.entry_line(f"home:{name}"),
        )
        for name in session.home
    ]
