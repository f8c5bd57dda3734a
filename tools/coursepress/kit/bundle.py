"""``build/workshop-kit.zip``: what a facilitator needs in a room with no network.

The session and module decks with everything they load, the facilitator guide,
the workbooks and a short README. Entries are sorted and dated from
SOURCE_DATE_EPOCH (or 1980), so the same site gives the same bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..ext.reproducible import fixed_zip_date

README = """\
{title}: workshop kit
{underline}

Unzip this folder anywhere and open slides/index.html in a web browser. Everything
works offline: no network is needed, and nothing is loaded from the internet.

In a deck:
  Right arrow or space   next slide
  S                      speaker view with your notes and a timer (a new window;
                         allow pop-ups for this file if the browser asks)
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


def write_kit(site: Path, target: Path, title: str, base_url: str) -> Path | None:
    """Zip the decks and handouts of a published ``site``; None if it has no decks."""
    slides = site / "slides"
    if not (slides / "index.html").is_file():
        return None
    files = sorted(p for p in slides.rglob("*") if p.is_file())
    files += sorted(
        p
        for p in (site / "downloads").glob("*.pdf")
        if p.name in {"facilitator-guide.pdf", "workbook.pdf", "workbook-letter.pdf"}
    )
    partial = target.with_name(f".{target.name}.partial")
    date = fixed_zip_date()
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        readme = README.format(
            title=title, underline="=" * (len(title) + 15), base_url=base_url
        )
        info = zipfile.ZipInfo("workshop-kit/README.txt", date)
        info.external_attr = 0o644 << 16
        archive.writestr(info, readme, compress_type=zipfile.ZIP_DEFLATED)
        for path in files:
            info = zipfile.ZipInfo(
                f"workshop-kit/{path.relative_to(site).as_posix()}", date
            )
            info.external_attr = 0o644 << 16
            archive.writestr(
                info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED
            )
    partial.replace(target)
    return target
