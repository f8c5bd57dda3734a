"""The registry of speed-ups over WeasyPrint and pydyf, each standing in for a fix.

A speed-up is one module here with a ``SPEED_UP`` (``coursepress.pdf.guard.SpeedUp``):
what it replaces, the exact versions it was written for, and the upstream issue.
Listing it in ``REGISTRY`` is what makes the engine install it (``engine.py``),
the render stamp include its code (``stamp.py``), and the tests check it. Importing
these modules does not import WeasyPrint: a PDF that is up to date must not load it.
"""

from __future__ import annotations

from ..guard import SpeedUp
from . import fixedboxes, gcpause, pagerefs, pagestreams, pagestyles, targetcounters

#: In the order they are installed (and undone in reverse).
REGISTRY: tuple[SpeedUp, ...] = (
    pagerefs.SPEED_UP,
    pagestyles.SPEED_UP,
    targetcounters.SPEED_UP,
    fixedboxes.SPEED_UP,
    pagestreams.SPEED_UP,
    gcpause.SPEED_UP,
)
