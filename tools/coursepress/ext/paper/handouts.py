"""Printed handouts from the same doctrees: the facilitator guide and the workbook.

Both are single-page HTML builders in the print theme's family. Instead of the
whole book they assemble a document of their own from the chapters' doctrees:
- ``guidepdf``: the book's facilitator guide page, then per session its run sheet
  and, for each module, objectives, facilitator notes and exercises with their
  debrief questions;
- ``workbookpdf``: per module the key points and each exercise's instructions and
  prompts with room to write; never facilitator notes or debriefs (the reader
  post-transform removes them). It is written in A4 and in US Letter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes

from coursepress.course.chapter import numbered_title
from coursepress.course.formats import Format, Session, clock
from coursepress.course.layout import GUIDE_PDF, WORKBOOK_LETTER_PDF, WORKBOOK_PDF

from ..audience import Audience
from ..authoring.crisis import crisis_nodes
from ..authoring.forms import fill_in
from ..authoring.sessions import course_formats
from ..nodes import course_block, exercise, exercise_prompts, facilitator_note
from .pdf import LETTER_CSS, CoursePDFBuilder, render
from .unscheduled import unscheduled_modules

#: Room on the crisis pages (workbook, handout) for numbers a facilitator adds.
LOCAL_NUMBERS = [
    "Emergency number",
    "Local crisis line",
    "Domestic abuse service",
    "Your doctor",
    "Your facilitator",
    "Someone you trust",
]


def _section(title: str, node_id: str) -> nodes.section:
    section = nodes.section(ids=[node_id])
    section += nodes.title(text=title)
    return section


def run_sheet_table(session: Session) -> nodes.table:
    table = nodes.table(classes=["run-sheet"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (12, 10, 78):
        group += nodes.colspec(colwidth=width)
    head, body = nodes.thead(), nodes.tbody()
    group += head
    group += body
    for cells, part in ((("Start", "Minutes", "Item"), head),):
        row = nodes.row()
        for text in cells:
            row += nodes.entry("", nodes.paragraph(text=text))
        part += row
    for item in session.items:
        row = nodes.row(classes=[f"run-{item.kind}"])
        title = f"{item.title} ({item.detail} minutes)" if item.detail else item.title
        for text in (item.clock, str(item.minutes), title):
            row += nodes.entry("", nodes.paragraph(text=text))
        body += row
    return table


class HandoutBuilder(CoursePDFBuilder):
    """A print document assembled from parts of the chapters."""

    kind = ""
    pdf_name = ""

    def chapters(self) -> list[Any]:
        return sorted(self.env.course_chapters.values(), key=lambda c: c.module)

    def handout_parts(self) -> list[nodes.Node]:
        raise NotImplementedError

    def assemble_doctree(self) -> nodes.document:
        root = self.config.root_doc
        tree = self.env.get_doctree(root)  # a real document (settings, reporter)
        tree.children = []
        top = _section(self.kind, "handout")
        top["classes"].append("handout")
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper.extend(self.handout_parts())
        top += wrapper
        tree += top
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        _unlink_missing_anchors(tree)
        self._toc = self.render_partial(_toc(wrapper))["fragment"]
        return tree

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        context = super().get_doc_context(docname, body, metatags)
        context.update(
            toc=self._toc,
            display_toc=True,
            course_kind=self.kind,
            handout_title=self.kind,
        )
        return context

    def finish(self) -> None:
        super(CoursePDFBuilder, self).finish()  # the HTML, without the book's PDF
        html = Path(self.outdir, self.config.root_doc + self.out_suffix)
        render(html, Path(self.outdir, self.pdf_name), self.config.language or "en")


def _toc(wrapper: nodes.Element) -> nodes.bullet_list:
    """Contents: the handout's chapters and their sections."""

    def entries(parent: nodes.Element, depth: int) -> nodes.bullet_list:
        items = nodes.bullet_list()
        for section in parent.children:
            if not isinstance(section, nodes.section) or not section["ids"]:
                continue
            para = nodes.paragraph()
            para += nodes.reference(
                "", section[0].astext(), refuri="#" + section["ids"][0]
            )
            item = nodes.list_item("", para)
            if depth > 1:
                sub = entries(section, depth - 1)
                if sub.children:
                    item += sub
            items += item
        return items

    return entries(wrapper, 2)


def chapter_anchor(docname: str) -> str:
    """The id a link to a chapter's document points at in a single-page build:
    the id of the handout's part made from that chapter, so "Chapter 3" lands
    there. Its only id: a second one would be an empty span before the heading,
    left at the foot of a page when the heading starts the next."""
    return f"document-{docname}"


def _unlink_missing_anchors(tree: nodes.document) -> None:
    """Links to book pages that are not in the handout become plain text."""
    ids = {i for node in tree.findall(nodes.Element) for i in node.get("ids", [])}
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if uri.startswith("#") and uri[1:] not in ids:
            ref.replace_self(nodes.inline("", "", *ref.children))


class GuideBuilder(HandoutBuilder):
    name = "guidepdf"
    course_audience = Audience.FACILITATOR  # notes and debriefs shown (readers.py)
    kind = "Facilitator guide"
    pdf_name = GUIDE_PDF

    def handout_parts(self) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        guide = self.config.course_guide_page
        if guide in self.env.all_docs:
            page = next(iter(self.env.get_doctree(guide).findall(nodes.section)))
            parts.append(page.deepcopy())
        covered: set[int] = set()
        formats: list[Format] = sorted(
            course_formats(self.env), key=lambda f: -len(f.sessions)
        )
        by_module = {c.module: c for c in self.chapters()}
        for fmt in formats:
            for session in fmt.sessions:
                # Numbered as the decks and the session PDFs are; the format
                # after it, as two formats may both have a "Session 1".
                section = _section(
                    f"{fmt.session_heading(session)} ({fmt.title})",
                    f"{fmt.slug}-{session.slug}",
                )
                section += nodes.paragraph(
                    text=f"{clock(session.start)} to "
                    f"{clock(session.start + session.used)}: {session.used} "
                    f"of the session's {session.length} minutes "
                    f"({session.spare} spare). An exercise's minutes include "
                    "moving into pairs or groups and its debrief."
                )
                section += run_sheet_table(session)
                for module in session.modules:
                    if module in covered:
                        continue
                    covered.add(module)
                    section += self.module_notes(by_module[module])
                parts.append(section)
        if formats:
            parts += unscheduled_modules(
                self.chapters(),
                covered,
                self.module_notes,
            )
        return parts

    def module_notes(self, chapter: Any) -> nodes.section:
        doctree = self.env.get_doctree(chapter.docname)
        top = next(iter(doctree.findall(nodes.section)))
        notes = _section(
            numbered_title(chapter.module, chapter.title),
            chapter_anchor(chapter.docname),
        )
        notes += nodes.paragraph(
            text=f"Teaching time: {chapter.teaching_minutes} minutes.",
            classes=["teaching-time"],  # with what follows: never alone at a foot
        )
        for child in top.children:
            objectives = (
                isinstance(child, course_block) and child["kind"] == "objectives"
            )
            if objectives or isinstance(child, facilitator_note):
                notes += child.deepcopy()
        for index, sub in enumerate(
            c for c in top.children if isinstance(c, nodes.section)
        ):
            part = _section(sub[0].astext(), f"notes-{chapter.module}-{index}")
            for node in sub.findall(
                lambda n: isinstance(n, (facilitator_note, exercise))
            ):
                if not any(isinstance(p, exercise) for p in _ancestors(node)):
                    part += node.deepcopy()
            for block in sub.findall(course_block):
                part += block.deepcopy()
            notes += part
        return notes


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    result, parent = [], node.parent
    while parent is not None:
        result.append(parent)
        parent = parent.parent
    return result


class WorkbookBuilder(HandoutBuilder):
    # A reader output: participants read it, filtered as the book is; what makes
    # it theirs is the parts handout_parts picks (see audience.py).
    name = "workbookpdf"
    kind = "Participant workbook"
    pdf_name = WORKBOOK_PDF

    def handout_parts(self) -> list[nodes.Node]:
        intro = _section("Before you start", "before-you-start")
        intro += nodes.paragraph(
            text="This workbook is yours. Write in it, or don't: nobody will read it "
            "unless you show them, and you can pass on any exercise. For anything "
            "private, write on loose paper instead, and keep it or destroy it."
        )
        if self.config.course_content_note:
            intro += nodes.paragraph(
                text=self.config.course_content_note, classes=["content-note"]
            )
        if self.config.course_agreements:
            intro += nodes.rubric(text="Our group agreements")
            intro += _bullets(self.config.course_agreements)
        if self.config.course_crisis:
            intro += self.crisis_page()
        parts: list[nodes.Node] = [intro]
        for chapter in self.chapters():
            doctree = self.env.get_doctree(chapter.docname)
            module = _section(
                numbered_title(chapter.module, chapter.title),
                chapter_anchor(chapter.docname),
            )
            for block in doctree.findall(course_block):
                if block["kind"] == "keypoints":
                    module += block.deepcopy()
            for node in doctree.findall(exercise):
                copy = node.deepcopy()
                for prompts in copy.findall(exercise_prompts):
                    _add_write_space(prompts)
                module += copy
            if len(module) == 1:  # only its title: say why, not a blank page
                module += nodes.paragraph(
                    text="This chapter has no exercises to write in. "
                    "Read it in the book."
                )
            parts.append(module)
        return parts

    def crisis_page(self) -> nodes.container:
        """The crisis lines on a page of their own, with room for local numbers."""
        page = nodes.container(classes=["crisis-page"])
        page += nodes.rubric(text="If you need someone to talk to now")
        page += crisis_nodes(tuple(self.config.course_crisis), sections=False)
        page += nodes.rubric(text="Numbers where you live")
        page += nodes.paragraph(
            text="Write in the numbers for where you live: your facilitator can help."
        )
        page += fill_in(LOCAL_NUMBERS)
        return page

    def finish(self) -> None:
        super().finish()
        html = Path(self.outdir, self.config.root_doc + self.out_suffix)
        letter = Path(self.outdir, WORKBOOK_LETTER_PDF)
        render(html, letter, self.config.language or "en", extra_css=LETTER_CSS)


def _bullets(lines: list[str]) -> nodes.bullet_list:
    items = nodes.bullet_list()
    for line in lines:
        items += nodes.list_item("", nodes.paragraph(text=line))
    return items


def _add_write_space(prompts: nodes.Element) -> None:
    """Ruled lines after each prompt, more for longer prompts."""
    for item in prompts.findall(nodes.list_item):
        words = len(item.astext().split())
        lines = min(8, 4 + words // 10)
        item += nodes.container(classes=["write-space", f"lines-{lines}"])
