"""Rules of the course brief's Safety and source sections that a program can check.

- Couples skills assume a basically safe relationship, so every exercise that
  partners may do together has a ``{solo}`` version for one person.
- A source text is described only by what it is and says: no claims about its
  reach ("widely shared") and no "she says on the podcast" for an episode summary.
- A chapter that draws on a source text lists it in its ``sources:`` front matter
  and cites it with ``{cite}``, so the Sources page and the "Based on" line agree
  with the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Course, Page, Problem, TextBlock

#: Instructions that invite partners to do an exercise together.
_TOGETHER = re.compile(
    r"\bwith your partner\b|\byour partner\b[^.]*\btogether\b"
    r"|\btogether\b[^.]*\byour partner\b|\bas a couple\b",
    re.IGNORECASE,
)

#: (pattern, what to write instead) for descriptions no source supports.
_SOURCE_CLAIMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\bwidely[- ]shared\b|\bwidely read\b|\bwent viral\b", re.I),
        "nothing shows how far the comment travelled: call it one man's comment",
    ),
    (
        re.compile(r"\bstruck a chord\b", re.I),
        "nothing shows how readers took the comment: describe what it says",
    ),
    (
        re.compile(
            r"\b(?:says|said|explains|tells)\b[^.]{0,40}\bon the podcast\b", re.I
        ),
        "the source is an episode summary: write what the episode summary says",
    ),
)

_CITE_ROLE = re.compile(r"^cite(?::\w+)?$")
_CITE_NOTE = re.compile(r"\{[^{}]*\}")


def _instructions(page: Page) -> list[TextBlock]:
    """What participants read before the prompts: text outside every directive."""
    return [block for block in page.blocks if block.directive is None]


def check_solo_versions(course: Course) -> Iterable[Problem]:
    """An exercise partners may do together needs a ``{solo}`` version."""
    for page in course.exercises.values():
        if page.problems or page.directives_named("solo"):
            continue
        couples = page.fields.get("format") == "couples"
        invitation = next(
            (b for b in _instructions(page) if _TOGETHER.search(b.text)), None
        )
        if couples or invitation:
            line = (
                page.field_lines.get("format", 1)
                if couples
                else (invitation.line if invitation else 1)
            )
            yield Problem(
                page.path,
                line,
                "partners may do this exercise together: add a :::{solo} block "
                "saying how to do it alone and when to choose that (a partner "
                "who feels unsafe, no partner in the room)",
            )


def check_source_descriptions(course: Course) -> Iterable[Problem]:
    """Describe a source only by what it is and says."""
    for page in course.all_pages:
        for block in page.blocks:
            for line, text in block.lines:
                for pattern, advice in _SOURCE_CLAIMS:
                    match = pattern.search(text)
                    if match:
                        yield Problem(page.path, line, f"{match.group(0)!r}: {advice}")


def _cited(page: Page) -> dict[str, int]:
    """Each key the page cites, with the line of its first citation."""
    keys: dict[str, int] = {}
    for role in page.roles:
        if _CITE_ROLE.match(role.name):
            for key in _CITE_NOTE.sub("", role.content).split(","):
                keys.setdefault(key.strip(), role.line)
    return keys


def check_source_lists(course: Course) -> Iterable[Problem]:
    """A chapter's ``sources:`` and its citations of source texts agree."""
    declared = {
        chapter.path: [k for k in chapter.fields.get("sources") or [] if k]
        for chapter in course.chapters
        if isinstance(chapter.fields.get("sources") or [], list)
    }
    source_keys = {key for keys in declared.values() for key in keys}
    for chapter in course.chapters:
        own = declared.get(chapter.path, [])
        cited = _cited(chapter)
        for exercise in course.exercises_of(chapter):
            for key, _line in _cited(exercise).items():
                cited.setdefault(key, chapter.title.line if chapter.title else 1)
        for key, line in cited.items():
            if key in source_keys and key not in own:
                yield Problem(
                    chapter.path,
                    line,
                    f"cites the source text {key!r} but its front matter does not "
                    "list it: add it to 'sources:'",
                )
        for key in own:
            if key not in cited:
                yield Problem(
                    chapter.path,
                    chapter.field_lines.get("sources", 1),
                    f"lists the source text {key!r} but never cites it: attribute "
                    f"what it draws from it with {{cite:t}}`{key}` (or remove it)",
                )
