"""A printable sheet of ``book/sheets/``: its front matter and its title.

A sheet is one MyST file with front matter::

    ---
    name: Weekly check-in  # what lists call it
    order: 1            # where it comes in lists
    pages: 1            # how many pages it is meant to print on (1 or 2)
    summary: One sentence: what it is for and who fills it in.
    ---
    # The sheet's title
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .bounds import check_in_own_folder
from .errors import CourseFileError
from .frontmatter import read_document
from .layout import sheet_pdf

#: The fields of a sheet, and what each holds.
SHEET_FIELDS = {
    "name": "what lists call the sheet, e.g. 'Weekly check-in'",
    "order": "a whole number: where it comes in lists",
    "pages": "1 or 2: the pages it is meant to print on",
    "summary": "one sentence on what the sheet is for",
}
_TITLE = re.compile(r"^# +(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Sheet:
    slug: str  # the file's stem, and the PDF's
    name: str  # what lists call it: "Weekly check-in"
    title: str  # its heading on paper: "How was your week?"
    summary: str
    pages: int
    order: int

    @property
    def pdf(self) -> str:
        return sheet_pdf(self.slug)

    @property
    def letter_pdf(self) -> str:
        return sheet_pdf(self.slug, letter=True)


def sheet_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.stem not in ("index", "README"))


def read_sheet(path: Path) -> Sheet:
    """One sheet's front matter and title, or raise CourseFileError."""
    check_in_own_folder(path)  # a link to a file elsewhere is not read
    document = read_document(path)
    fields = document.fields
    for key in fields:
        if key not in SHEET_FIELDS:
            raise document.error(
                f"unknown front matter field {key!r}: "
                f"a sheet has {', '.join(SHEET_FIELDS)}",
                key,
            )
    pages, order = fields.get("pages"), fields.get("order")
    if pages not in (1, 2) or isinstance(pages, bool):
        raise document.error("'pages' must be 1 or 2", "pages")
    if not isinstance(order, int) or isinstance(order, bool):
        raise document.error("'order' must be a whole number", "order")
    texts = {}
    for key in ("name", "summary"):
        value = fields.get(key)
        if not isinstance(value, str) or not value.strip():
            raise document.error(f"'{key}' is missing: {SHEET_FIELDS[key]}", key)
        texts[key] = value.strip()
    title = _TITLE.search(document.body)
    if not title:
        raise CourseFileError(
            "no title: the sheet needs a '# Title' line", path, document.body_line
        )
    return Sheet(
        path.stem, texts["name"], title.group(1), texts["summary"], pages, order
    )


def read_sheets(folder: Path) -> list[Sheet]:
    return sorted(
        (read_sheet(path) for path in sheet_files(folder)),
        key=lambda s: (s.order, s.slug),
    )
