"""``build/workshop-kit.zip``: what a facilitator needs in a room with no network.

The whole published site: the session and module decks with everything they
load, the book itself (the decks link to its crisis resources, glossary,
references, sources and chapters: without it those links were dead offline),
the downloads (facilitator guide, workbooks, each session's slides with notes,
the book's PDF and EPUB), and a short README. The site's folder layout is kept,
so every relative link resolves inside the kit. Entries are sorted and dated
from SOURCE_DATE_EPOCH (or 1980), so the same site gives the same bytes.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZIP_STORED

from ..course.layout import (
    CRISIS_PAGE,
    DOWNLOADS,
    GUIDE_PDF,
    KIT,
    PRINTABLES,
    SLIDES,
    SLIDES_INDEX,
    WORKBOOK_LETTER_PDF,
    WORKBOOK_PDF,
    session_pdf,
)
from ..files import ZipReuse, reproducible_zip
from ..publishing.fingerprint import status_digest
from ..publishing.stamps import is_current, remember

README = """\
{title}: workshop kit
{underline}

Unzip this folder anywhere and open {slides_index} in a web browser. Everything
works offline: no network is needed, and nothing is loaded from the internet.
The whole book is in the kit as well, so the links in the decks (crisis resources,
glossary, references, "Read the chapter") open here without a network.

In a deck:
  Right arrow or space   next slide
  S                      speaker view with your notes and a timer (a new window;
                         allow pop-ups for this file if the browser asks)
  T                      on an activity or break: start or pause its countdown
  F                      full screen
  Esc                    overview of all slides

What is in the kit:
{contents}

Before the first session, check the crisis numbers for the place where you run the
group, and read the facilitator guide's pages on screening and on what to do when
someone is overwhelmed. This course is education, not therapy.

To print a deck's slides without notes, open it in Chrome or Chromium with
?print-pdf after its address (for example {slides}/{example_deck}?print-pdf),
then print to PDF with margins set to none and background graphics on.

{address}
"""

ADDRESS = "The online book: {base_url}"
NO_ADDRESS = (
    "This course has no published address yet: the book in this kit is the one\n"
    "to read (index.html)."
)
_COLUMN = 35  # where the descriptions start, after the paths
_WIDTH = 84  # the README's lines, at most
# Sass sources and source maps (no page loads them) and Sphinx's cross-reference
# inventory (for other Sphinx projects, not for people).
LEFT_OUT = {".map", ".scss", ".inv"}
# Jinja macros the book's theme copies into _static/: templates, not pages.
LEFT_OUT_NAMES = {"webpack-macros.html", "sbt-webpack-macros.html"}
# Formats that are compressed already: deflating them again costs a third of the
# kit's time and saves a few per cent of its size.
STORED = {".pdf", ".woff", ".woff2", ".eot", ".png", ".jpg", ".jpeg", ".epub"}


def _inputs(site: Path) -> list[Path]:
    """Every published file: the book, its downloads and the decks, as laid out
    in the site, so each relative link between them resolves in the kit too."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix not in LEFT_OUT
        and p.name not in LEFT_OUT_NAMES
        and not p.name.startswith(".")
    )


def _contents(site: Path) -> str:
    """What the kit holds, by the names the manifest gives its files."""
    sheets = sorted(p.name for p in (site / PRINTABLES).glob("*.pdf"))
    crisis_page = CRISIS_PAGE if (site / CRISIS_PAGE).is_file() else "index.html"
    rows = [
        (SLIDES_INDEX, "every deck: one per session, one per module"),
        (
            f"{SLIDES}/<format>/index.html",
            "run sheets with clock times for each session",
        ),
        (
            f"{DOWNLOADS}/{session_pdf('<format>', '<session>')}",
            "each session's slides with your notes below each slide: for your "
            "binder, or for the evening the projector fails",
        ),
        (
            f"{DOWNLOADS}/{GUIDE_PDF}",
            "screening, safety, referral; notes per session",
        ),
        (f"{DOWNLOADS}/{WORKBOOK_PDF}", "participant workbook, A4 (one per person)"),
        (f"{DOWNLOADS}/{WORKBOOK_LETTER_PDF}", "the same workbook, US Letter"),
        (
            f"{PRINTABLES}/",
            "sheets to print: " + (", ".join(sheets) if sheets else "none yet"),
        ),
        (
            "index.html",
            f"the book, to read offline (also as PDF and EPUB in {DOWNLOADS}/)",
        ),
        (crisis_page, "crisis numbers, offline"),
    ]
    lines = []
    for path, what in rows:
        # The description beside a short path, below a long one.
        wrapped = textwrap.wrap(what, _WIDTH - 2 - _COLUMN, break_on_hyphens=False)
        first = path.ljust(_COLUMN - 2) + "  " if len(path) <= _COLUMN - 4 else None
        if first is None:
            lines.append("  " + path)
            first = " " * _COLUMN
        lines.append("  " + first + wrapped[0])
        lines += ["  " + " " * _COLUMN + rest for rest in wrapped[1:]]
    return "\n".join(lines)


def readme_text(site: Path, title: str, base_url: str) -> str:
    """The kit's README; ``base_url`` is the published address, or ""."""
    slides = site / SLIDES
    decks = sorted(p for p in slides.glob("*/*.html") if p.stem != "index")
    example = decks[0].relative_to(slides).as_posix() if decks else "index.html"
    return README.format(
        title=title,
        underline="=" * (len(title) + 15),
        contents=_contents(site),
        slides=SLIDES,
        slides_index=SLIDES_INDEX,
        example_deck=example,
        address=ADDRESS.format(base_url=base_url) if base_url else NO_ADDRESS,
    )


def write_kit(
    site: Path, target: Path, title: str, base_url: str, earlier: Path | None = None
) -> bool:
    """Write the zip ``target`` of the published ``site``.

    ``base_url`` is the published address (``settings.published_url``) or "".
    ``earlier`` is the kit published before, if any: when none of its files
    changed it is linked as it is, and otherwise its unchanged members are
    copied still compressed (compressing costs more than the rest of
    publishing a one-chapter edit). Its stamp is kept beside it. Returns False
    (and writes nothing) if the site has no decks.
    """
    if not (site / SLIDES_INDEX).is_file():
        return False
    readme = readme_text(site, title, base_url)
    files = _inputs(site)
    # Publishing keeps each file's time, so an unchanged deck or handout gives
    # the same fingerprint without being read.
    fingerprint = status_digest(
        ((path.relative_to(site).as_posix(), path.stat()) for path in files),
        seed=readme,
    )
    if earlier is not None and is_current(earlier, fingerprint, dated=True):
        target.hardlink_to(earlier)
        remember(target, fingerprint, dated=True)
        return True
    with (
        ZipReuse(earlier or target) as reused,
        reproducible_zip(target) as archive,
    ):
        archive.writestr(f"{KIT}/README.txt", readme)
        for path in files:
            name = f"{KIT}/{path.relative_to(site).as_posix()}"
            method = ZIP_STORED if path.suffix in STORED else ZIP_DEFLATED
            data = path.read_bytes()
            if not reused.copy(archive, name, data, method):
                # Level 1: half the time of the default for a kit 5 % larger.
                archive.writestr(name, data, compress_type=method, compresslevel=1)
    remember(target, fingerprint, dated=True)
    return True
