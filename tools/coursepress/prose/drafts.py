"""What keeps a draft from being published: TODO markers and unverified records.

``coursepress ingest`` writes a draft with TODO markers where only the author can
write (objectives, slide bullets, facilitator notes) and a source record marked
``% status: unverified``. Both must be resolved before the text is published:
the build fails on them (``coursepress.ext.authoring.drafts``) and ``coursepress
prose`` lists them. The scanning is here, without Sphinx, so both agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Course, Problem

#: "TODO" as a word, in capitals, as ingest writes it and as authors mark gaps.
_TODO = re.compile(r"\bTODO\b")
#: The first line of a record ingest writes: "% status: unverified. Written by...".
_UNVERIFIED = re.compile(r"^\s*%\s*status:\s*unverified\b", re.IGNORECASE)
_ENTRY = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)")


@dataclass(frozen=True)
class Marker:
    line: int
    text: str  # the line, trimmed


def todo_markers(text: str) -> list[Marker]:
    """Each line holding a TODO marker, with its 1-based line number."""
    # The build scans every page on each build and most hold no marker: a plain
    # substring test is a hundred times faster than the regex over the text.
    if "TODO" not in text:
        return []
    return [
        Marker(number, " ".join(line.split()))
        for number, line in enumerate(text.splitlines(), start=1)
        if _TODO.search(line)
    ]


def unverified_records(text: str) -> list[Marker]:
    """Each ``% status: unverified`` line of a .bib file, naming the next record.

    ``text`` of the marker is the key of the record that follows the line.
    """
    if "unverified" not in text.lower():
        return []
    lines = text.splitlines()
    found: list[Marker] = []
    for index, line in enumerate(lines):
        if not _UNVERIFIED.match(line):
            continue
        key = next(
            (
                match.group(2)
                for following in lines[index + 1 :]
                if (match := _ENTRY.match(following))
            ),
            "?",
        )
        found.append(Marker(index + 1, key))
    return found


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


TODO_ADVICE = (
    "write this part, then delete the marker (a page with one is not published)"
)
UNVERIFIED_ADVICE = (
    "check every field against the source, then delete the '% status: "
    "unverified' line: an unverified record is not published"
)


def check_drafts(course: Course) -> list[Problem]:
    """Every TODO marker in the course's text and every unverified record."""
    problems = [
        Problem(page.path, marker.line, f"TODO marker {marker.text!r}: {TODO_ADVICE}")
        for page in course.all_pages
        for marker in todo_markers(read_text(page.path))
    ]
    for path in sorted((course.root / "book").rglob("*.bib")):
        problems.extend(
            Problem(
                path, m.line, f"record {m.text!r} is unverified: {UNVERIFIED_ADVICE}"
            )
            for m in unverified_records(read_text(path))
        )
    return problems
