"""Session decks: a workshop session's slides assembled from its modules' decks.

Each session deck opens with the content note (the only one in the deck) and the
agenda with clock times (on as many slides as it needs; the run sheet in the
speaker notes); then every item of the run sheet in its order, each with its
slides: the check-in, the group agreements (introduced in the session whose
exercise makes them, reviewed in the others), a stretch of a module's teaching, an
exercise, the discussion questions, a break with a countdown, the review of the
home practice set last time, the home practice set now, the check-out; then a
slide with a QR code of the book's address and a last one with the crisis lines.
The chapters' slides come from their doctrees after the deck transform, written
by the decks builder's own translator, so a session deck never differs from the
module decks. Every slide the run sheet times carries ``data-timing`` for the
speaker view's pacing clock. The decks builder (``builder.py``) writes the pages;
this module only assembles them, and never needs the builder's module.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from typing import TYPE_CHECKING, Any

import segno
from docutils import nodes
from docutils.utils import new_document
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx_revealjs.nodes import revealjs_section

from coursepress.course.chapter import numbered_title
from coursepress.course.crisis import groups as crisis_groups
from coursepress.course.facts import published_url
from coursepress.course.formats import HOME_PRACTICE, Format, Item, Session, clock

from ..nodes import speaker_notes
from .markup import open_sections

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

logger = logging.getLogger(__name__)
Key = tuple[str, str | int]
#: Where a link is left alone: another site, a place on the page, the site's root.
_ABSOLUTE = re.compile(r"^(#|/|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)


def _data(slide: nodes.Element, name: str) -> str | None:
    """A ``data-*`` attribute the deck transform gave the slide (``_section``)."""
    for child in slide.children:
        if isinstance(child, revealjs_section) and f"data-{name}" in child:
            return str(child[f"data-{name}"])
    return None


def _left_out(slide: nodes.Element) -> bool:
    # The session has its own closing slides, and one content note at the start.
    return (
        _data(slide, "course-closing") is not None
        or _data(slide, "course-block") == "content-note"
    )


def _unit_key(slide: nodes.Element, segment: int) -> Key:
    """Which outline piece a slide belongs to: an exercise, the discussion, teaching."""
    if (name := _data(slide, "exercise")) is not None:
        return ("exercise", name)
    if _data(slide, "course-block") == "discussion":
        return ("discussion", "")
    return ("teaching", segment)


class ModuleSlides:
    """The module decks' slides, taken from the chapters' doctrees.

    Each chapter's doctree is read and resolved for the decks builder, so the
    deck transform has made it slides as for its own deck (``DeckSlides``); the
    session decks' slides are then written by the builder's own translator. So a
    session deck never differs from the module decks, and needs no chapter deck
    to have been written in this build.
    """

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        self.env = builder.env
        self._slides: dict[str, list[nodes.section]] = {}
        self._title_slides: set[int] = set()  # id() of each chapter's first slide
        self._chapter_of: dict[int, str] = {}  # id() of a slide -> its chapter
        self._moved_ids: dict[str, dict[str, str]] = {}  # chapter -> old id -> new

    def slides(self, docname: str) -> list[nodes.section]:
        """A chapter's slides: its title slide, then one per slide of its deck,
        closing slide and content note left out. Ids and links are made right
        for a session deck (``_relocate``), where several chapters share a page."""
        if docname not in self._slides:
            # Its warnings were reported when the chapter's own deck was written.
            with logging.suppress_logging():
                doctree = self.env.get_and_resolve_doctree(
                    docname, self.builder, tags=self.builder.tags
                )
            self.builder.post_process_images(doctree)  # its images get copied
            top = next(iter(doctree.findall(nodes.section)), None)
            slides: list[nodes.section] = []
            if top is not None:
                slides = [s for s in top.children if isinstance(s, nodes.section)]
                title = top.copy()  # the title slide, without the other slides
                title.extend(
                    c.deepcopy()
                    for c in top.children
                    if not isinstance(c, nodes.section)
                )
                slides = [title, *(s for s in slides if not _left_out(s))]
                self._title_slides.add(id(title))
            self._moved_ids[docname] = _relocate(slides, docname, self.builder)
            self._chapter_of.update((id(slide), docname) for slide in slides)
            self._slides[docname] = slides
        return self._slides[docname]

    def keyed(self, chapter: Any) -> list[tuple[Key, nodes.section]]:
        """A chapter's slides, each with the outline piece it shows."""
        keyed, segment = [], 0
        for slide in self.slides(chapter.docname):
            key = _unit_key(slide, segment)
            if key[0] != "teaching":
                segment += 1
            keyed.append((key, slide))
        outline = [
            (piece.kind, piece.name)
            for piece in chapter.outline
            if piece.kind != "teaching"
        ]
        shown = [key for key, _ in keyed if key[0] != "teaching"]
        if chapter.outline and shown != outline:
            logger.warning(
                f"the deck of {chapter.docname!r} shows its exercises and discussion "
                f"as {shown}, but its outline has {outline}: the session decks' "
                "slides may not match the run sheet",
                type="course",
                subtype="format",
            )
        return keyed

    def html(self, pagename: str, slides: list[nodes.Element], cue: str = "") -> str:
        """``slides`` written for the page ``pagename`` as the chapter decks are:
        each in its own ``<section>`` wrapper, titles at the chapter's levels.
        ``cue`` opens the first slide's speaker notes (the run sheet's line)."""
        builder = self.builder
        # Images and downloads are found relative to the page being written.
        page = builder.get_target_uri(pagename)
        builder.imgpath = relative_uri(page, builder.imagedir)
        builder.dlpath = relative_uri(page, "_downloads")
        parts = []
        for slide in slides:
            # A chapter's title slide is its top section; the others are in it.
            level = 0 if id(slide) in self._title_slides else 1
            self._numbers_of(self._chapter_of[id(slide)])
            copy = slide.deepcopy()
            if cue and not parts:
                _open_notes_with(copy, cue)
            parts.append(self._write([copy], level))
        return "".join(parts)

    def _numbers_of(self, docname: str) -> None:
        """Section and figure numbers as the chapter's own page has them (as
        ``write_doc`` sets them), under the ids the slides have here."""
        builder, moved = self.builder, self._moved_ids[docname]
        builder.current_docname = docname
        builder.secnumbers = {
            ("#" + moved.get(key[1:], key[1:]) if key.startswith("#") else key): n
            for key, n in self.env.toc_secnumbers.get(docname, {}).items()
        }
        builder.fignumbers = {
            figtype: {moved.get(i, i): n for i, n in numbers.items()}
            for figtype, numbers in self.env.toc_fignumbers.get(docname, {}).items()
        }

    def notes_html(self, slide: nodes.Element, cue: bool = True) -> str:
        """What a slide's speaker notes say, as HTML, without their ``<aside>``;
        without its facilitator's cue (the exercise's own minutes in the room)
        when ``cue`` is False."""
        notes = next(iter(slide.findall(speaker_notes)), None)
        if notes is None:
            return ""
        self._numbers_of(self._chapter_of[id(slide)])
        notes = notes.deepcopy()
        if not cue:
            for box in list(notes.findall(nodes.container)):
                if "notes-cue" in box["classes"]:
                    box.parent.remove(box)
        written = self._write([notes], 1)
        return written.removeprefix('<aside class="notes">').removesuffix("</aside>\n")

    def _write(self, children: list[nodes.Element], level: int) -> str:
        builder = self.builder
        document = new_document("<session deck>", builder.docsettings)
        document.extend(children)
        translator: Any = builder.create_translator(document, builder)
        # Slides sit one level below the chapter's title: their titles are h2
        # and each gets its wrapper, as in the chapter's own deck.
        translator.section_level = level
        document.walkabout(translator)
        return "".join(translator.fragment) + open_sections(translator)


def _open_notes_with(slide: nodes.Element, cue: str) -> None:
    """Put ``cue`` first in the slide's own speaker notes (made if it has none)."""
    notes = next(
        (child for child in slide.children if isinstance(child, speaker_notes)), None
    )
    if notes is None:
        notes = speaker_notes()
        slide += notes
    line = nodes.container(classes=["notes-cue", "run-sheet-cue"])
    line += nodes.paragraph(text=cue)
    notes.insert(0, line)


def run_sheet_cue(item: Item) -> str:
    """The run sheet's line for an item, as its first slide's notes open with it:
    every minute a facilitator reads in a session deck comes from the schedule."""
    end = clock(item.start + item.minutes)
    if item.optional:
        return f"Run sheet: {item.clock}, optional, if time allows (no minutes)."
    detail = f" ({item.detail})" if item.detail else ""
    return f"Run sheet: {item.clock} to {end}, {item.minutes} minutes{detail}."


def _relocate(
    slides: list[nodes.section], docname: str, builder: StandaloneHTMLBuilder
) -> dict[str, str]:
    """Make a chapter's slides valid inside a session deck in another folder.

    Several chapters share one page there: their ids get the chapter's name as a
    prefix (and so do links to them), and relative links are made relative to
    the session deck's folder instead of the chapter's. Returns the new ids.
    """
    slug = posixpath.basename(docname)
    elements = [e for slide in slides for e in slide.findall(nodes.Element)]
    ids = {i for element in elements for i in element.get("ids", [])}

    def moved(node_id: str) -> str:
        return f"{slug}-{node_id}" if node_id in ids else node_id

    chapter_folder = posixpath.dirname(builder.get_target_uri(docname))
    for element in elements:
        element["ids"] = [moved(i) for i in element.get("ids", [])]
        if element.get("backrefs"):
            element["backrefs"] = [moved(i) for i in element["backrefs"]]
        if "refid" in element:
            element["refid"] = moved(element["refid"])
        refuri = element.get("refuri")
        if not isinstance(element, nodes.reference) or not refuri:
            continue
        if refuri.startswith("#"):
            element["refuri"] = "#" + moved(refuri[1:])
        elif not _ABSOLUTE.match(refuri):
            # From the chapter's folder, then up from a session's (one deep).
            target = posixpath.normpath(posixpath.join(chapter_folder, refuri))
            element["refuri"] = posixpath.join("..", target)
    return {node_id: moved(node_id) for node_id in ids}


def item_slides(
    slides: ModuleSlides,
    pagename: str,
    session: Session,
    previous: Session | None,
) -> list[str]:
    """Each run-sheet item's slides, so the deck runs in the run sheet's order.

    Teaching that gets no minutes of its own (no prose between two exercises)
    goes with the next item of its module, or else the one before.
    """
    chapters = {c.module: c for c in slides.env.course_chapters.values()}
    owned: list[list[nodes.section]] = [[] for _ in session.items]
    for module in dict.fromkeys(
        item.module for item in session.items if item.module is not None
    ):
        indexes = [i for i, it in enumerate(session.items) if it.module == module]
        owner: dict[Key, int] = {}
        for i in indexes:
            item = session.items[i]
            if item.kind == "teaching":
                for part in item.parts:
                    owner[("teaching", part)] = i
            elif item.kind == "discussion":
                owner[("discussion", "")] = i
            elif item.exercise and item.kind != "home":
                owner[("exercise", item.exercise)] = i
        pending: list[nodes.section] = []
        last: int | None = None
        for key, slide in slides.keyed(chapters[module]):
            index = owner.get(key)
            if index is None:
                if key[0] == "teaching":
                    pending.append(slide)  # its teaching has no minutes here
                continue
            if pending:
                owned[index].extend(pending)
                pending = []
            owned[index].append(slide)
            last = index
        if pending and last is not None:
            owned[last].extend(pending)
    html = [
        slides.html(pagename, units, run_sheet_cue(item))
        for item, units in zip(session.items, owned, strict=True)
    ]
    items = session.items
    for i, item in enumerate(items):
        if item.kind == "home" and (i == 0 or items[i - 1].kind != "home"):
            # One slide for the home practice set together.
            after = [n for n in range(i, len(items)) if items[n].kind != "home"]
            group = list(items[i : after[0] if after else len(items)])
            html[i] = _home_slide(group, _exercise_records(slides.env))
        elif item.kind == "review":
            html[i] = _review_slide(slides, previous, item)
    return html


def _exercise_records(env: Any) -> dict[str, Any]:
    """Every included exercise by name (``ExerciseInfo``)."""
    return {
        record.name: record
        for records in env.course_exercises.values()
        for record in records
    }


def _home_slide(group: list[Item], exercises: dict[str, Any]) -> str:
    """The home practice set together: alone, with each one's safeguards.

    Home has nobody to form pairs or to notice distress, so the slide says to
    work alone and repeats the safeguards the room has (a last session sets no
    home practice: ``formats._check_ending``).
    """
    titles, notes, said = [], [], False
    for item in group:
        title = escape(item.title.removeprefix(HOME_PRACTICE))
        record = exercises.get(item.exercise or "")
        safeguards = list(record.safeguards) if record else []
        if record is not None and record.format != "solo":
            notes.append(
                f"<p>{title}: this one is done alone at home, with the version "
                "for one person in the workbook, even by couples who did it in "
                "pairs here.</p>"
            )
        said = said or bool(safeguards)
        lines = "".join(f"<li>{escape(line)}</li>" for line in safeguards)
        titles.append(f"<li>{title}{f'<ul>{lines}</ul>' if lines else ''}</li>")
    return (
        '<section><section data-state="home-practice">'
        "<h2>Home practice</h2>"
        "<p>Before the next session, on your own:</p>"
        f"<ul>{''.join(titles)}</ul>"
        '<p class="deck-subtitle">The instructions and questions are in your '
        "workbook. We start next time by hearing how it went; you can pass.</p>"
        '<aside class="notes"><p>Read the exercise\'s instructions aloud and say '
        "that nobody will be asked what they wrote.</p>"
        f"{''.join(notes)}"
        + (
            "<p>Say the safeguards under each exercise aloud: they hold at home "
            "as they do in the room.</p>"
            if said
            else ""
        )
        + "</aside>"
        "</section></section>"
    )


def _review_slide(slides: ModuleSlides, previous: Session | None, item: Item) -> str:
    """What was set last time, with its debrief questions in the notes."""
    chapters = {c.module: c for c in slides.env.course_chapters.values()}
    set_last_time = [
        i for i in (previous.items if previous else ()) if i.kind == "home"
    ]
    items, notes = [], []
    for home in set_last_time:
        items.append(f"<li>{escape(home.title.removeprefix('Home practice: '))}</li>")
        chapter = chapters.get(home.module) if home.module is not None else None
        for slide in slides.slides(chapter.docname) if chapter else []:
            if _data(slide, "exercise") == home.exercise:
                # Its instructions and debrief; its minutes were the room's.
                notes.append(slides.notes_html(slide, cue=False))
    listed = (
        f"<ul>{''.join(items)}</ul>"
        if items
        else "<p>What did you try from last time's chapter?</p>"
    )
    return (
        '<section><section data-state="review">'
        "<h2>Since last time</h2>"
        f"{listed}"
        "<p>What did you try, and what did you notice?</p>"
        '<p class="deck-subtitle">You can pass.</p>'
        f'<aside class="notes"><p>{escape(run_sheet_cue(item))}</p>'
        "<p>Go round once; nobody has to say what they wrote. "
        "Thank each person; if someone did not try it, that is fine.</p>"
        f"{''.join(notes)}</aside>"
        "</section></section>"
    )


# A phone number: digits with spaces or hyphens between them ("0808 2000 247",
# "1-800-799-7233"), kept on one line so nobody reads half of it.
PHONE = re.compile(r"\d[\d -]{4,}\d")


def unbroken_numbers(line: str) -> str:
    """``line`` as HTML, its phone numbers in spans that do not wrap."""
    return PHONE.sub(
        lambda m: f'<span class="number">{m.group(0)}</span>', escape(line)
    )


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, border=2, dark="#222")


# Rows of the agenda on one slide: more are shared out over several slides.
AGENDA_ROWS = 12


def _pages(rows: list[dict[str, str]], most: int = AGENDA_ROWS) -> list[list[Any]]:
    """``rows`` cut into the fewest slides of at most ``most``, of equal length."""
    count = max(1, -(-len(rows) // most))
    size = -(-len(rows) // count)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _agreements_exercise(session: Session) -> str:
    """The exercise of this session in which the group makes its agreements, if
    it comes after the agreements item (the first session): "" otherwise."""
    kinds = [item.kind for item in session.items]
    if "agreements" not in kinds:
        return ""
    for item in session.items[kinds.index("agreements") :]:
        if item.kind == "exercise" and "agreement" in item.title.lower():
            return item.title
    return ""


def _shares(session: Session, kind: str, slides: int) -> int:
    """Seconds for each of ``slides`` slides that together take the ``kind`` item
    of the run sheet (check-in, check-out); 0 if the session has none."""
    minutes = sum(item.minutes for item in session.items if item.kind == kind)
    return minutes * 60 // slides if minutes else 0


def session_context(
    slides: ModuleSlides,
    fmt: Format,
    session: Session,
    previous: Session | None = None,
) -> dict[str, Any]:
    """What ``session-slides.html`` needs to write one session's deck."""
    config = slides.env.config
    chapters = {c.module: c for c in slides.env.course_chapters.values()}
    # A placeholder address (example.org...) is no address: print none.
    base = published_url(config.course_base_url)
    modules = [
        {
            "module": module,
            "title": numbered_title(module, chapters[module].title),
            # No published address: no address at all, rather than a dead one.
            "url": f"{base}{chapters[module].docname}.html" if base else "",
        }
        for module in session.modules
    ]
    items = item_slides(slides, session_page(fmt, session), session, previous)
    first_url = modules[0]["url"] if modules else base
    run = [
        {
            "clock": item.clock,
            "minutes": item.minutes,
            "kind": item.kind,
            "title": item.title,
            "detail": item.detail,
            "optional": item.optional,
            "slides": html,
        }
        for item, html in zip(session.items, items, strict=True)
    ]
    end = clock(session.start + session.used)
    # The room sees what takes time: an item of no minutes of its own (optional
    # discussion questions, a second home practice) stays on the run sheet.
    shown = [row for row in run if row["minutes"]]
    agenda = _pages([*shown, {"clock": end, "kind": "end", "title": "End"}])
    return {
        "project": config.project,  # the title slide's subtitle names the course
        "format": fmt,
        "session": session,
        "run": run,
        "agenda": agenda,
        "agenda_title": fmt.agenda_title(session),
        "session_name": fmt.session_name(session),
        "session_heading": fmt.session_heading(session),
        "end": end,
        "modules": modules,
        "content_note": config.course_content_note,
        "agreements": config.course_agreements,
        "agreements_exercise": _agreements_exercise(session),
        # One line per service under its group's name: the full list stays
        # readable from the back of the room.
        "crisis_groups": [
            {"group": group, "lines": [unbroken_numbers(m.plain()) for m in members]}
            for group, members in crisis_groups(tuple(config.course_crisis))
        ],
        "book_url": base,
        "qr_svg": qr_svg(first_url) if first_url else "",
        "qr_url": first_url,
        # data-timing of the slides around the run sheet's fixed items: the
        # title, content note and agenda are shown during the check-in, the
        # reading list and crisis lines during the check-out.
        "opening_seconds": _shares(session, "check-in", 3 + len(agenda)),
        "closing_seconds": _shares(
            session, "check-out", 2 + bool(config.course_crisis)
        ),
    }


def session_page(fmt: Format, session: Session) -> str:
    """The session deck's page: one folder deep, as ``_relocate`` expects."""
    return f"{fmt.slug}/{session.slug}"
