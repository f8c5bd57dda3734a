"""The book's ``.bib`` files, checked before sphinxcontrib-bibtex reads them.

sphinxcontrib-bibtex stops the build with a traceback on a file that is not
UTF-8 or has a record never closed, and names no line for a key given twice.
Each file is read first with the course model's reader (the same pybtex
parser), so the author reads one error naming the file, the line and what to
do. A file the extension could not read is left out of the build, so the
traceback never comes; the strict build fails on the error all the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.util import logging

from coursepress.course.bibliography import read_bibliography
from coursepress.course.bounds import is_inside, outside_message
from coursepress.course.errors import CourseFileError
from coursepress.course.locations import display_path, location

from .paths import course_roots

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def _extension_can_read(path: Path, encoding: str) -> bool:
    """Whether sphinxcontrib-bibtex reads ``path`` without an exception.

    It reports data errors (a key given twice) as warnings of its own and
    carries on; anything else it raises.
    """
    try:
        Parser(encoding).parse_file(path)
    except BibliographyDataError:
        return True
    except (PybtexError, UnicodeError, OSError):
        return False
    return True


def check_bibfiles(app: Sphinx, config: Config) -> None:
    if "bibtex_bibfiles" not in config or not config.bibtex_bibfiles:
        return
    kept = []
    roots = course_roots(config, app.srcdir)
    for name in config.bibtex_bibfiles:
        path = Path(app.confdir, name)
        if not is_inside(path, roots):  # a link to a file elsewhere, or "../x"
            logger.error(
                outside_message(display_path(path), roots),
                location=location(path, 1),
                type="course",
                subtype="path",
            )
            continue
        if not path.is_file():
            kept.append(name)  # sphinxcontrib-bibtex reports it itself
            continue
        try:
            read_bibliography([path])
        except CourseFileError as err:
            logger.error(
                err.message,
                location=location(err.path, err.line),
                type="course",
                subtype="bibliography",
            )
            if not _extension_can_read(path, config.bibtex_encoding):
                continue
        kept.append(name)
    config.bibtex_bibfiles = kept


def setup_bibfiles(app: Sphinx) -> None:
    app.connect("config-inited", check_bibfiles)
