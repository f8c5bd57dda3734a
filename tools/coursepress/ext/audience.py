"""Who reads an output, and where it is read: the one answer to "which builder?".

Every transform and handler that treats outputs differently asks this module,
never a builder's name or class. The course's own builders declare both answers
as class attributes (``course_audience``, ``course_medium``); the builders of
Sphinx and of sphinx-revealjs are mapped here (``FOREIGN``).

Audiences, by what the course's transforms do with facilitator material:

========================= =========== ======== ==========================
builder                   audience    medium   what the reader gets
========================= =========== ======== ==========================
html, dirhtml             reader      site     the online book
epub (CourseEpubBuilder)  reader      file     the e-book
singlehtml, text, ...     reader      file     any other Sphinx output
coursepdf                 reader      print    the book as a PDF
workbookpdf               reader      print    the participant workbook
sheetpdf                  reader      print    the printable sheets
guidepdf                  facilitator print    the facilitator guide
decks, revealjs,          room        decks    slides for the room,
dirrevealjs                                    speaker notes for the
                                               facilitator
========================= =========== ======== ==========================

The workbook is read by participants, and the transforms filter it exactly as
they filter the book (facilitator notes and debriefs removed, prompts boxed):
so it is a ``reader`` output. What makes it a participant's book is what its
builder picks from the chapters (key points, exercises, room to write), not a
different filter, so it needs no audience of its own.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .compat import current_builder

if TYPE_CHECKING:
    from sphinx.builders import Builder


class Audience(StrEnum):
    """Who an output is for: what the course's transforms keep and remove."""

    #: Participants and readers: no facilitator notes, debriefs or slide bullets.
    READER = "reader"
    #: The facilitator preparing: notes and debrief questions shown as boxes.
    FACILITATOR = "facilitator"
    #: The room, from a projector: slide bullets on the slides, the rest of the
    #: chapter and the facilitator notes in the speaker notes.
    ROOM = "room"


class Medium(StrEnum):
    """Where an output is read: what its links can point at, what it numbers."""

    #: Pages of the published web book: ``downloads/`` and ``slides/`` beside them.
    SITE = "site"
    #: Decks, published in the site's ``slides/`` folder.
    DECKS = "decks"
    #: A file read on its own, on a screen (the EPUB): links are full addresses.
    FILE = "file"
    #: Pages to print: links are full addresses, chapter openers number themselves.
    PRINT = "print"


#: The folder of the published site each medium's pages are in; others are not.
SITE_FOLDERS = {Medium.SITE: "", Medium.DECKS: "slides"}

#: Builders that are not the course's: Sphinx's own and sphinx-revealjs's.
FOREIGN: dict[str, tuple[Audience, Medium]] = {
    "html": (Audience.READER, Medium.SITE),
    "dirhtml": (Audience.READER, Medium.SITE),
    "revealjs": (Audience.ROOM, Medium.DECKS),
    "dirrevealjs": (Audience.ROOM, Medium.DECKS),
}
#: Any other builder (singlehtml, text, linkcheck, dummy...) is read on its own.
OTHER = (Audience.READER, Medium.FILE)


def _builder(where: Sphinx | BuildEnvironment | Builder) -> Builder:
    if isinstance(where, Sphinx):
        return where.builder
    if isinstance(where, BuildEnvironment):
        return current_builder(where)
    return where


def _declared(builder: Builder) -> tuple[Audience, Medium]:
    declared = (
        getattr(builder, "course_audience", None),
        getattr(builder, "course_medium", None),
    )
    if declared[0] is not None and declared[1] is not None:
        return declared  # type: ignore[return-value]
    return FOREIGN.get(builder.name, OTHER)


def audience(where: Sphinx | BuildEnvironment | Builder) -> Audience:
    """Who reads what the current builder writes."""
    return _declared(_builder(where))[0]


def medium(where: Sphinx | BuildEnvironment | Builder) -> Medium:
    """Where what the current builder writes is read."""
    return _declared(_builder(where))[1]


def site_folder(where: Sphinx | BuildEnvironment | Builder) -> str | None:
    """The site folder the current builder's pages are published in, or None."""
    return SITE_FOLDERS.get(medium(where))
