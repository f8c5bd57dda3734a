"""WeasyPrint's fixed-position boxes, looked for only on pages that have some.

To add each page's margin boxes, WeasyPrint 70 walks every *other* page of the
document for boxes with ``position: fixed`` (``layout_fixed_boxes``, called with
``pages[:i]`` and ``pages[i + 1:]``): 5.9 million Python steps for a
2,430-page book, which has no such boxes at all. The pages are filtered in C
first; the pages that do have fixed boxes are laid out as before, in the same
order, so the bytes written are the same.

Upstream: WeasyPrint's issue #545 (performance on a large PDF), where the
maintainer timed about 60 of a 52-page document's 140 seconds in "the fixed
boxes and page margins layout". That issue is closed; the walk over every
other page is still in WeasyPrint 70, and no open issue names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter
from typing import Any

from ..guard import Attribute, SpeedUp

_has_fixed_boxes = attrgetter("fixed_boxes")


def _filtering(original: Any) -> Any:
    def layout_fixed_boxes(
        context: Any, pages: list[Any], containing_page: Any
    ) -> Iterator[Any]:
        return original(context, filter(_has_fixed_boxes, pages), containing_page)

    return layout_fixed_boxes


SPEED_UP = SpeedUp(
    name="fixedboxes",
    module=__name__,
    # Called by name inside weasyprint.layout (layout_document), so replacing
    # the module's attribute reaches every call.
    targets=(Attribute("weasyprint.layout", "layout_fixed_boxes", _filtering),),
    versions={"weasyprint": "70.0"},
    upstream="https://github.com/Kozea/WeasyPrint/issues/545",
)
