"""Run every prose check on a course and lay out the per-chapter report."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..ext.locations import display_path
from .model import Course, Page, Problem, read_course
from .overlap import OverlapIndex, load_sources
from .readability import TARGET, grade_warning, prose_text, reading_grade
from .safety import (
    check_solo_versions,
    check_source_descriptions,
    check_source_lists,
)
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
    sources = load_sources(folder)
    if not sources:
        report.notes.append(f"source overlap not checked: no .txt or .md in {shown}")
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
    return ChapterFigures(
        path=page.path,
        words=prose_words(page),
        grade=reading_grade(prose_text(page)),
        sections=len(page.sections),
        slides=len(page.directives_named("slide")),
        exercises=len(page.directives_named("exercise")),
        problems=sum(1 for problem in problems if problem.path in files),
    )


def check_course(root: Path, sources: Path) -> Report:
    """Read the course under ``root`` and run every check on it."""
    course = read_course(root)
    report = Report()
    found: list[Problem] = []
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
    report.problems = _unique(found)
    if not course.chapters:
        report.problems.append(
            Problem(root / "book" / "chapters", 1, "no chapters (NN-slug.md) here")
        )
    for chapter in course.chapters:
        figures = _figures(course, chapter, report.problems)
        report.chapters.append(figures)
        warning = grade_warning(figures.grade)
        if warning:
            line = chapter.title.line if chapter.title else 1
            report.warnings.append(Problem(chapter.path, line, warning, warning=True))
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
        ["chapter", "words", "grade", "sections", "slides", "exercises", "problems"]
    ]
    for figures in report.chapters:
        grade = "-" if figures.grade is None else f"{figures.grade:.1f}"
        if grade_warning(figures.grade):
            grade += "!"
        rows.append(
            [
                figures.path.stem,
                f"{figures.words:,}",
                grade,
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
            f"{TARGET[0]:g}-{TARGET[1]:g}",
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
        "grade: Flesch-Kincaid grade of that prose (textstat); ! outside the target",
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
