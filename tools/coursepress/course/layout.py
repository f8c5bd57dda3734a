"""The project's layout and its output manifest, in one place.

Where a course keeps its sources (``book/``, ``exercises/``, ``slides/formats/``,
``book/sheets/``, ``book/course.toml``), where the build writes and publishes
(``build/<output>/``, ``build/site``), and every published file's name and the
label a reader sees for it. The builders, publishing, the kit, the link checker
and ``coursepress prose`` ask here instead of spelling a folder or file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The chapters' folder in the book (``book/chapters/``): a chapter's docname
#: starts with it.
CHAPTERS = "chapters"
#: The printable sheets' folder in the book (``book/sheets/``): a Sphinx
#: project of its own, which the book's build leaves out.
SHEETS = "sheets"

# The published site, relative to ``build/site``.
#: The book's PDF and EPUB, the handouts and each session's slides on paper.
DOWNLOADS = "downloads"
#: The printable sheets' PDFs (``book/sheets/*.md``), one per sheet.
PRINTABLES = f"{DOWNLOADS}/printables"
#: The decks: one per module and per session, with run sheets per format.
SLIDES = "slides"
SLIDES_INDEX = f"{SLIDES}/index.html"
#: The crisis page of the book (its docname is ``CRISIS_PAGE`` without ".html").
CRISIS_PAGE = "crisis-resources.html"

#: The decks' builder writes each session's slides on paper here, inside its
#: output; publishing copies them to ``downloads/``.
SESSION_PDF_FOLDER = ".session-pdfs"
#: What the last good build of each output read and wrote, in ``build/``.
STAMPS = ".stamps"
#: The workshop kit: ``build/<KIT>.zip``, whose files are all in ``<KIT>/``.
KIT = "workshop-kit"

GUIDE_PDF = "facilitator-guide.pdf"
WORKBOOK_PDF = "workbook.pdf"
WORKBOOK_LETTER_PDF = "workbook-letter.pdf"


def book_pdf(basename: str) -> str:
    return f"{basename}.pdf"


def book_epub(basename: str) -> str:
    return f"{basename}.epub"


def session_pdf(format_slug: str, session_slug: str) -> str:
    """One session's slides with notes, on paper: ``slides-<format>-<session>.pdf``."""
    return f"slides-{format_slug}-{session_slug}.pdf"


def sheet_pdf(slug: str, letter: bool = False) -> str:
    """A printable sheet's PDF: A4, or its US Letter edition (as the workbook's)."""
    return f"{slug}-letter.pdf" if letter else f"{slug}.pdf"


@dataclass(frozen=True)
class Output:
    """A published file: what the reader is told it is, and where it is."""

    label: str  # what a link to it says
    href: str  # relative to the site's root
    target: str  # the build output (``build/<target>/``) that makes it

    @property
    def name(self) -> str:
        return self.href.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Manifest:
    """Every file a course publishes for download, named from its basename."""

    basename: str

    @property
    def book_pdf(self) -> Output:
        return Output(
            "The book as a PDF", f"{DOWNLOADS}/{book_pdf(self.basename)}", "pdf"
        )

    @property
    def book_epub(self) -> Output:
        return Output(
            "The book as an EPUB e-book",
            f"{DOWNLOADS}/{book_epub(self.basename)}",
            "epub",
        )

    @property
    def slides(self) -> Output:
        return Output(
            "Workshop slides: a deck per chapter and per session",
            SLIDES_INDEX,
            "slides",
        )

    @property
    def guide(self) -> Output:
        return Output("Facilitator guide (PDF)", f"{DOWNLOADS}/{GUIDE_PDF}", "guide")

    @property
    def workbook(self) -> Output:
        return Output(
            "Participant workbook (PDF, A4)", f"{DOWNLOADS}/{WORKBOOK_PDF}", "workbook"
        )

    @property
    def workbook_letter(self) -> Output:
        return Output(
            "Participant workbook (PDF, US Letter)",
            f"{DOWNLOADS}/{WORKBOOK_LETTER_PDF}",
            "workbook",
        )

    @property
    def listed(self) -> tuple[Output, ...]:
        """What the book's downloads list offers, in its order."""
        return (
            self.book_pdf,
            self.book_epub,
            self.slides,
            self.guide,
            self.workbook,
            self.workbook_letter,
        )

    @property
    def downloads(self) -> tuple[Output, ...]:
        """The files publishing copies from a build output into ``downloads/``."""
        return tuple(o for o in self.listed if o.href.startswith(DOWNLOADS + "/"))


@dataclass(frozen=True)
class Layout:
    """Where a project at ``root`` keeps its sources and its outputs."""

    root: Path

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def chapters(self) -> Path:
        return self.book / CHAPTERS

    @property
    def sheets(self) -> Path:
        return self.book / SHEETS

    @property
    def course_toml(self) -> Path:
        return self.book / "course.toml"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def slides(self) -> Path:
        return self.root / "slides"

    @property
    def formats(self) -> Path:
        return self.slides / "formats"

    @property
    def sources(self) -> tuple[Path, ...]:
        """The folders every output is made from."""
        return (self.book, self.exercises, self.slides)

    @property
    def build(self) -> Path:
        return self.root / "build"

    def output(self, target: str) -> Path:
        """Where the build ``target`` (``html``, ``pdf``, ``guide``...) writes."""
        return self.build / target

    def doctrees(self, target: str) -> Path:
        """Sphinx's saved environment for ``target``, outside what is published."""
        return self.build / ".doctrees" / target

    @property
    def stamps(self) -> Path:
        return self.build / STAMPS

    @property
    def site(self) -> Path:
        return self.build / "site"

    @property
    def kit(self) -> Path:
        return self.build / f"{KIT}.zip"

    def built(self, output: Output) -> Path:
        """The file a build output wrote, before publishing copies it."""
        return self.output(output.target) / output.name

    def bib_files(self) -> list[Path]:
        """The book's bibliographies: every ``.bib`` file under ``book/``."""
        return sorted(self.book.rglob("*.bib"))
