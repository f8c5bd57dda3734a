"""Exercises: one MyST file each in ``exercises/``, included by name in a chapter.

The directive reads and validates the file, parses its body as MyST (so errors in
it point at the exercise file) and emits a neutral ``exercise`` node. Numbers
("Exercise 1.2") are given per chapter after reading, from the chapter's module
number, so every builder shows the same number. What other documents need (the
facilitator guide, run sheets) is kept in ``env`` with purge and merge handlers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import languages, nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from coursepress.course.bounds import is_inside, outside_message
from coursepress.course.exercise import check_exercise
from coursepress.course.frontmatter import FrontMatterError, read_document
from coursepress.course.locations import location

from ..envdata import add_doc_store
from ..nodes import exercise, exercise_debrief, exercise_prompts
from .blocks import _ContentDirective
from .paths import course_roots

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SOLO_TITLE = "On your own"


def _warn_at(path: Path, line: int, message: str) -> None:
    """A problem in an exercise file, reported at its own file and line."""
    logger.warning(
        message, location=location(path, line), type="course", subtype="exercise"
    )


@dataclass(frozen=True)
class ExerciseInfo:
    """What the rest of the course needs to know about one included exercise."""

    name: str
    docname: str
    number: str
    title: str
    duration: int
    format: str
    materials: tuple[str, ...]
    debrief: int = 0  # minutes of report-back after the activity
    transition: int = 0  # minutes to move into pairs or groups
    pairs: str = ""  # the pairing rule, for pairs and couples exercises
    safeguards: tuple[str, ...] = ()  # said wherever it is done, home included
    solo: bool = False  # it has a {solo} version for one person

    @property
    def minutes(self) -> int:
        """What the exercise really takes in a room: moving, activity, debrief."""
        return self.transition + self.duration + self.debrief


class ExerciseDirective(SphinxDirective):
    """``{exercise} NAME``: include ``exercises/NAME.md`` as a numbered exercise."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        folder = Path(self.config.course_exercises_dir)
        path = folder / f"{name}.md"
        roots = course_roots(self.config, self.env.srcdir)
        if not is_inside(path, roots):  # "../x" or a link pointing elsewhere
            raise self.error(outside_message(name, roots))
        if not path.is_file():
            raise self.error(
                f"no exercise named {name!r}: expected the file {path.name} in "
                f"{folder.name}/ (check the name, or create the exercise)"
            )
        self.env.note_dependency(str(path))
        try:
            document = read_document(path)
        except FrontMatterError as err:
            _warn_at(path, err.line, err.message)
            return []
        front, problems = check_exercise(document)
        for problem in problems:
            _warn_at(path, problem.line, problem.message)
        if front is None:
            return []
        node = exercise(
            name=name,
            title=front.title,
            duration=front.duration,
            format=front.format,
            debrief=front.debrief,
            transition=front.transition,
            materials=list(front.materials),
            pairs=front.pairs,
            safeguards=list(front.safeguards),
            solo=front.solo,
            ids=[nodes.make_id(name)],
        )
        self.set_source_info(node)
        if not _check_directives(self, document.body, path, document.body_line):
            return []
        _parse_file_body(self, document.body, path, document.body_line, node)
        if not node.children:
            _warn_at(
                path,
                document.body_line,
                "the exercise has no instructions: write what participants do "
                "below the front matter",
            )
        return [node]


_FENCE_OPEN = re.compile(r"^\s*(?::{3,}|`{3,})\{(?P<name>[^}]+)\}")


def _directive_exists(name: str, document: nodes.document) -> bool:
    language = languages.get_language(
        document.settings.language_code, document.reporter
    )
    directive_class, _messages = directives.directive(name, language, document)
    return directive_class is not None


def _check_directives(
    directive: SphinxDirective, body: str, path: Path, first_line: int
) -> bool:
    """Report unknown directives at the exercise file (MyST names the chapter)."""
    ok = True
    for offset, line in enumerate(body.splitlines()):
        match = _FENCE_OPEN.match(line)
        name = match["name"].strip() if match else ""
        if (
            name
            and ":" not in name
            and not _directive_exists(name, directive.state.document)
        ):
            _warn_at(
                path,
                first_line + offset,
                f"unknown directive {{{name}}}: an exercise uses {{prompts}}, "
                "{debrief} and {solo} (and ordinary MyST)",
            )
            ok = False
    return ok


def _parse_file_body(
    directive: SphinxDirective,
    text: str,
    path: Path,
    first_line: int,
    parent: nodes.Element,
) -> None:
    """Parse another file's MyST into ``parent``, reporting errors against that file.

    Mirrors MyST's own ``{include}``: point the document and reporter at the file
    for the duration of the nested render.
    """
    renderer = getattr(directive.state, "_renderer", None)
    if renderer is None:  # reStructuredText host: no MyST renderer to borrow
        raise directive.error("the exercise directive is for MyST chapters")
    source, reporter_source = renderer.document["source"], renderer.reporter.source
    line_func = getattr(renderer.reporter, "get_source_and_line", None)
    try:
        renderer.document["source"] = str(path)
        renderer.reporter.source = str(path)
        renderer.reporter.get_source_and_line = lambda line: (str(path), line)
        with renderer.current_node_context(parent):
            renderer.nested_render_text(text, first_line - 1)
    finally:
        renderer.document["source"] = source
        renderer.reporter.source = reporter_source
        if line_func is not None:
            renderer.reporter.get_source_and_line = line_func
        else:
            del renderer.reporter.get_source_and_line


class PromptsDirective(_ContentDirective):
    """``{prompts}``: the questions participants answer."""

    node_class = exercise_prompts


class DebriefDirective(_ContentDirective):
    """``{debrief}``: the facilitator's questions afterwards."""

    node_class = exercise_debrief


class SoloDirective(_ContentDirective):
    """``{solo}``: how to do a partner exercise alone, and when to choose that.

    Couples skills assume a basically safe relationship, so every exercise that
    partners may do together carries a version for one person (the course
    brief's Safety section). It is ordinary content for every audience, so it
    is built from standard nodes: each output shows it without a transform.
    """

    def make_node(self) -> nodes.Element:
        box = nodes.container(classes=["exercise-solo"])
        box += nodes.rubric(text=SOLO_TITLE)
        return box


def number_exercises(app: Sphinx, doctree: nodes.document) -> None:
    """Number a chapter's exercises and register their labels for ``{ref}``."""
    env = app.env
    docname = env.docname
    chapter = env.course_chapters.get(docname)
    module = chapter.module if chapter else None
    std = env.domains.standard_domain
    records = []
    for index, node in enumerate(doctree.findall(exercise), start=1):
        number = f"{module}.{index}" if isinstance(module, int) else str(index)
        node["number"] = number
        label, node_id = node["name"], node["ids"][0]
        title = f"Exercise {number}: {node['title']}"
        if label in std.labels and std.labels[label][0] != docname:
            logger.warning(
                f"exercise {label!r} is already included in {std.labels[label][0]!r}: "
                "an exercise belongs to one chapter (copy it under a new name)",
                location=node,
                type="course",
                subtype="exercise",
            )
            continue
        std.labels[label] = (docname, node_id, title)
        std.anonlabels[label] = (docname, node_id)
        records.append(
            ExerciseInfo(
                label,
                docname,
                number,
                node["title"],
                node["duration"],
                node["format"],
                tuple(node["materials"]),
                node.get("debrief", 0),
                node.get("transition", 0),
                node.get("pairs", ""),
                tuple(node.get("safeguards", ())),
                bool(node.get("solo", False)),
            )
        )
    env.course_exercises[docname] = records


def setup_exercises(app: Sphinx) -> None:
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("prompts", PromptsDirective)
    app.add_directive("debrief", DebriefDirective)
    app.add_directive("solo", SoloDirective)
    add_doc_store(app, "course_exercises")
    app.connect("doctree-read", number_exercises, priority=600)
