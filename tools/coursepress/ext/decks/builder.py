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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx_revealjs.builders import RevealjsHTMLBuilder
from sphinx_revealjs.nodes import revealjs_section
from sphinx_revealjs.utils import get_internal_static_path

from coursepress import __version__
from coursepress.course.chapter import chapter_name, chapters_named
from coursepress.course.formats import Format, Session
from coursepress.course.layout import (
    CRISIS_PAGE,
    DOWNLOADS,
    PRINTABLES,
    SHEETS,
    Manifest,
)
from coursepress.course.sheet import read_sheets
from coursepress.resources import STATIC, TEMPLATES

from ..audience import Audience, Medium, audience
from ..authoring.chapters import is_chapter
from ..authoring.sessions import course_formats
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
from ..paper.session_print import pdf_name, write_session_pdf
from ..readers import exercise_meta, exercise_title, safeguards_box
from .footnotes import setup_deck_footnotes
from .markup import DeckToDeckLinks, DeckTranslator
from .sessions import ModuleSlides, session_context, session_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

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

    def run(self, **kwargs: Any) -> None:
        if audience(self.env) is not Audience.ROOM:
            return
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
            subtitle = f"{self.config.project} · {chapter_name(info.module)}"
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
        if (safeguards := safeguards_box(node)) is not None:
            cue += nodes.paragraph(text="Say before it starts:")
            cue += safeguards
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


class CourseDecksBuilder(RevealjsHTMLBuilder):
    """reveal.js decks of the chapters; links to other pages go to the book."""

    name = "decks"
    course_audience = Audience.ROOM
    course_medium = Medium.DECKS
    # Sections closed where sphinx-revealjs leaves them open (markup.py).
    default_translator_class = DeckTranslator

    def init(self) -> None:
        # Here, not at config-inited: other builders of the project must not see it.
        configure_decks(self.config)
        super().init()
        # sphinx-revealjs appended its static folder, which configure_reveal
        # already added: keep one, so the saved config matches the next run's.
        paths = self.config.revealjs_static_path
        paths[:] = dict.fromkeys(paths)
        self.session_seconds: dict[str, int] = {}
        self.course_formats: list[Format] = []  # read when the decks are written

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
        if templatename == "deck-index.html":
            ctx.update(deck_index_context(self.env, self.course_formats))
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

    def finish(self) -> None:
        self.course_formats = course_formats(self.env)
        prints = self.write_session_decks()
        super().finish()
        # After the pictures are copied (super().finish()): printed before, a
        # clean build's PDFs showed a diagram's alt text instead of the diagram.
        config = self.config
        for fmt, session, body in prints:
            write_session_pdf(
                Path(self.outdir),
                fmt,
                session,
                body,
                config.project,
                config.language or "en",
                config.author,
            )

    def write_session_decks(self) -> list[tuple[Format, Session, str]]:
        """Write ``<format>/<session>.html`` and ``<format>/index.html`` (run
        sheets); return each session's deck, to print with notes (``session_print``).

        A session deck is the session's own slides (``session-slides.html``)
        around its modules' slides, taken from the chapters' doctrees
        (``sessions.py``), also of chapters whose decks this build left alone.
        """
        slides = ModuleSlides(self)
        prints: list[tuple[Format, Session, str]] = []
        for fmt in self.course_formats:
            contexts = []
            for index, session in enumerate(fmt.sessions):
                previous = fmt.sessions[index - 1] if index else None
                ctx = session_context(slides, fmt, session, previous)
                body = self.templates.render("session-slides.html", ctx)
                self.revealjs_slide = None  # the last chapter's page settings
                pagename = session_page(fmt, session)
                self.session_seconds[pagename] = session.used * 60
                self.handle_page(
                    pagename,
                    {
                        "body": body,
                        "title": f"{session.title} · {fmt.title}",
                        "revealjs": self.revealjs_context,
                    },
                )
                prints.append((fmt, session, body))
                # From slides/<format>/index.html to the site's (and the kit's)
                # downloads.
                ctx["slides_pdf"] = f"../../{DOWNLOADS}/{pdf_name(fmt, session)}"
                contexts.append(ctx)
            self.handle_page(
                f"{fmt.slug}/index",
                {"format": fmt, "sessions": contexts, "title": fmt.title},
                "format-index.html",
            )
        return prints


def deck_index_context(env: Any, formats: list[Format]) -> dict[str, Any]:
    """The deck index's page: the module decks, and the formats' session decks."""
    chapters = sorted(env.course_chapters.values(), key=lambda c: c.module)
    exercises = env.course_exercises
    sheets = read_sheets(Path(env.srcdir) / SHEETS)
    return {
        "formats": formats,
        "chapters_named": chapters_named,
        # The kit opens here: every sheet and the crisis page one click away.
        "sheets": [
            {
                "name": s.name,
                "href": f"../{PRINTABLES}/{s.pdf}",
                "letter": f"../{PRINTABLES}/{s.letter_pdf}",
                "summary": s.summary,
            }
            for s in sheets
        ],
        "crisis_page": f"../{CRISIS_PAGE}"
        if CRISIS_PAGE.removesuffix(".html") in env.all_docs
        else "",
        "manifest": Manifest(env.config.course_basename),
        "decks": [
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
        ],
    }


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


def setup(app: Sphinx) -> dict[str, Any]:
    """The slides project's extension: ``extensions = ["coursepress.ext.decks"]``.

    Kept apart from ``coursepress.ext`` because sphinx-revealjs is not
    parallel-read safe: loading it in the book would serialise the book's build.
    """
    app.setup_extension("sphinx_revealjs")
    app.setup_extension("coursepress.ext")
    app.add_post_transform(DeckSlides)
    app.add_post_transform(DeckToDeckLinks)
    setup_deck_footnotes(app)
    app.add_builder(CourseDecksBuilder)
    app.connect("config-inited", _configure_reveal)
    return {
        "version": __version__,
        "parallel_read_safe": False,
        "parallel_write_safe": True,
    }
