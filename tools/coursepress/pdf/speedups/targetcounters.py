"""Page numbers of cross-references, each page laid out again only when needed.

The book prints "(page 331)" after each link to another part of the book, and
the contents give every chapter's page: ``target-counter(attr(href url), page)``.
A number is only known once the page it points to is laid out, so WeasyPrint 70
records, for each such text, what it waits for, and lays its page out again when
that changes (``TargetCollector``). Two slips make it lay out too much:

- ``compute_content_list`` keys what a text waits for by the *unresolved* token:
  ``attr(href url)`` gives the anchor name ``None``, so the target's news never
  reaches the text. The number still comes out right, by a second slip: the
  function reuses the name ``missing_counters`` for the target's list, so the
  text is also recorded as waiting for its *own* page's counters, and its page
  is laid out again whenever those differ from the pass before. The page total
  is 0 in the first pass and known in the second, so every page with a
  cross-reference is laid out three times.
- When a target's page is laid out again, any change in its counters, the page
  total included, counts as news for every text pointing to it, even one that
  shows only the page number.

Here the anchor names are resolved as ``lookup_target`` resolves them, a text
waits for its own page only for the counters it shows itself, and a text's page
is laid out again only when a counter the text shows changed. For a 40-chapter
book (334 pages) that is 398 page layouts instead of 444, and the same bytes.

Upstream: no issue names these (searched WeasyPrint's tracker for the
repagination of ``target-counter``); the code came with WeasyPrint #652.
"""

from __future__ import annotations

import copy
from typing import Any

from ..guard import Attribute, SpeedUp

_TARGET_COUNTERS = ("target-counter()", "target-counters()")


def _anchor_name(token: Any, box: Any) -> str | None:
    """The anchor a ``target-counter`` token names, resolved as WeasyPrint's
    ``TargetCollector.lookup_target`` resolves it for ``box``."""
    from weasyprint.css.targets import anchor_name_from_token
    from weasyprint.urls import get_url_tuple

    if token[0] == "attr()":
        attribute, kind, fallback = token[1]
        value = box.element.get(attribute, fallback)
        if kind == "string":
            token = ("string", value)
        elif kind == "url":
            token = ("url", get_url_tuple(value, box.style.base_url))
    return anchor_name_from_token(token)


def _waits(content: Any, box: Any, unresolved: list[str]) -> dict[str, list[str]]:
    """Each anchor a ``content`` value points to, with the counters it waits for."""
    waits: dict[str, list[str]] = {}
    for kind, value in content:
        if kind in _TARGET_COUNTERS:
            name = _anchor_name(value[0], box)
            if name is not None:
                counters = waits.setdefault(name, [])
                counters.extend(c for c in unresolved if c not in counters)
    return waits


def _recording_what_texts_wait_for(original: Any) -> Any:
    def collect_missing_counters(
        self: Any,
        parent_box: Any,
        css_token: str,
        parse_again_function: Any,
        missing_counters: list[str],
        missing_target_counters: dict[str, list[str]],
    ) -> None:
        content = parent_box.style["content"] if css_token == "content" else None
        if isinstance(content, (list, tuple)):
            # The text's own counters, or a target's list under their name?
            reused = any(
                missing_counters is listed
                for listed in missing_target_counters.values()
            )
            unresolved = missing_target_counters.get(None)
            waits = _waits(content, parent_box, unresolved) if unresolved else {}
            if waits:  # else keep WeasyPrint's record: nothing to resolve it with
                del missing_target_counters[None]
                missing_target_counters.update(waits)
            if reused:
                missing_counters = [
                    value[0]
                    for kind, value in content
                    if kind in ("counter()", "counters()")
                ]
        original(
            self,
            parent_box,
            css_token,
            parse_again_function,
            missing_counters,
            missing_target_counters,
        )

    return collect_missing_counters


def cache_target_page_counters(
    self: Any,
    anchor_name: str,
    page_counter_values: dict[str, Any],
    page_maker_index: int,
    page_maker: list[Any],
) -> None:
    """WeasyPrint 70's ``TargetCollector.cache_target_page_counters`` (BSD-3-Clause),
    with one test added: a targeting page is laid out again only when a counter
    its text shows changed."""
    if self.collecting:
        return
    item = self.target_lookup_items.get(anchor_name)
    if not item or item.state != "up-to-date":
        return
    item.page_maker_index = page_maker_index
    before = item.cached_page_counter_values
    if before == page_counter_values:
        return
    item.cached_page_counter_values = copy.deepcopy(page_counter_values)
    for (_, css_token), lookup in self.counter_lookup_items.items():
        if css_token != "content":
            continue
        shown = lookup.missing_target_counters.get(anchor_name)
        if shown is None:
            continue
        if lookup.page_maker_index is None or lookup.page_maker_index >= len(
            page_maker
        ):
            lookup.pending = True
            continue
        if any(
            page_counter_values.get(name) is not None
            and before.get(name) != page_counter_values.get(name)
            for name in shown
        ):
            page_maker[lookup.page_maker_index][-1]["content_changed"] = True
            lookup.parse_again(item.cached_page_counter_values)


SPEED_UP = SpeedUp(
    name="targetcounters",
    module=__name__,
    targets=(
        Attribute(
            "weasyprint.css.targets",
            "TargetCollector.collect_missing_counters",
            _recording_what_texts_wait_for,
        ),
        Attribute(
            "weasyprint.css.targets",
            "TargetCollector.cache_target_page_counters",
            lambda _original: cache_target_page_counters,
        ),
    ),
    # Mirrors how WeasyPrint 70 records and spreads page counters: exact version.
    versions={"weasyprint": "70.0"},
    upstream=None,
)
