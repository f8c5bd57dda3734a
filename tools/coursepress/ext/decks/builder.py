"""Decks: every chapter becomes a reveal.js deck, built from the same doctree.

A post-transform rebuilds each chapter into slides: the title slide, one slide per
``##`` section (its title, its ``{slide}`` bullets and figures; everything else
goes to the speaker notes with the facilitator notes), activity slides for
exercises, slides for the course boxes, and a last slide back to the chapter.
The ``decks`` builder writes only chapters, links every other page to the book,
and adds a deck index.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx_revealjs.builders import RevealjsHTMLBuilder
from sphinx_revealjs.nodes import revealjs_section
from sphinx_revealjs.utils import get_internal_static_path

from coursepress import __version__
from coursepress.resources import STATIC, TEMPLATES

from ..authoring.chapters import is_chapter
from ..compat import current_builder
from ..nodes import (
    course_block,
    exercise,
    exercise_debrief,
    exercise_prompts,
    facilitator_note,
    slide_bullets,
    speaker_notes,
)
from ..readers import DECK_BUILDERS, exercise_meta, exercise_title
from .footnotes import setup_deck_footnotes
from .sessions import save_chapter_slides, write_session_decks

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)


def _section(
    title: str, node_id: str, classes: Iterable[str] = (), **data: str
) -> nodes.section:
    section = nodes.section(ids=[node_id], classes=list(classes))
    if data:
        # sphinx-revealjs writes only data-* attributes of this node on <section>;
        # session decks find activity and closing slides by them.
        section += revealjs_section(
            **{f"data-{k.replace('_', '-')}": v for k, v in data.items()}
        )
    section += nodes.title(text=title)
    return section


def _label(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong(text=text), classes=["notes-label"])


def _notes(
    children: list[nodes.Node], facilitator: list[nodes.Node]
) -> speaker_notes | None:
    """The facilitator's cue first (glanced at mid-session), then the chapter."""
    notes = speaker_notes()
    for note in facilitator:
        cue = nodes.container(classes=["notes-cue"])
        cue += _label("Facilitator")
        cue += note.children
        notes += cue
    if children:
        prose = nodes.container(classes=["notes-prose"])
        if facilitator:
            prose += nodes.transition()
        prose += _label("From the chapter")
        prose += children
        notes += prose
    return notes if notes.children else None


class DeckSlides(SphinxPostTransform):
    """Reshape a chapter's doctree into reveal.js slides."""

    default_priority = 200
    builders = tuple(DECK_BUILDERS)

    def run(self, **kwargs: Any) -> None:
        if not is_chapter(self.config, self.env.docname):
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        docname = self.env.docname
        info = self.env.course_chapters.get(docname)
        intro, slides = [], []
        # A chapter without any {slide} is a deck of titles, its prose in the
        # notes; one with some warns where a section lacks them (forgotten).
        self.expect_bullets = any(self.document.findall(slide_bullets))
        for child in list(top.children[1:]):
            top.remove(child)
            if isinstance(child, nodes.section):
                slides.extend(self.section_slides(child))
            elif isinstance(child, course_block):
                slides.append(self.block_slide(child))
            elif isinstance(child, exercise):
                slides.append(self.exercise_slide(child))
            else:
                intro.append(child)
        if info is not None:
            subtitle = f"{self.config.project} · Module {info.module}"
            top += nodes.paragraph(text=subtitle, classes=["deck-subtitle"])
        top += self.notes_from(intro)
        top.extend(slides)
        top += self.closing_slide(docname)

    def notes_from(self, children: list[nodes.Node]) -> list[nodes.Node]:
        facilitator = [c for c in children if isinstance(c, facilitator_note)]
        rest = [
            c for c in children if not isinstance(c, (facilitator_note, slide_bullets))
        ]
        notes = _notes(rest, facilitator)
        return [notes] if notes else []

    def section_slides(self, section: nodes.section) -> list[nodes.section]:
        """One slide for a ``##`` section, then its activity and box slides."""
        slide = _section(
            section[0].astext(), section["ids"][0] if section["ids"] else ""
        )
        extra: list[nodes.section] = []
        prose: list[nodes.Node] = []
        figures: list[nodes.Node] = []  # after the bullets, as AUTHORING.md says
        bullets = False

        def collect(children: list[nodes.Node]) -> None:
            nonlocal bullets
            for child in children:
                if isinstance(child, slide_bullets):
                    slide.extend(child.children)
                    bullets = True
                elif isinstance(child, nodes.figure | nodes.image):
                    figures.append(child.deepcopy())
                elif isinstance(child, exercise):
                    extra.append(self.exercise_slide(child))
                elif isinstance(child, course_block):
                    extra.append(self.block_slide(child))
                elif isinstance(child, nodes.section):  # ### subsections join the notes
                    prose.append(
                        nodes.paragraph("", "", nodes.strong(text=child[0].astext()))
                    )
                    collect(child.children[1:])
                elif not isinstance(child, nodes.title):
                    prose.append(child)

        collect(section.children)
        slide.extend(figures)
        if not bullets and self.expect_bullets:
            logger.warning(
                f"section {section[0].astext()!r} has no slide bullets: add a "
                "{slide} directive with a few short bullets (a chapter with no "
                "{slide} at all gets title slides, its prose in the notes)",
                location=section,
                type="course",
                subtype="slides",
            )
        slide.extend(self.notes_from(prose))
        return [slide, *extra]

    def block_slide(self, block: course_block) -> nodes.section:
        slide = _section(
            block["title"],
            f"slide-{block['kind']}",
            ["course-block", block["kind"]],
            course_block=block["kind"],  # session decks: content note, discussion
        )
        slide.extend(block.children)
        return slide

    def exercise_slide(self, node: exercise) -> nodes.section:
        """The exercise's meta line and prompts: what the room needs to see.

        The instructions go to the notes (participants have them in the
        workbook), after the timing; the debrief questions follow them.
        """
        slide = _section(
            exercise_title(node),
            node["ids"][0],
            ["activity"],
            state="activity",
            exercise=node["name"],
            # The speaker view's pacing: the run sheet's minutes (with moving
            # into groups and the debrief); the countdown (key T): the activity.
            timing=str(self.room_minutes(node) * 60),
            countdown=str(node["duration"] * 60),
        )
        slide += nodes.paragraph(text=exercise_meta(node), classes=["exercise-meta"])
        instructions: list[nodes.Node] = []
        debrief: list[nodes.Node] = []
        for child in node.children:
            if isinstance(child, exercise_debrief):
                debrief.extend(child.children)
            elif isinstance(child, exercise_prompts):
                box = nodes.container(classes=["exercise-prompts"])
                box.extend(child.children)
                slide += box
            else:
                instructions.append(child)
        notes = speaker_notes()
        cue = nodes.container(classes=["notes-cue"])
        cue += _label("Facilitator")
        cue += nodes.paragraph(
            text=f"{exercise_meta(node)}. Press T to start the countdown "
            "(T again pauses it)."
        )
        notes += cue
        if instructions:
            notes += _label("Instructions (participants have them in the workbook)")
            notes.extend(instructions)
        if debrief:
            notes += _label("Debrief")
            notes.extend(debrief)
        slide += notes
        return slide

    def room_minutes(self, node: exercise) -> int:
        for record in self.env.course_exercises.get(self.env.docname, []):
            if record.name == node["name"]:
                return record.minutes
        return node["duration"]

    def closing_slide(self, docname: str) -> nodes.section:
        slide = _section(
            "Read the chapter",
            "slide-read-the-chapter",
            ["closing"],
            course_closing="true",
        )
        book_uri = relative_uri(
            current_builder(self.env).get_target_uri(docname), f"../{docname}.html"
        )
        para = nodes.paragraph()
        para += nodes.reference(
            "", "Open this chapter in the online book", refuri=book_uri
        )
        slide += para
        index_uri = relative_uri(
            current_builder(self.env).get_target_uri(docname), "index.html"
        )
        para = nodes.paragraph()
        para += nodes.reference("", "All decks", refuri=index_uri)
        slide += para
        return slide


def visit_speaker_notes(self: HTML5Translator, node: speaker_notes) -> None:
    # Keep the notes' structure (lists, emphasis, links): the notes plugin shows HTML.
    self.body.append('<aside class="notes">')


def depart_speaker_notes(self: HTML5Translator, node: speaker_notes) -> None:
    self.body.append("</aside>\n")


class CourseDecksBuilder(RevealjsHTMLBuilder):
    """reveal.js decks of the chapters; links to other pages go to the book."""

    name = "decks"

    def init(self) -> None:
        # Here, not at config-inited: other builders of the project must not see it.
        configure_decks(self.config)
        super().init()
        # sphinx-revealjs appended its static folder, which configure_reveal
        # already added: keep one, so the saved config matches the next run's.
        paths = self.config.revealjs_static_path
        paths[:] = dict.fromkeys(paths)
        self.session_seconds: dict[str, int] = {}

    def deck_seconds(self, pagename: str) -> int:
        """How long a deck runs: a chapter's teaching plus its exercises, or a
        session's run sheet (set by the session decks); 0 for other pages."""
        if pagename in self.session_seconds:
            return self.session_seconds[pagename]
        chapter = self.env.course_chapters.get(pagename)
        if chapter is None:
            return 0
        exercises = self.env.course_exercises.get(pagename, [])
        return 60 * (chapter.teaching_minutes + sum(e.minutes for e in exercises))

    def update_page_context(
        self, pagename: str, templatename: str, ctx: dict[str, Any], event_arg: Any
    ) -> None:
        super().update_page_context(pagename, templatename, ctx, event_arg)
        if seconds := self.deck_seconds(pagename):
            # The speaker view's pacing clock: slides with data-timing (activities,
            # breaks) keep theirs, the others share what is left.
            conf = json.dumps({"totalTime": seconds})
            ctx["revealjs_page_confs"] = [*ctx.get("revealjs_page_confs", []), conf]

    def _is_deck(self, docname: str) -> bool:
        return (
            is_chapter(self.config, docname)
            or docname == self.config.root_doc
            or docname not in self.env.all_docs  # session decks and their indexes
        )

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # The decks are published in slides/ beside the book: other pages live one up.
        uri = super().get_target_uri(docname, typ)
        return uri if self._is_deck(docname) else f"../{uri}"

    def write_documents(self, docnames: Set[str]) -> None:
        super().write_documents({d for d in docnames if is_chapter(self.config, d)})

    def handle_page(
        self, pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        if is_chapter(self.config, pagename) and "body" in addctx:
            # Session decks are assembled from chapter slides, also unchanged ones.
            save_chapter_slides(self, pagename, addctx["body"])
        super().handle_page(pagename, addctx, *args, **kwargs)

    def finish(self) -> None:
        write_session_decks(self)
        super().finish()


def deck_index_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.name != "decks" or templatename != "deck-index.html":
        return
    chapters = sorted(app.env.course_chapters.values(), key=lambda c: c.module)
    exercises = app.env.course_exercises
    context["formats"] = getattr(app.builder, "course_formats", [])
    context["decks"] = [
        {
            "module": chapter.module,
            "title": html.escape(chapter.title),
            "uri": f"{chapter.docname}.html",
            "book_uri": f"../{chapter.docname}.html",
            "minutes": chapter.teaching_minutes
            + sum(e.minutes for e in exercises.get(chapter.docname, [])),
            "exercises": len(exercises.get(chapter.docname, [])),
        }
        for chapter in chapters
    ]


NOTES_PLUGIN = {"name": "RevealNotes", "src": "revealjs/plugin/notes/notes.js"}
# Ours, in static/decks: the activity countdown (key T) and room for the label of
# the speaker view's "Upcoming" frame.
COURSE_PLUGINS = (
    {"name": "CourseTimer", "src": "deck-timer.js"},
    {"name": "CoursePreview", "src": "deck-preview.js"},
)


def configure_decks(config: Any) -> None:
    """What every course deck needs, whatever the project's conf.py says.

    The notes plugin (speaker view, key S) ships with reveal.js but is off by
    default; the deck index and the deck stylesheet come with this package.
    """
    configure_reveal(config)
    config.templates_path = [
        *config.templates_path,
        str(TEMPLATES / "decks"),
    ]
    config.html_additional_pages = {
        "index": "deck-index.html",
        **config.html_additional_pages,
    }


def configure_reveal(config: Any) -> None:
    """The sphinx-revealjs settings of the decks, set when the config is read.

    Sphinx registers these as "env" settings: set only in the builder's init,
    they differed from the saved environment's at every run, which made every
    slides build re-read the whole book. No other builder reads them.
    """
    for plugin in (NOTES_PLUGIN, *COURSE_PLUGINS):
        plugins = config.revealjs_script_plugins
        if not any(p.get("name") == plugin["name"] for p in plugins):
            config.revealjs_script_plugins = [*plugins, plugin]
    # Ours, then sphinx-revealjs's own (its builder appends it at init).
    for static in (str(STATIC / "decks"), str(get_internal_static_path())):
        if static not in config.revealjs_static_path:
            config.revealjs_static_path = [*config.revealjs_static_path, static]
    if isinstance(config.revealjs_script_conf, dict):  # as its builder does at init
        config.revealjs_script_conf.setdefault("scrollActivationWidth", None)
    if "deck.css" not in config.revealjs_css_files:
        config.revealjs_css_files = [*config.revealjs_css_files, "deck.css"]


def _configure_reveal(app: Sphinx, config: Any) -> None:
    configure_reveal(config)


def setup_decks(app: Sphinx) -> None:
    app.add_post_transform(DeckSlides)
    setup_deck_footnotes(app)


def setup(app: Sphinx) -> dict[str, Any]:
    """The slides project's extension: ``extensions = ["coursepress.ext.decks"]``.

    Kept apart from ``coursepress.ext`` because sphinx-revealjs is not
    parallel-read safe: loading it in the book would serialise the book's build.
    """
    app.setup_extension("sphinx_revealjs")
    app.setup_extension("coursepress.ext")
    app.add_builder(CourseDecksBuilder)
    app.connect("config-inited", _configure_reveal)
    app.connect("html-page-context", deck_index_context)
    return {
        "version": __version__,
        "parallel_read_safe": False,
        "parallel_write_safe": True,
    }
