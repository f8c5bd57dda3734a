"""What every chapter must hold (AUTHORING.md, the course brief), checked.

Each check returns ``Problem``s naming the file and line to fix; none of them
needs Sphinx, so the whole course is checked in well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..course.exercise import GROUP_FORMATS, validate_exercise
from .model import Course, Page, Problem, TextBlock

OBJECTIVES = (3, 5)  # items in {objectives}
KEYPOINTS = (3, 5)  # items in {keypoints}
EXERCISES = (2, 4)  # exercises per chapter
SLIDE_BULLETS = 6  # at most, per slide
BULLET_WORDS = 15  # at most, per bullet: longer is a paragraph
PROSE_WORDS = (1500, 3000)  # running text per chapter

#: Topics that call for a {content-note} (the course brief's safety list).
SENSITIVE = re.compile(
    r"\b(depress\w*|anxi(?:ety|eties|ous)|a?sham(?:e|ed|es|eful|ing)\b|suicid\w*)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'\u2019]+(?:-[\w'\u2019]+)*")
_CITE_NOTE = re.compile(r"\{[^{}]*\}")  # {pre}key{post} notes in a citation


def count_words(text: str) -> int:
    """Words as a reader counts them: "side-by-side" and "don't" are one each."""
    return len(_WORD.findall(text))


def _line(page: Page) -> int:
    return page.title.line if page.title else 1


def _count_problem(
    page: Page, line: int, what: str, count: int, limits: tuple[int, int]
) -> Problem | None:
    low, high = limits
    if low <= count <= high:
        return None
    return Problem(page.path, line, f"{what} has {count} items: write {low} to {high}")


def _list_block(
    page: Page, name: str, label: str, limits: tuple[int, int]
) -> Iterable[Problem]:
    """One ``{name}`` box that is a list of ``limits`` items."""
    found = page.directives_named(name)
    if not found:
        yield Problem(
            page.path,
            _line(page),
            f"no {{{name}}}: every chapter lists its {label} "
            f"({limits[0]} to {limits[1]} bullets) in a :::{{{name}}} block",
        )
        return
    for extra in found[1:]:
        yield Problem(
            page.path, extra.line, f"a second {{{name}}}: keep one per chapter"
        )
    box = found[0]
    for paragraph in box.paragraphs:
        yield Problem(
            page.path,
            paragraph.line,
            f"{{{name}}} holds a paragraph: write the {label} as '- ' bullets",
        )
    top = [item for item in box.items if item.depth == 0]
    problem = _count_problem(page, box.line, f"{{{name}}}", len(top), limits)
    if problem:
        yield problem


def _bullet_problems(page: Page, block: TextBlock) -> Iterable[Problem]:
    words = count_words(block.text)
    if words > BULLET_WORDS:
        yield Problem(
            page.path,
            block.line,
            f"slide bullet of {words} words reads as a paragraph: "
            f"keep each bullet to {BULLET_WORDS} words or fewer "
            "(the prose travels to the speaker notes)",
        )


def check_discussion(page: Page) -> Iterable[Problem]:
    if not any(box.items for box in page.directives_named("discussion")):
        yield Problem(
            page.path,
            _line(page),
            "no {discussion} questions: end the chapter with a :::{discussion} "
            "list of questions for the group or the reader",
        )


def check_sections(page: Page) -> Iterable[Problem]:
    """Every ``##`` section: one {slide} of a few short bullets, facilitator notes."""
    if not page.sections:
        yield Problem(
            page.path,
            _line(page),
            "no '## ' sections: each section becomes one slide of the deck",
        )
    for index, section in enumerate(page.sections):
        directives = [d for d in page.directives if d.section == index]
        slides = [d for d in directives if d.name == "slide"]
        if not slides:
            yield Problem(
                page.path,
                section.line,
                f"section {section.title!r} has no {{slide}}: "
                "add a :::{slide} block of a few short bullets",
            )
        for extra in slides[1:]:
            yield Problem(
                page.path,
                extra.line,
                f"a second {{slide}} in section {section.title!r}: "
                "a section is one slide, merge the bullets",
            )
        if not any(d.name == "facilitator" for d in directives):
            yield Problem(
                page.path,
                section.line,
                f"section {section.title!r} has no {{facilitator}} notes: "
                "add timing, what to watch for and how to respond",
            )
    for slide in page.directives_named("slide"):
        for paragraph in slide.paragraphs:
            if paragraph.text:
                yield Problem(
                    page.path,
                    paragraph.line,
                    "a paragraph on a slide: slides hold short '- ' bullets only "
                    "(move the text to the section's prose or facilitator notes)",
                )
        if len(slide.items) > SLIDE_BULLETS:
            yield Problem(
                page.path,
                slide.line,
                f"slide has {len(slide.items)} bullets: "
                f"keep it to {SLIDE_BULLETS} or fewer",
            )
        for item in slide.items:
            yield from _bullet_problems(page, item)


def _exercise_fields(exercise: Page) -> Iterable[Problem]:
    """The build's own front matter checks (one rule, one message)."""
    has_debrief = bool(exercise.directives_named("debrief"))
    for message, line in validate_exercise(
        exercise.fields, exercise.field_lines, has_debrief
    ):
        yield Problem(exercise.path, line, message)


def check_exercises(course: Course, page: Page) -> Iterable[Problem]:
    """2 to 4 exercises that exist, with at least one solo and one group format."""
    included = page.directives_named("exercise")
    low, high = EXERCISES
    if not low <= len(included) <= high:
        yield Problem(
            page.path,
            included[-1].line if included else _line(page),
            f"chapter has {len(included)} exercises: include {low} to {high} "
            "with ':::{exercise} NAME' (at least one solo, one for a group)",
        )
    for directive in included:
        if directive.argument not in course.exercises:
            yield Problem(
                page.path,
                directive.line,
                f"no exercise file exercises/{directive.argument}.md",
            )
    exercises = course.exercises_of(page)
    for exercise in exercises:
        yield from exercise.problems
        if not exercise.problems:
            yield from _exercise_fields(exercise)
    formats = {exercise.fields.get("format") for exercise in exercises}
    if included and "solo" not in formats:
        yield Problem(
            page.path,
            included[0].line,
            "no solo exercise: add one a reader can do alone (format: solo)",
        )
    if included and not formats & set(GROUP_FORMATS):
        yield Problem(
            page.path,
            included[0].line,
            "no group exercise: add one for a workshop "
            f"(format: {', '.join(GROUP_FORMATS)})",
        )


def check_content_note(course: Course, page: Page) -> Iterable[Problem]:
    """Depression, anxiety, shame or suicide in a chapter call for a content note."""
    if page.directives_named("content-note"):
        return
    for source in [page, *course.exercises_of(page)]:
        for block in source.blocks:
            for line, text in block.lines:
                match = SENSITIVE.search(text)
                if match:
                    where = "" if source is page else f" (in {source.path.name})"
                    yield Problem(
                        page.path,
                        _line(page) if source is not page else line,
                        f"mentions {match.group(0)!r}{where} but has no "
                        "{content-note}: add one after the title",
                    )
                    return


def prose_words(page: Page) -> int:
    return sum(count_words(block.text) for block in page.prose)


def check_length(page: Page) -> Iterable[Problem]:
    words = prose_words(page)
    low, high = PROSE_WORDS
    if not low <= words <= high:
        advice = "add to" if words < low else "trim"
        yield Problem(
            page.path,
            _line(page),
            f"prose is {words:,} words: {advice} it to {low:,}-{high:,} "
            "(running text, without boxes, slides, notes or exercises)",
        )


def check_chapter(course: Course, page: Page) -> list[Problem]:
    """Every structural problem of one chapter (and of the exercises it includes)."""
    if page.title is None:
        return [
            *page.problems,
            Problem(page.path, 1, "no title: start the chapter with a '# ' heading"),
        ]
    return [
        *page.problems,
        *_list_block(page, "objectives", "learning objectives", OBJECTIVES),
        *_list_block(page, "keypoints", "key points", KEYPOINTS),
        *check_discussion(page),
        *check_sections(page),
        *check_exercises(course, page),
        *check_content_note(course, page),
        *check_length(page),
    ]


def _cite_keys(content: str) -> list[str]:
    return [key.strip() for key in _CITE_NOTE.sub("", content).split(",")]


def check_citations(course: Course) -> Iterable[Problem]:
    """Every ``{cite}`` key and every front matter source is in the bibliography."""
    for page in course.all_pages:
        for role in page.roles:
            if role.name != "cite" and not role.name.startswith("cite:"):
                continue
            for key in _cite_keys(role.content):
                if key not in course.bib_keys:
                    yield Problem(
                        page.path,
                        role.line,
                        f"unknown citation key {key!r}: cite only entries of "
                        "book/references.bib",
                    )
        sources = page.fields.get("sources") or []
        if page in course.chapters and isinstance(sources, list):
            for key in sources:
                if key not in course.bib_keys:
                    yield Problem(
                        page.path,
                        page.field_lines.get("sources", 1),
                        f"unknown source key {key!r} in the front matter",
                    )


def _term_key(text: str) -> str:
    # Sphinx matches glossary terms case-insensitively, whatever the line wrapping.
    return " ".join(text.split()).lower()


def check_glossary(course: Course) -> Iterable[Problem]:
    """Every ``{term}`` is a glossary entry; every entry is used outside it."""
    glossary = course.glossary
    terms: dict[str, TextBlock] = {}
    if glossary is not None:
        for block in glossary.blocks:
            if block.kind == "term":
                terms.setdefault(_term_key(block.text), block)
    used: set[str] = set()
    for page in course.all_pages:
        for role in page.roles:
            if role.name != "term":
                continue
            key = _term_key(role.target)
            if page is not glossary:
                used.add(key)
            if key not in terms:
                yield Problem(
                    page.path,
                    role.line,
                    f"unknown glossary term {role.target!r}: add it to "
                    "book/glossary.md or correct the spelling",
                )
    if glossary is None:
        return
    for key, block in terms.items():
        if key not in used:
            yield Problem(
                glossary.path,
                block.line,
                f"glossary term {block.text!r} is never used with {{term}}: "
                "mark where a chapter explains it, or remove the entry",
            )
