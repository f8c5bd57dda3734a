"""YAML front matter of Markdown sources, read by the course model's one reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..course.frontmatter import FrontMatterError, parse_document
from .errors import IngestError


def split_front_matter(text: str) -> tuple[dict[str, Any], list[str], int]:
    """Return (fields, body lines, line number of the first body line).

    A source without front matter gives ``{}`` and all its lines. The reader is
    the book's own (``coursepress.course.frontmatter``), so a draft's front
    matter is read exactly as the build will read it.
    """
    try:
        document = parse_document(text, Path("source"), required=False)
    except FrontMatterError as err:
        raise IngestError(err.message, err.line) from None
    fields = {str(key): value for key, value in document.fields.items()}
    return fields, document.body.split("\n"), document.body_line
