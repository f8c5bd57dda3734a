"""Fewer garbage collections while WeasyPrint lays out and writes a book.

WeasyPrint creates millions of long-lived objects (boxes, styles, layouts).
With Python's default thresholds a collection starts every 700 new objects, and
the full collections that follow walk all of them: for a 300-chapter book, 20
full collections and 10,000 young ones took 15 of WeasyPrint's 85 seconds. With
a first threshold of 10,000 there were 6 full and 665 young ones (13 s), and the
peak was lower (1,501 MiB, not 1,672), measured once each on the same book.
Higher thresholds were faster (77 s) but kept garbage to the peak: a tenth more
memory inside the Sphinx process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

RENDER_THRESHOLDS = (10_000, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold for the block, then restore it.

    What is already garbage (Sphinx's, in a PDF builder) is collected first, so
    the render starts with that memory free.
    """
    before = gc.get_threshold()
    gc.collect()
    gc.set_threshold(*RENDER_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
