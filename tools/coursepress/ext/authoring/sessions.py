"""Workshop formats inside Sphinx: configuration and scheduling against ``env``.

Both the decks (session decks, agendas) and the facilitator guide (run sheets)
need the schedules; problems are logged at the format file and line, so a strict
build fails naming the session. Every build of the book checks them after reading
(``check_formats``), so ``nox -s html``, ``preview`` and ``build`` fail alike on a
format problem or on a module that no session teaches.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.util import logging

from coursepress.course.formats import Format, FormatError, load_format
from coursepress.course.locations import location

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
#: Problems already reported in a build: the check after reading and the builders
#: that schedule (decks, guide) load the formats again.
_REPORTED: WeakKeyDictionary[BuildEnvironment, set[tuple[str, int, str]]] = (
    WeakKeyDictionary()
)


def course_formats(env: BuildEnvironment) -> list[Format]:
    """Every format in ``course_formats_dir``, scheduled; bad ones are reported."""
    folder = env.config.course_formats_dir
    if not folder or not Path(folder).is_dir():
        return []
    chapters = {c.module: c for c in env.course_chapters.values()}
    formats = []
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            formats.append(load_format(path, chapters, env.course_exercises))
        except FormatError as err:
            reported = _REPORTED.setdefault(env, set())
            for message, line in err.problems:
                if (str(err.path), line, message) in reported:
                    continue
                reported.add((str(err.path), line, message))
                logger.warning(
                    message,
                    location=location(err.path, line),
                    type="course",
                    subtype="format",
                )
    return formats


def unscheduled(env: BuildEnvironment, formats: list[Format]) -> list[Any]:
    """The chapters no session of any format teaches, in module order."""
    covered = {
        module
        for fmt in formats
        for session in fmt.sessions
        for module in session.modules
    }
    chapters = sorted(env.course_chapters.values(), key=lambda c: c.module)
    return [c for c in chapters if c.module not in covered]


def check_formats(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading, in every build: the formats schedule, every module is taught."""
    formats = course_formats(env)
    if not formats:
        return
    shown = "/".join(Path(env.config.course_formats_dir).parts[-2:])  # slides/formats
    for chapter in unscheduled(env, formats):
        logger.warning(
            f"module {chapter.module} ({chapter.title!r}) is in no session of the "
            f"workshop formats in {shown}: add it to a session's plan, or the run "
            "sheets and session decks leave it out (the facilitator guide lists "
            "it under 'Chapters in no workshop format')",
            location=(chapter.docname, 1),
            type="course",
            subtype="format",
        )


def setup_format_check(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_formats)
