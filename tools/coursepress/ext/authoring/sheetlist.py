"""The printable sheets of ``book/sheets/``: what they are, and a list of them.

A sheet is one MyST file in ``book/sheets/`` with front matter (read by
``coursepress.course.sheet``). The ``sheetpdf`` builder (``ext/sheets.py``)
renders each to its own PDF, published to ``downloads/printables/``;
``{printable-sheets}`` lists them in the book, and the workshop kit carries them.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from coursepress.course.errors import CourseFileError
from coursepress.course.facts import published_url
from coursepress.course.layout import PRINTABLES, SHEETS
from coursepress.course.sheet import Sheet, read_sheet, read_sheets, sheet_files

from ..audience import site_folder
from ..compat import current_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _sheet_uri(env: Any, docname: str, pdf: str) -> str:
    target = f"{PRINTABLES}/{pdf}"
    builder = current_builder(env)
    folder = site_folder(builder)
    if folder is not None:  # a page of the site (the decks: in slides/)
        page = posixpath.join(folder, builder.get_target_uri(docname))
        return relative_uri(page, target)
    # A PDF or an EPUB read offline has no downloads folder beside it: the
    # published address, or (before the course has a real one) no link at all.
    base = published_url(env.config.course_base_url)
    return base + target if base else ""


def _sheet_link(
    text: str, sheet: Sheet, listed: bool = False, letter: bool = False
) -> nodes.reference:
    # Where the PDF is depends on the output (SheetLinks sets it when writing).
    # A listed sheet says where its file is even where nothing can link to it.
    pdf = sheet.letter_pdf if letter else sheet.pdf
    return nodes.reference(
        "", text, refuri="#", internal=False, sheet_pdf=pdf, sheet_listed=listed
    )


def _sheet_file(pdf: str) -> nodes.Node:
    """Where a sheet's PDF is in the site and the workshop kit, as text: a PDF or
    an EPUB read offline (no published address) can only name it."""
    return nodes.literal("", f"{PRINTABLES}/{pdf}", classes=["sheet-file"])


class SheetLinks(SphinxPostTransform):
    """Links to sheets, relative on the site and in the kit, absolute elsewhere."""

    default_priority = 210

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            if "sheet_pdf" in ref:
                uri = _sheet_uri(self.env, self.env.docname, ref["sheet_pdf"])
                if not uri:  # nowhere to link to: the sheet's name, and its file
                    name = nodes.inline("", ref.astext(), classes=["sheet"])
                    if ref.get("sheet_listed"):
                        name = nodes.inline(
                            "",
                            "",
                            name,
                            nodes.Text(", "),
                            _sheet_file(ref["sheet_pdf"]),
                        )
                    ref.replace_self(name)
                    continue
                ref["refuri"] = uri
                del ref["sheet_pdf"], ref["sheet_listed"]


class PrintableSheetsDirective(SphinxDirective):
    """``{printable-sheets}``: every sheet, linked to its PDF, with its summary."""

    def run(self) -> list[nodes.Node]:
        folder = Path(self.env.srcdir) / SHEETS
        try:
            sheets = read_sheets(folder)
        except CourseFileError as err:
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
            para += _sheet_link(sheet.name, sheet, listed=True)
            para += nodes.Text(f" (PDF, {pages}, A4; in ")
            para += _sheet_link("US Letter", sheet, listed=True, letter=True)
            para += nodes.Text(f"): {sheet.summary}")
            items += nodes.list_item("", para, ids=[f"sheet-{sheet.slug}"])
        return [items]


class SheetRole(SphinxRole):
    """``{sheet}`feeling words <feeling-words>```: a link to one sheet's PDF."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = re.fullmatch(r"\s*(.*?)\s*<([\w-]+)>\s*", self.text)
        text, slug = (
            (match.group(1), match.group(2)) if match else (None, self.text.strip())
        )
        path = Path(self.env.srcdir) / SHEETS / f"{slug}.md"
        if not path.is_file():
            message = self.inliner.reporter.error(
                f"no printable sheet {slug!r}: the sheets are the files of "
                f"book/sheets/ ({', '.join(p.stem for p in sheet_files(path.parent))})",
                line=self.lineno,
            )
            return [], [message]
        try:
            sheet = read_sheet(path)
        except CourseFileError as err:
            return [], [self.inliner.reporter.error(str(err), line=self.lineno)]
        self.env.note_dependency(str(path))
        return [_sheet_link(text or sheet.name, sheet)], []


def setup_sheetlist(app: Sphinx) -> None:
    app.add_directive("printable-sheets", PrintableSheetsDirective)
    app.add_role("sheet", SheetRole())
    app.add_post_transform(SheetLinks)
