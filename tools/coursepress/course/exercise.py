"""The exercise schema: an exercise file's fields, their types, values and minutes.

The build's ``{exercise}`` directive and ``coursepress prose`` both check an
exercise through ``check_exercise``, so a rule and its message exist once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import CourseFileError
from .frontmatter import Document

FORMATS = ("solo", "pairs", "couples", "small group", "whole group")
#: Formats a group does together (every chapter needs one for a workshop).
GROUP_FORMATS = tuple(fmt for fmt in FORMATS if fmt != "solo")
#: Minutes to move into pairs or groups (and back) when ``transition`` is not given.
TRANSITION = {
    "solo": 0,
    "pairs": 2,
    "couples": 2,
    "small group": 2,
    "whole group": 0,
}


@dataclass(frozen=True)
class Field:
    """One front matter field of an exercise."""

    name: str
    help: str  # what it holds, as a message says it
    required: bool = False
    minutes: tuple[int, int] | None = None  # whole minutes from..to


#: Every field an exercise may have, in the order messages list them.
FIELDS = {
    f.name: f
    for f in (
        Field("title", "a non-empty line of text", required=True),
        Field("duration", "minutes of the activity itself", True, (1, 240)),
        Field("format", f"one of {', '.join(FORMATS)}", required=True),
        Field("debrief", "minutes of report-back afterwards", minutes=(0, 60)),
        Field("transition", "minutes to move into pairs or groups", minutes=(0, 30)),
        Field("materials", "a list of items ('- Paper and a pen'), or []"),
    )
}
REQUIRED = tuple(name for name, f in FIELDS.items() if f.required)
KNOWN = tuple(FIELDS)

_FENCE_OPEN = re.compile(r"^\s*(?::{3,}|`{3,})\{(?P<name>[^}]+)\}")


@dataclass(frozen=True)
class ExerciseFront:
    """An exercise's checked front matter."""

    title: str
    duration: int  # minutes of the activity
    format: str
    debrief: int  # minutes of report-back after the activity
    transition: int  # minutes to move into pairs or groups
    materials: tuple[str, ...]

    @property
    def minutes(self) -> int:
        """What the exercise really takes in a room: moving, activity, debrief."""
        return self.transition + self.duration + self.debrief


def has_debrief(body: str) -> bool:
    """Does an exercise's body open a ``{debrief}`` block?"""
    return any(
        (m := _FENCE_OPEN.match(line)) and m["name"].strip() == "debrief"
        for line in body.splitlines()
    )


def _is_minutes(value: Any, limits: tuple[int, int]) -> bool:
    low, high = limits
    return (
        isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    )


def validate_exercise(
    fields: dict[str, Any], lines: dict[str, int], has_debrief: bool
) -> list[tuple[str, int]]:
    """Return (message, line) for every problem in an exercise's front matter.

    ``has_debrief``: the body has ``{debrief}`` questions, whose minutes must
    then be given, or a room's run sheet would leave them out.
    """
    problems: list[tuple[str, int]] = []
    for key in fields:
        if key not in FIELDS:
            problems.append(
                (
                    f"unknown field {key!r}: the fields are {', '.join(KNOWN)}",
                    lines.get(key, 1),
                )
            )
    for key in REQUIRED:
        if key not in fields:
            problems.append(
                (
                    f"missing field {key!r}: "
                    f"every exercise needs {', '.join(REQUIRED)}",
                    1,
                )
            )
    title, fmt = fields.get("title"), fields.get("format")
    if "title" in fields and (not isinstance(title, str) or not title.strip()):
        problems.append(
            ("'title' must be a non-empty line of text", lines.get("title", 1))
        )
    for field in FIELDS.values():
        value = fields.get(field.name)
        if (
            field.minutes
            and field.name in fields
            and not _is_minutes(value, field.minutes)
        ):
            low, high = field.minutes
            problems.append(
                (
                    f"'{field.name}' must be whole minutes from {low} to {high}, "
                    f"not {value!r}",
                    lines.get(field.name, 1),
                )
            )
    if has_debrief and "debrief" not in fields:
        problems.append(
            (
                "the exercise has {debrief} questions but no 'debrief' minutes: "
                "add a line such as 'debrief: 3' (the activity's own minutes stay "
                "in 'duration')",
                lines.get("duration", 1),
            )
        )
    if "format" in fields and fmt not in FORMATS:
        problems.append(
            (
                f"'format' must be one of {', '.join(FORMATS)}; not {fmt!r}",
                lines.get("format", 1),
            )
        )
    materials = fields.get("materials", [])
    if materials is not None and (
        not isinstance(materials, list)
        or not all(isinstance(m, str) for m in materials)
    ):
        problems.append(
            (
                f"'materials' must be {FIELDS['materials'].help}",
                lines.get("materials", 1),
            )
        )
    return problems


def check_exercise(
    document: Document,
) -> tuple[ExerciseFront | None, list[CourseFileError]]:
    """An exercise file's front matter, or None and every problem in it."""
    problems = [
        CourseFileError(message, document.path, line)
        for message, line in validate_exercise(
            document.fields, document.field_lines, has_debrief(document.body)
        )
    ]
    if problems:
        return None, problems
    fields = document.fields
    return (
        ExerciseFront(
            title=fields["title"].strip(),
            duration=fields["duration"],
            format=fields["format"],
            debrief=fields.get("debrief", 0),
            transition=fields.get("transition", TRANSITION[fields["format"]]),
            materials=tuple(fields.get("materials") or ()),
        ),
        [],
    )
