"""A chapter's front matter: its workshop module, teaching time and source texts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import CourseFileError
from .frontmatter import Document

#: Front matter fields a chapter may carry (MyST/Sphinx's own are allowed too).
CHAPTER_FIELDS = {
    "module": "the workshop module number (0, 1, 2, ...)",
    "teaching_minutes": "minutes of teaching in a workshop, exercises not counted",
    "sources": "a list of source keys from the bibliography, e.g. [smith_2020]",
}
#: Fields written by ``coursepress ingest`` into drafts, kept for provenance.
DRAFT_FIELDS = frozenset({"title", "source_key", "attribution", "date"})
SPHINX_FIELDS = frozenset(
    {"orphan", "tocdepth", "nocomments", "nosearch", "myst", "html_meta"}
)


#: The word every output puts before a chapter's number when it names one.
CHAPTER_WORD = "Chapter"


def chapter_name(module: int) -> str:
    """A chapter named in text, run sheets and decks: "Chapter 3" (its module)."""
    return f"{CHAPTER_WORD} {module}"


def chapters_named(modules: Sequence[int]) -> str:
    """ "Chapter 2", "Chapters 2 and 3", "Chapters 1, 2 and 3"; "" for none."""
    if len(modules) < 2:
        return chapter_name(modules[0]) if modules else ""
    numbers = [str(m) for m in modules]
    return f"{CHAPTER_WORD}s {', '.join(numbers[:-1])} and {numbers[-1]}"


def numbered_title(module: int, title: str) -> str:
    """A chapter's title wherever it heads or lists it: "3. Why men don't open up"."""
    return f"{module}. {title}"


@dataclass(frozen=True)
class ChapterFront:
    """A chapter's checked front matter."""

    module: int
    teaching_minutes: int
    sources: tuple[str, ...]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_chapter(
    document: Document,
) -> tuple[ChapterFront | None, list[CourseFileError]]:
    """The chapter's front matter and every problem in it.

    None when the chapter cannot be used (a module or time that is not a whole
    number, sources that are not a list); an unknown field is only reported.
    """
    fields = document.fields
    problems = [
        document.error(
            f"unknown front matter field {key!r}: a chapter has "
            f"{', '.join(CHAPTER_FIELDS)}",
            key,
        )
        for key in fields
        if key not in CHAPTER_FIELDS and key not in DRAFT_FIELDS | SPHINX_FIELDS
    ]
    ok = True
    for key in ("module", "teaching_minutes"):
        value = fields.get(key)
        if not _is_int(value) or value < 0:
            problems.append(
                document.error(
                    f"front matter field {key!r} must be a whole number "
                    f"({CHAPTER_FIELDS[key]}), not {value!r}",
                    key,
                )
            )
            ok = False
    sources = fields.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        problems.append(
            document.error(f"'sources' must be {CHAPTER_FIELDS['sources']}", "sources")
        )
        ok, sources = False, []
    if not ok:
        return None, problems
    front = ChapterFront(fields["module"], fields["teaching_minutes"], tuple(sources))
    return front, problems


def unknown_sources(
    document: Document, front: ChapterFront, known: Collection[str]
) -> list[CourseFileError]:
    """A problem, on its own line, for each source key no ``.bib`` file defines."""
    return [
        document.error(
            f"unknown source key {key!r}: add its record to a .bib file of the "
            "book (coursepress ingest writes one) or correct the key",
            "sources",
            index,
        )
        for index, key in enumerate(front.sources)
        if key not in known
    ]
