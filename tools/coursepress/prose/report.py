"""Run every prose check on a course and lay out the per-chapter report."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..course.layout import Layout
from ..course.locations import display_path
from .drafts import check_drafts
from .model import Course, Page, Problem, read_course
from .overlap import OverlapIndex, load_sources
from .readability import CEILING, grade_problem, prose_text, reading_grade
from .safety import (
    check_solo_versions,
    check_source_descriptions,
    check_source_lists,
)
from .sentences import AVERAGE_MAX, LONG, LONG_MAX, average, check_sentences, sentences
from .structure import (
    EXERCISES,
    PROSE_WORDS,
    check_chapter,
    check_citations,
    check_glossary,
    prose_words,
)


@dataclass(frozen=True)
class ChapterFigures:
    path: Path
    words: int
    grade: float | None
    sentence: float | None  # average words a sentence
    long: int  # sentences over LONG words
    sections: int
    slides: int
    exercises: int
    problems: int


@dataclass
class Report:
    chapters: list[ChapterFigures] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # failures
    warnings: list[Problem] = field(default_factory=list)  # editorial judgement
    notes: list[str] = field(default_factory=list)  # what was (not) checked

    @property
    def ok(self) -> bool:
        return not self.problems


def _unique(problems: list[Problem]) -> list[Problem]:
    """Sorted, each once (an exercise in two chapters is checked twice)."""
    seen = dict.fromkeys(problems)
    return sorted(seen, key=lambda p: (str(p.path), p.line, p.message))


def _overlap(course: Course, folder: Path, report: Report) -> list[Problem]:
    shown = os.path.relpath(folder, course.root) if folder.is_absolute() else folder
    if not folder.is_dir():
        report.notes.append(
            f"source overlap not checked: no folder {shown} "
            "(pass --sources DIR to check against the source texts)"
        )
        return []
    sources, unread = load_sources(folder)
    for what in unread:
        report.notes.append(f"source overlap: not read {what}")
    if not sources:
        report.notes.append(
            f"source overlap not checked: no readable .txt, .md or .html in {shown}"
        )
        return []
    report.notes.append(
        f"source overlap checked against {len(sources)} "
        f"text{'s' if len(sources) != 1 else ''} in {shown}: "
        + ", ".join(source.path.name for source in sources)
    )
    index = OverlapIndex(sources)
    return [problem for page in course.all_pages for problem in index.check(page)]


def _figures(course: Course, page: Page, problems: list[Problem]) -> ChapterFigures:
    files = {page.path, *(exercise.path for exercise in course.exercises_of(page))}
    found = sentences(page)
    return ChapterFigures(
        path=page.path,
        words=prose_words(page),
        grade=reading_grade(prose_text(page)),
        sentence=average(found),
        long=sum(1 for s in found if s.words > LONG),
        sections=len(page.sections),
        slides=len(page.directives_named("slide")),
        exercises=len(page.directives_named("exercise")),
        problems=sum(1 for problem in problems if problem.path in files),
    )


def check_course(root: Path, sources: Path) -> Report:
    """Read the course under ``root`` and run every check on it."""
    course = read_course(root)
    report = Report()
    found: list[Problem] = list(course.problems)
    for chapter in course.chapters:
        found.extend(check_chapter(course, chapter))
    for page in [*course.exercises.values(), *course.pages]:
        found.extend(page.problems)
    found.extend(check_citations(course))
    found.extend(check_glossary(course))
    found.extend(check_solo_versions(course))
    found.extend(check_source_descriptions(course))
    found.extend(check_source_lists(course))
    found.extend(_overlap(course, sources, report))
    found.extend(check_drafts(course))
    for chapter in course.chapters:
        problems, warnings = check_sentences(chapter)
        found.extend(problems)
        report.warnings.extend(warnings)
        message = grade_problem(reading_grade(prose_text(chapter)))
        if message:
            line = chapter.title.line if chapter.title else 1
            found.append(Problem(chapter.path, line, message))
    report.problems = _unique(found)
    report.warnings = _unique(report.warnings)
    if not course.chapters:
        report.problems.append(
            Problem(Layout(root).chapters, 1, "no chapters (NN-slug.md) here")
        )
    for chapter in course.chapters:
        report.chapters.append(_figures(course, chapter, report.problems))
    return report


def _table(rows: list[list[str]]) -> list[str]:
    """Columns padded to width: the first left-aligned, numbers right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def render(report: Report) -> list[str]:
    """The report as lines: the table, then warnings, problems and a summary."""
    low, high = PROSE_WORDS
    rows = [
        [
            "chapter",
            "words",
            "grade",
            "sentence",
            f">{LONG}",
            "sections",
            "slides",
            "exercises",
            "problems",
        ]
    ]
    for figures in report.chapters:
        grade = "-" if figures.grade is None else f"{figures.grade:.1f}"
        if grade_problem(figures.grade):
            grade += "!"
        sentence = "-" if figures.sentence is None else f"{figures.sentence:.1f}"
        if figures.sentence is not None and figures.sentence > AVERAGE_MAX:
            sentence += "!"
        long = str(figures.long) + ("!" if figures.long > LONG_MAX else "")
        rows.append(
            [
                figures.path.stem,
                f"{figures.words:,}",
                grade,
                sentence,
                long,
                str(figures.sections),
                str(figures.slides),
                str(figures.exercises),
                str(figures.problems),
            ]
        )
    rows.append(
        [
            "target",
            f"{low:,}-{high:,}",
            f"<={CEILING:g}",
            f"<={AVERAGE_MAX:g}",
            f"<={LONG_MAX}",
            "",
            "each",
            f"{EXERCISES[0]}-{EXERCISES[1]}",
            "0",
        ]
    )
    lines = _table(rows)
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(len(lines) - 1, "-" * len(lines[0]))
    lines += [
        "words: running prose, outside boxes, slides, notes and exercises",
        "grade: Flesch-Kincaid grade of that prose (textstat), a ceiling; ! above it",
        f"sentence: average words a sentence (aim for about 15); >{LONG}: "
        f"sentences over {LONG} words; ! above the limit",
    ]
    details = [
        f"{display_path(p.path)}:{p.line}: {'warning: ' if p.warning else ''}"
        f"{p.message}"
        for p in [*report.warnings, *report.problems]
    ]
    if details:
        lines += ["", *details]
    count = len(report.problems)
    lines += [
        "",
        "all prose checks passed"
        if report.ok
        else f"{count} problem{'s' if count != 1 else ''} to fix",
    ]
    return lines
