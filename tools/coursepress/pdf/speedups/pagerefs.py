"""Tagged PDFs in time proportional to their length: pydyf's page list, kept.

WeasyPrint writes a tagged PDF (PDF/UA) by giving every tagged element a
reference to its page, read from ``pydyf.PDF.page_references``. That property
builds a new tuple of *all* pages at every read: 55,000 tagged elements times
820 pages for a 100-chapter book, 45 million steps and a third of the PDF's
whole build, growing with the square of the book's length. The tuple only
changes when a page is added (``add_page`` extends ``Kids``), so it is kept
with the length it was made for and rebuilt when that length changes. The
bytes written are the same.

Upstream: no upstream issue found (searched the WeasyPrint and pydyf issue
trackers for slow tagged PDFs and ``page_references``). pydyf 0.13's property
is correct, only slow when read once per tagged element.
"""

from __future__ import annotations

from typing import Any

from ..guard import Attribute, SpeedUp

_CACHE = "_coursepress_page_references"


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get(_CACHE)
    if cached is not None and cached[0] == len(kids):
        return cached[1]
    references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
    pdf.__dict__[_CACHE] = (len(kids), references)
    return references


def _kept(_original: Any) -> property:
    return property(_page_references)


SPEED_UP = SpeedUp(
    name="pagerefs",
    module=__name__,
    targets=(Attribute("pydyf", "PDF.page_references", _kept),),
    # The cache reads pydyf's page tree (``Kids``: number, 0, "R" per page).
    versions={"pydyf": "0.13.0"},
    upstream=None,
)
