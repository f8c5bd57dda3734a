"""WeasyPrint's fixed-position boxes, looked for only on pages that have some.

To add each page's margin boxes, WeasyPrint 70 walks every *other* page of the
document for boxes with ``position: fixed`` (``layout_fixed_boxes``, called with
``pages[:i]`` and ``pages[i + 1:]``): 5.9 million Python steps for a
2,430-page book, which has no such boxes at all. The pages are filtered in C
first; the pages that do have fixed boxes are laid out as before, in the same
order, so the bytes written are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter
from typing import Any

_has_fixed_boxes = attrgetter("fixed_boxes")


def install() -> None:
    """Filter the pages before WeasyPrint's own loop (idempotent)."""
    from weasyprint import layout

    original = layout.layout_fixed_boxes
    if getattr(original, "_coursepress_filters", False):
        return

    def layout_fixed_boxes(
        context: Any, pages: list[Any], containing_page: Any
    ) -> Iterator[Any]:
        return original(context, filter(_has_fixed_boxes, pages), containing_page)

    layout_fixed_boxes._coursepress_filters = True  # type: ignore[attr-defined]
    layout.layout_fixed_boxes = layout_fixed_boxes
