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
#: Formats in which two people work together, so who pairs with whom matters.
PAIRED_FORMATS = ("pairs", "couples")
#: The one pairing rule (``pairs:``), and how every output says it. A controlling
#: partner always "wants to" work together, and nobody should have to turn a
#: partner down in front of the room: the facilitator forms the pairs, and
#: couples (or anyone who came together) are split.
PAIRING = "formed by facilitator, couples split"
PAIRING_SAID = "Pairs formed by the facilitator, never with the person you came with"


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
        Field("pairs", f"who works with whom: '{PAIRING}'"),
        Field(
            "safeguards",
            "a list of lines that keep the exercise safe wherever it is done "
            "('- Meet the protector; do not go underneath it'), or []",
        ),
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
    pairs: str = ""  # the pairing rule (PAIRING), for pairs and couples
    safeguards: tuple[str, ...] = ()  # shown with it in the room and at home
    solo: bool = False  # the body has a {solo} version for one person

    @property
    def minutes(self) -> int:
        """What the exercise really takes in a room: moving, activity, debrief."""
        return self.transition + self.duration + self.debrief


def has_block(body: str, name: str) -> bool:
    """Does an exercise's body open a ``{name}`` block (``debrief``, ``solo``)?"""
    return any(
        (m := _FENCE_OPEN.match(line)) and m["name"].strip() == name
        for line in body.splitlines()
    )


def has_debrief(body: str) -> bool:
    """Does an exercise's body open a ``{debrief}`` block?"""
    return has_block(body, "debrief")


def _lines(value: Any) -> bool:
    """A list of non-empty lines of text (or nothing)."""
    return value is None or (
        isinstance(value, list)
        and all(isinstance(item, str) and item.strip() for item in value)
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
    if not _lines(fields.get("safeguards")):
        problems.append(
            (
                f"'safeguards' must be {FIELDS['safeguards'].help}",
                lines.get("safeguards", 1),
            )
        )
    problems += _pairing_problems(fields, lines)
    return problems


def _pairing_problems(
    fields: dict[str, Any], lines: dict[str, int]
) -> list[tuple[str, int]]:
    """The pairing rule: declared by every pairs or couples exercise, as one value."""
    fmt, pairs = fields.get("format"), fields.get("pairs")
    if fmt in PAIRED_FORMATS and "pairs" not in fields:
        return [
            (
                f"a {fmt} exercise must say who works with whom: add the line "
                f"'pairs: {PAIRING}' (couples never choose in front of each "
                "other whether to work together)",
                lines.get("format", 1),
            )
        ]
    if "pairs" in fields and fmt in FORMATS and fmt not in PAIRED_FORMATS:
        return [
            (
                f"'pairs' is for pairs and couples exercises; this one is {fmt}: "
                "remove the line",
                lines.get("pairs", 1),
            )
        ]
    if "pairs" in fields and pairs != PAIRING:
        return [
            (
                f"'pairs' must be '{PAIRING}', the one pairing rule of a "
                f"workshop, not {pairs!r}: a couple who may want to work "
                "together can try it at home with the solo version's safeguards",
                lines.get("pairs", 1),
            )
        ]
    return []


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
            pairs=fields.get("pairs", ""),
            safeguards=tuple(line.strip() for line in fields.get("safeguards") or ()),
            solo=has_block(document.body, "solo"),
        ),
        [],
    )
