"""The printable sheets of ``book/sheets/``: what they are, and a list of them.

A sheet is one MyST file in ``book/sheets/`` with front matter::

    ---
    name: Crisis handout  # what lists call it
    order: 1            # where it comes in lists
    pages: 1            # how many pages it is meant to print on (1 or 2)
    summary: One sentence: what it is for and who fills it in.
    ---
    # The sheet's title

The ``sheetpdf`` builder (``ext/sheets.py``) renders each to its own PDF,
published to ``downloads/printables/``; ``{printable-sheets}`` lists them in the
book, and the workshop kit carries them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from coursepress.course.frontmatter import FrontMatterError, read_document
from coursepress.course.layout import PRINTABLES

from ..audience import site_folder
from ..compat import current_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_TITLE = re.compile(r"^# +(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Sheet:
    slug: str  # the file's stem, and the PDF's
    name: str  # what lists call it: "Intake and screening form"
    title: str  # its heading on paper: "Before the course: about you"
    summary: str
    pages: int
    order: int

    @property
    def pdf(self) -> str:
        return f"{self.slug}.pdf"


class SheetError(ValueError):
    def __init__(self, message: str, path: Path, line: int) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line = path, line


def sheet_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.stem not in ("index", "README"))


def read_sheet(path: Path) -> Sheet:
    """One sheet's front matter and title, or raise SheetError."""
    try:
        document = read_document(path)
    except FrontMatterError as err:
        raise SheetError(str(err), path, err.line) from err
    fields, lines = document.fields, document.field_lines
    for key in fields:
        if key not in ("name", "order", "pages", "summary"):
            raise SheetError(
                f"unknown front matter field {key!r}: "
                "a sheet has name, order, pages, summary",
                path,
                lines.get(key, 1),
            )
    pages = fields.get("pages")
    if pages not in (1, 2):
        raise SheetError("'pages' must be 1 or 2", path, lines.get("pages", 1))
    order = fields.get("order")
    if not isinstance(order, int):
        raise SheetError("'order' must be a whole number", path, lines.get("order", 1))
    name = fields.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SheetError(
            "'name' is missing: what lists call the sheet, e.g. 'Crisis handout'",
            path,
            lines.get("name", 1),
        )
    summary = fields.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise SheetError(
            "'summary' is missing: one sentence on what the sheet is for",
            path,
            lines.get("summary", 1),
        )
    title = _TITLE.search(document.body)
    if not title:
        raise SheetError(
            "no title: the sheet needs a '# Title' line", path, document.body_line
        )
    return Sheet(path.stem, name.strip(), title.group(1), summary.strip(), pages, order)


def read_sheets(folder: Path) -> list[Sheet]:
    return sorted(
        (read_sheet(path) for path in sheet_files(folder)),
        key=lambda s: (s.order, s.slug),
    )


def _sheet_uri(env: Any, docname: str, pdf: str) -> str:
    target = f"{PRINTABLES}/{pdf}"
    builder = current_builder(env)
    folder = site_folder(builder)
    if folder is not None:  # a page of the site (the decks: in slides/)
        page = posixpath.join(folder, builder.get_target_uri(docname))
        return relative_uri(page, target)
    # A PDF or an EPUB read offline has no downloads folder beside it: the
    # published address, or (before the course has one) no link at all.
    base = env.config.course_base_url
    return base.rstrip("/") + "/" + target if base else ""


def _sheet_link(text: str, sheet: Sheet) -> nodes.reference:
    # Where the PDF is depends on the output (SheetLinks sets it when writing).
    return nodes.reference("", text, refuri="#", internal=False, sheet_pdf=sheet.pdf)


class SheetLinks(SphinxPostTransform):
    """Links to sheets, relative on the site and in the kit, absolute elsewhere."""

    default_priority = 210

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            if "sheet_pdf" in ref:
                uri = _sheet_uri(self.env, self.env.docname, ref["sheet_pdf"])
                if not uri:  # nowhere to link to: the sheet's name alone
                    ref.replace_self(nodes.inline("", ref.astext(), classes=["sheet"]))
                    continue
                ref["refuri"] = uri
                del ref["sheet_pdf"]


class PrintableSheetsDirective(SphinxDirective):
    """``{printable-sheets}``: every sheet, linked to its PDF, with its summary."""

    def run(self) -> list[nodes.Node]:
        folder = Path(self.env.srcdir) / "sheets"
        try:
            sheets = read_sheets(folder)
        except SheetError as err:
            raise self.error(str(err)) from err
        if not sheets:
            raise self.error(
                f"there are no sheets in {folder}: add one, or remove this list"
            )
        for path in sheet_files(folder):
            self.env.note_dependency(str(path))
        items = nodes.bullet_list(classes=["printable-sheets"])
        for sheet in sheets:
            pages = "one page" if sheet.pages == 1 else "two pages"
            para = nodes.paragraph()
            para += _sheet_link(sheet.name, sheet)
            para += nodes.Text(f" (PDF, {pages}): {sheet.summary}")
            items += nodes.list_item("", para, ids=[f"sheet-{sheet.slug}"])
        return [items]


class SheetRole(SphinxRole):
    """``{sheet}`feeling words <feeling-words>```: a link to one sheet's PDF."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = re.fullmatch(r"\s*(.*?)\s*<([\w-]+)>\s*", self.text)
        text, slug = (
            (match.group(1), match.group(2)) if match else (None, self.text.strip())
        )
        path = Path(self.env.srcdir) / "sheets" / f"{slug}.md"
        if not path.is_file():
            message = self.inliner.reporter.error(
                f"no printable sheet {slug!r}: the sheets are the files of "
                f"book/sheets/ ({', '.join(p.stem for p in sheet_files(path.parent))})",
                line=self.lineno,
            )
            return [], [message]
        try:
            sheet = read_sheet(path)
        except SheetError as err:
            return [], [self.inliner.reporter.error(str(err), line=self.lineno)]
        self.env.note_dependency(str(path))
        return [_sheet_link(text or sheet.name, sheet)], []


def setup_sheetlist(app: Sphinx) -> None:
    app.add_directive("printable-sheets", PrintableSheetsDirective)
    app.add_role("sheet", SheetRole())
    app.add_post_transform(SheetLinks)
