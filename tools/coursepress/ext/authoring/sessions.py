"""Workshop formats inside Sphinx: configuration and scheduling against ``env``.

Both the decks (session decks, agendas) and the facilitator guide (run sheets)
need the schedules; problems are logged at the format file and line, so a strict
build fails naming the session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from coursepress.course.formats import Format, FormatError, load_format
from coursepress.course.locations import location

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


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
            for message, line in err.problems:
                logger.warning(
                    message,
                    location=location(err.path, line),
                    type="course",
                    subtype="format",
                )
    return formats
