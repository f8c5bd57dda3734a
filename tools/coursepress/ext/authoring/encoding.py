"""Sources not UTF-8, or too large: an error naming the file and line, no traceback.

Sphinx decodes each source as UTF-8 while reading it, and a file saved in
another encoding (Latin-1, Windows-1252...) stopped the build with "Encoding
error!" and a traceback. Checked before reading instead: the file is reported
with the line and column of the first byte that is not UTF-8, and left out of
the build, so the error is the only thing the author reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from coursepress.course.errors import MAX_TEXT_BYTES, too_large

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def first_bad_byte(data: bytes) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte that is not UTF-8, or None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        return line, column, data[err.start]
    return None


def _check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        try:
            size = path.stat().st_size
            data = path.read_bytes() if size <= MAX_TEXT_BYTES else b""
        except OSError:
            continue  # Sphinx reports a file it cannot read itself
        bad = first_bad_byte(data)
        if size > MAX_TEXT_BYTES:
            message, line = f"{too_large(size)}; it was left out of this build", 1
        elif bad is not None:
            line, column, byte = bad
            message = (
                f"this file is not UTF-8 (byte 0x{byte:02x} at column {column}): "
                "save it as UTF-8 in your editor (most offer an 'Encoding' choice "
                "when saving); it was left out of this build"
            )
        else:
            continue
        logger.error(
            message, location=(docname, line), type="course", subtype="encoding"
        )
        docnames.remove(docname)
        # Not found either: a glob toctree leaves it out instead of waiting
        # for a doctree that will never be read.
        env.found_docs.discard(docname)


def setup_encoding(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _check_sources)
