"""Which speed-ups a render may use: ``COURSEPRESS_PDF_SPEEDUPS``.

Each speed-up can be switched off without editing code, to compare a PDF or a
timing with the plain libraries, or to get past a speed-up that misbehaves:

- unset, empty or ``on``: every registered speed-up (on the versions it was
  written for);
- ``off``: none;
- ``-pagerefs,-gcpause``: all but those;
- ``pagerefs,pagestyles``: only those.

An unknown name is an error rather than a switch that silently does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .errors import PDFRenderError

VARIABLE = "COURSEPRESS_PDF_SPEEDUPS"


def switched_on(names: Iterable[str], value: str | None = None) -> set[str]:
    """The names in ``names`` that ``value`` (default: the variable) leaves on."""
    known = list(names)
    if value is None:
        value = os.environ.get(VARIABLE, "")
    words = [word.strip() for word in value.split(",") if word.strip()]
    if not words or words == ["on"]:
        return set(known)
    if words == ["off"]:
        return set()
    chosen = [word for word in words if not word.startswith("-")]
    dropped = {word[1:] for word in words if word.startswith("-")}
    unknown = sorted((set(chosen) | dropped) - set(known))
    if unknown:
        raise PDFRenderError(
            f"{VARIABLE}={value!r}: no speed-up named {', '.join(unknown)} "
            f"(known: {', '.join(known)}; or 'on', 'off')"
        )
    return (set(chosen) if chosen else set(known)) - dropped
