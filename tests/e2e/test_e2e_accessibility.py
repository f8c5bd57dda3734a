"""axe-core on every page of the built site: no moderate, serious or critical violation.

Book pages are checked in light and in dark mode; decks as opened (title slide,
controls, slide number) and as reveal.js lays them out for print, where every
slide is visible at once; other pages (deck indexes) as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from e2e_support import BLOCKING_IMPACTS, format_violations
from playwright.sync_api import BrowserContext, Page, expect


def blocking_violations(page: Page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def open_deck(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_book_page(
    new_context: Callable[..., BrowserContext],
    base_url: str,
    axe_source: str,
    book_page: str,
    mode: str,
) -> None:
    # The theme follows the system's colour scheme until the reader picks one.
    page = new_context(color_scheme=mode).new_page()
    page.goto(base_url + book_page)
    expect(page.locator("html")).to_have_attribute("data-theme", mode)
    violations = blocking_violations(page, axe_source)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("view", ["slides", "all slides"])
def test_deck(
    context: BrowserContext, base_url: str, axe_source: str, deck: str, view: str
) -> None:
    page = context.new_page()
    open_deck(page, base_url + deck + ("?print-pdf" if view == "all slides" else ""))
    violations = blocking_violations(page, axe_source)
    assert not violations, format_violations(violations)


def test_other_page(
    context: BrowserContext, base_url: str, axe_source: str, other_page: str
) -> None:
    page = context.new_page()
    page.goto(base_url + other_page)
    violations = blocking_violations(page, axe_source)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_marked_states_in_both_modes(
    new_context: Callable[..., BrowserContext],
    base_url: str,
    axe_source: str,
    mode: str,
) -> None:
    """What a reader sees only after doing something: search hits highlighted in
    the results and on the page opened from them, and a glossary term reached by
    its link (``:target``). axe checks the contrast of what is on screen."""
    page = new_context(color_scheme=mode).new_page()
    page.goto(base_url + "glossary.html")
    term = page.locator("article dl.glossary dt[id]").first
    anchor, word = term.get_attribute("id"), term.inner_text().split()[0]
    page.goto(f"{base_url}glossary.html#{anchor}")
    expect(page.locator(f"dt[id='{anchor}']")).to_have_css(
        "background-color", re.compile(r"rgb\((?!0, 0, 0\))")
    )
    states = [blocking_violations(page, axe_source)]

    page.goto(f"{base_url}search.html?q={word}")
    hits = page.locator("#search-results span.highlighted")
    expect(hits.first).to_be_visible(timeout=15_000)
    states.append(blocking_violations(page, axe_source))

    page.locator("#search-results li a").first.click()
    expect(page.locator("article span.highlighted").first).to_be_visible()
    states.append(blocking_violations(page, axe_source))
    for violations in states:
        assert not violations, format_violations(violations)
