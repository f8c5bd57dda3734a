"""``{crisis-lines}``: the crisis lines of ``course.toml``, numbers first, as links.

Each group ("In danger now", ...) becomes a section with its lines: the number
to call as a ``tel:`` link (and a ``sms:`` link to text), then who answers, then
the web and mail addresses as links. The same nodes serve the book, the PDF,
the EPUB, the crisis handout and the workbook, so every copy of a number comes
from the one record in ``course.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from coursepress.course.crisis import CrisisLine, groups, tel_uri
from coursepress.course.locations import location

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def _link(text: str, uri: str, *classes: str) -> nodes.reference:
    return nodes.reference("", text, refuri=uri, internal=False, classes=list(classes))


def _contact(line: CrisisLine) -> nodes.paragraph:
    """The first line of an entry: what to dial or open, then where it answers."""
    para = nodes.paragraph(classes=["crisis-contact"])
    parts: list[nodes.Node] = []
    for number in line.call:
        if parts:
            parts.append(nodes.Text(" or "))
        parts.append(_link(number, tel_uri(number), "crisis-number"))
    for text in line.text:
        parts.append(nodes.Text(", or text " if parts else "Text "))
        parts.append(_link(text.label, text.uri, "crisis-number", "crisis-sms"))
    if not parts:
        if line.web:
            parts.append(_link(line.web, "https://" + line.web, "crisis-web"))
        else:
            parts.append(nodes.strong("", line.service))
    para.extend(parts)
    para += nodes.Text(" · ")
    para += nodes.inline("", line.region, classes=["crisis-region"])
    return para


def _details(line: CrisisLine) -> nodes.paragraph | None:
    """Who answers, for whom and when, then the web and mail addresses."""
    para = nodes.paragraph(classes=["crisis-detail"])
    dialled = bool(line.call or line.text)
    if line.service and (dialled or line.web):
        para += nodes.strong("", line.service)
    words = [w for w in (line.by, line.for_whom, line.hours, line.about) if w]
    if words:
        para += nodes.Text((", " if para.children else "") + ", ".join(words))
    if line.web and dialled:
        para += nodes.Text(". " if para.children else "")
        para += _link(line.web, "https://" + line.web, "crisis-web")
    for index, email in enumerate(line.email):
        para += nodes.Text(
            " or " if index else (". Email " if para.children else "Email ")
        )
        para += _link(email.address, "mailto:" + email.address, "crisis-email")
        if email.region:
            para += nodes.Text(f" ({email.region})")
    return para if para.children else None


def crisis_list(lines: list[CrisisLine]) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["crisis-lines"])
    for line in lines:
        item = nodes.list_item(classes=["crisis-line"])
        item += _contact(line)
        details = _details(line)
        if details is not None:
            item += details
        items += item
    return items


def crisis_nodes(
    lines: tuple[CrisisLine, ...],
    *,
    sections: bool,
    document: nodes.document | None = None,
) -> list[nodes.Node]:
    """Every group: a section each (a page), or a rubric each (inside a handout)."""
    result: list[nodes.Node] = []
    for group, members in groups(lines):
        if sections and document is not None:
            section = nodes.section(classes=["crisis-group"])
            section += nodes.title(text=group)
            section["names"].append(nodes.fully_normalize_name(group))
            document.note_implicit_target(section, section)
            section += crisis_list(members)
            result.append(section)
        else:
            result += [nodes.rubric(text=group), crisis_list(members)]
    return result


class CrisisLinesDirective(SphinxDirective):
    """``{crisis-lines}``: every crisis line of ``course.toml``, a section per group.

    With ``:compact:``, the groups are headed by rubrics instead of sections (for a
    box or a handout that has its own headings).
    """

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "compact": directives.flag
    }

    def run(self) -> list[nodes.Node]:
        lines = tuple(self.config.course_crisis)
        if self.config.course_toml_error:
            return []  # reported once, naming course.toml and the line
        if not lines:
            raise self.error(
                "there are no crisis lines: add [[crisis]] tables to course.toml "
                "(see the project's own course.toml for their fields)"
            )
        return crisis_nodes(
            lines, sections="compact" not in self.options, document=self.state.document
        )


def _report_course_error(app: Sphinx, config: Config) -> None:
    if config.course_toml_error:
        where, message = config.course_toml_error
        # conf.py read course.toml in book/ (Sphinx runs it there): the path is
        # made relative here, to the folder the build runs in.
        path, _, line = where.rpartition(":")
        logger.error(message, location=location(Path(path), int(line)))


def setup_crisis(app: Sphinx) -> None:
    app.connect("config-inited", _report_course_error)
    app.add_directive("crisis-lines", CrisisLinesDirective)
