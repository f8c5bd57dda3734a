"""Fewer garbage collections while WeasyPrint lays out and writes a book.

WeasyPrint creates millions of long-lived objects (boxes, styles, layouts).
With Python's default thresholds a collection starts every 700 new objects, and
the full collections that follow walk all of them: for a 300-chapter book, 20
full collections and 10,000 young ones took 15 of WeasyPrint's 85 seconds. With
a first threshold of 10,000 there were 6 full and 665 young ones (13 s), and the
peak was lower (1,501 MiB, not 1,672), measured once each on the same book.
Higher thresholds were faster (77 s) but kept garbage to the peak: a tenth more
memory inside the Sphinx process.

Upstream: none; this is a setting of the Python process, not a defect of
WeasyPrint, and no upstream issue asks for it. It is pinned to the WeasyPrint
release it was measured with, since another one allocates differently.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from ..guard import Installed, SpeedUp

RENDER_THRESHOLDS = (10_000, 10, 10)


@dataclass(frozen=True)
class Thresholds:
    """The collector's thresholds, as a target: set for a render, then restored.

    What is already garbage (Sphinx's, in a PDF builder) is collected first, so
    the render starts with that memory free.
    """

    values: tuple[int, int, int]

    @property
    def name(self) -> str:
        return "gc.set_threshold"

    def current(self) -> tuple[int, ...]:
        return gc.get_threshold()

    def install(self) -> Installed:
        before = gc.get_threshold()
        gc.collect()
        gc.set_threshold(*self.values)
        return Installed(
            holds=lambda: gc.get_threshold() == self.values,
            undo=lambda: gc.set_threshold(*before),
        )


SPEED_UP = SpeedUp(
    name="gcpause",
    module=__name__,
    targets=(Thresholds(RENDER_THRESHOLDS),),
    versions={"weasyprint": "70.0"},
    upstream=None,
)
