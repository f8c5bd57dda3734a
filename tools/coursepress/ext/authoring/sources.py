"""The sources page: every source text the course draws on, and where.

``{course-sources}`` leaves a placeholder that is filled when the page is
written, from what all chapters declared (``env.course_chapters``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..nodes import placeholder
from .chapters import describe_source, is_chapter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class CourseSourcesDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname]["course_sources_page"] = True
        return [placeholder(kind="sources")]


def fill_sources(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    chapters = sorted(app.env.course_chapters.values(), key=lambda c: c.module)
    for node in list(doctree.findall(placeholder)):
        if node["kind"] != "sources":
            continue
        # Asked only here: a project with no sources page (the printable
        # sheets) needs no bibliography, nor sphinxcontrib-bibtex.
        entries = app.env.get_domain("cite").bibdata.data.entries  # type: ignore[attr-defined]
        used = dict.fromkeys(
            key for chapter in chapters for key in chapter.sources if key in entries
        )
        result = nodes.bullet_list(classes=["course-sources"])
        for key in used:
            item = nodes.list_item()
            para = nodes.paragraph()
            para += describe_source(entries[key])
            item += para
            para = nodes.paragraph(text="Used in: ")
            for index, chapter in enumerate(c for c in chapters if key in c.sources):
                if index:
                    para += nodes.Text(", ")
                uri = app.builder.get_relative_uri(docname, chapter.docname)
                para += nodes.reference("", chapter.title, internal=True, refuri=uri)
            item += para
            result += item
        node.replace_self(
            result if used else nodes.paragraph(text="No chapter names a source yet.")
        )


def _reread_sources_page(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """The sources page lists chapters, so it is rewritten when any chapter changes."""
    touched = added | changed | removed
    if not any(is_chapter(app.config, docname) for docname in touched):
        return []
    return [d for d, meta in env.metadata.items() if meta.get("course_sources_page")]


def setup_sources(app: Sphinx) -> None:
    app.add_directive("course-sources", CourseSourcesDirective)
    app.connect("doctree-resolved", fill_sources)
    app.connect("env-get-outdated", _reread_sources_page)
