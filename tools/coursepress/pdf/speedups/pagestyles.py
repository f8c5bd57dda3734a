"""WeasyPrint's page styles, found by key instead of by scanning every element.

For every page it lays out, WeasyPrint 70 looks for the page's margin boxes
(running headers, page numbers) by walking the cascaded styles of *every
element of the document* (``set_page_type_computed_styles``): 2,430 pages
times 300,000 elements for a 300-chapter book, a tenth of its layout time and
growing with the square of the book. The margin boxes of a page can only be
the pseudo-elements named by the stylesheets' ``@page`` rules, so those are
looked up directly, in the order the scan would find them. The PDF's bytes are
the same.

Upstream: WeasyPrint's open issue on long documents' speed (#578); a profile
posted there puts 40 % of a long document's time in ``remake_page``, which is
where this scan runs. No issue names the scan itself.
"""

from __future__ import annotations

from typing import Any

from ..guard import Attribute, SpeedUp


def _margin_boxes(style_for: Any, page_type: Any) -> list[str]:
    """The ``@page`` pseudo-elements matching ``page_type``, in the order
    ``add_page_declarations`` adds them (so in the order the scan met them)."""
    found: dict[str, None] = {}
    for sheet, _origin, _sheet_specificity in style_for._sheets:
        for _rule, selector_list, _declarations in sheet.page_rules:
            for _specificity, pseudo_type, page_selector_type in selector_list:
                if pseudo_type and style_for._page_type_match(
                    page_selector_type, page_type
                ):
                    found.setdefault(pseudo_type, None)
    return list(found)


def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
    """``weasyprint.layout.page.set_page_type_computed_styles``, without the scan."""
    style_for.add_page_declarations(page_type)
    style_for.set_computed_styles(
        page_type,
        # @page inherits from the root element, as in WeasyPrint.
        root=html.etree_element,
        parent=html.etree_element,
        base_url=html.base_url,
    )
    cascaded = style_for.get_cascaded_styles()
    for pseudo_type in _margin_boxes(style_for, page_type):
        if (page_type, pseudo_type) in cascaded:
            style_for.set_computed_styles(
                page_type,
                pseudo_type=pseudo_type,
                root=html.etree_element,
                parent=page_type,
                base_url=html.base_url,
            )


SPEED_UP = SpeedUp(
    name="pagestyles",
    module=__name__,
    targets=(
        Attribute(
            "weasyprint.layout.page",
            "set_page_type_computed_styles",
            lambda _original: set_page_type_computed_styles,
        ),
    ),
    # Reads the style cascade's internals (_sheets, page_rules, _page_type_match).
    versions={"weasyprint": "70.0"},
    upstream="https://github.com/Kozea/WeasyPrint/issues/578",
)
