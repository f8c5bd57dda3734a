"""``build/workshop-kit.zip``: what a facilitator needs in a room with no network.

The session and module decks with everything they load, the facilitator guide,
the workbooks and a short README. Entries are sorted and dated from
SOURCE_DATE_EPOCH (or 1980), so the same site gives the same bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..fingerprint import status_digest
from ..zipdates import fixed_zip_date

README = """\
{title}: workshop kit
{underline}

Unzip this folder anywhere and open slides/index.html in a web browser. Everything
works offline: no network is needed, and nothing is loaded from the internet.

In a deck:
  Right arrow or space   next slide
  S                      speaker view with your notes and a timer (a new window;
                         allow pop-ups for this file if the browser asks)
  T                      on an activity or break: start or pause its countdown
  F                      full screen
  Esc                    overview of all slides

What is in the kit:
  slides/index.html                  every deck: one per session, one per module
  slides/<format>/index.html         run sheets with clock times for each session
  downloads/facilitator-guide.pdf    screening, safety, referral; notes per session
  downloads/workbook.pdf             participant workbook, A4 (one per person)
  downloads/workbook-letter.pdf      the same workbook, US Letter

Before the first session, check the crisis numbers for the place where you run the
group, and read the facilitator guide's pages on screening and on what to do when
someone is overwhelmed. This course is education, not therapy.

Links to the online book open {base_url}
"""


HANDOUTS = ("facilitator-guide.pdf", "workbook.pdf", "workbook-letter.pdf")
# Sass sources and source maps of reveal.js: no deck loads them.
LEFT_OUT = {".map", ".scss"}
# Formats that are compressed already: deflating them again costs a third of the
# kit's time and saves a few per cent of its size.
STORED = {".pdf", ".woff", ".woff2", ".eot", ".png", ".jpg", ".jpeg"}


def _inputs(site: Path) -> list[Path]:
    files = sorted(
        p
        for p in (site / "slides").rglob("*")
        if p.is_file() and p.suffix not in LEFT_OUT
    )
    return files + [
        site / "downloads" / name
        for name in HANDOUTS
        if (site / "downloads" / name).is_file()
    ]


def write_kit(site: Path, target: Path, title: str, base_url: str) -> bool:
    """Bring the zip ``target`` up to date with the decks and handouts of ``site``.

    Returns False (and leaves ``target`` alone) if the site has no decks. The zip
    is written again only when one of its files changed: compressing it costs
    more than the rest of publishing a one-chapter edit.
    """
    if not (site / "slides" / "index.html").is_file():
        return False
    readme = README.format(
        title=title, underline="=" * (len(title) + 15), base_url=base_url
    )
    files = _inputs(site)
    # Publishing keeps each file's time, so an unchanged deck or handout gives
    # the same fingerprint without being read.
    fingerprint = status_digest(
        ((path.relative_to(site).as_posix(), path.stat()) for path in files),
        seed=readme,
    )
    stamp = target.parent / ".stamps" / f"{target.stem}.inputs"
    if target.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
        return True
    partial = target.with_name(f".{target.name}.partial")
    date = fixed_zip_date()
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("workshop-kit/README.txt", date)
        info.external_attr = 0o644 << 16
        archive.writestr(info, readme, compress_type=zipfile.ZIP_DEFLATED)
        for path in files:
            info = zipfile.ZipInfo(
                f"workshop-kit/{path.relative_to(site).as_posix()}", date
            )
            info.external_attr = 0o644 << 16
            method = (
                zipfile.ZIP_STORED if path.suffix in STORED else zipfile.ZIP_DEFLATED
            )
            # Level 1: half the time of the default for a kit 5 % larger; the kit
            # is zipped again after every edit to a deck.
            archive.writestr(
                info, path.read_bytes(), compress_type=method, compresslevel=1
            )
    partial.replace(target)
    stamp.parent.mkdir(exist_ok=True)
    stamp.write_text(fingerprint)
    return True
