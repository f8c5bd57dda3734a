"""The offline workshop kit: unzipped anywhere, opened from file://, no network.

Every deck in the kit must run (load reveal.js, advance with the keyboard), the
speaker view must show the notes, and a deck's crisis link must open the crisis
page from the kit. Any request for something outside the unzipped folder fails
the test.
"""

from __future__ import annotations

import re
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from coursepress.course.facts import load_course, published_url
from e2e_support import PROJECT
from playwright.sync_api import Browser, BrowserContext, Route, expect

KIT = PROJECT / "build" / "workshop-kit.zip"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not KIT.is_file():
        pytest.fail(
            "build/workshop-kit.zip is missing: build the site first (nox -s build)"
        )
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(KIT) as archive:
        archive.extractall(folder)
    return folder / "workshop-kit"


@pytest.fixture
def offline(browser: Browser, kit: Path) -> Iterator[tuple[BrowserContext, list[str]]]:
    outside: list[str] = []
    inside = kit.resolve().as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 800})

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith((inside + "/", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    yield context, outside
    context.close()
    assert outside == [], f"requests outside the kit: {outside}"


def kit_decks() -> list[str]:
    if not KIT.is_file():
        return []
    with zipfile.ZipFile(KIT) as archive:
        return sorted(
            name.removeprefix("workshop-kit/")
            for name in archive.namelist()
            if name.startswith("workshop-kit/slides/")
            and name.endswith(".html")
            and "/_static/" not in name
            and not name.endswith("index.html")
        )


@pytest.mark.parametrize("kit_deck", kit_decks())
def test_every_deck_runs_offline(offline, kit: Path, kit_deck: str) -> None:
    context, _outside = offline
    page = context.new_page()
    page.goto((kit / kit_deck).as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    total = page.evaluate("() => Reveal.getTotalSlides()")
    assert total >= 5
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1")


def crisis_numbers() -> list[str]:
    """The phone numbers of the course's crisis lines (book/course.toml)."""
    crisis = load_course(PROJECT / "book").crisis
    return [number for line in crisis for number in line.call if number[0].isdigit()]


def test_crisis_link_of_a_deck_opens_the_crisis_page_offline(
    offline, kit: Path
) -> None:
    """A room without a network: the content-note slide's crisis link must work."""
    context, _outside = offline
    numbers = crisis_numbers()
    assert numbers  # 988, 116 123
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A module deck: its content-note slide links the crisis page (a session
    # deck shows the numbers themselves on its last slide).
    page.goto((kit / "slides" / "chapters" / "00-welcome.html").as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    # The first crisis link on a slide (not in the notes): go to its slide.
    page.evaluate(
        """() => {
          const link = [...document.querySelectorAll(
            '.slides a[href*="crisis-resources"]')].find(a => !a.closest('aside'));
          const at = Reveal.getIndices(link.closest('section'));
          Reveal.slide(at.h, at.v);
        }"""
    )
    link = page.locator("section.present a[href*='crisis-resources']").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/crisis-resources.html*")
    assert (kit / "crisis-resources.html").is_file()
    for number in numbers:
        expect(page.get_by_text(number).first).to_be_visible()
    assert errors == []


def test_session_deck_speaker_view_and_qr_code(offline, kit: Path) -> None:
    context, _outside = offline
    page = context.new_page()
    page.goto((kit / "slides" / "evenings" / "session-1.html").as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    # The agenda slide carries the run sheet in its notes.
    go_to = (
        "s => { const at = Reveal.getIndices(document.querySelector(s));"
        " Reveal.slide(at.h, at.v); }"
    )
    page.evaluate(go_to, "section[data-state=agenda]")
    with context.expect_page() as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    expect(popup.locator(".speaker-controls-notes .value")).to_contain_text(
        "Run sheet", timeout=15_000
    )
    popup.close()
    page.evaluate(go_to, "section[data-state=closing]")
    qr = page.locator("section.present figure.qr svg")
    course = tomllib.loads((PROJECT / "book" / "course.toml").read_text("utf-8"))
    if not published_url(course.get("base_url", "")):
        # No published address yet: no QR code to nowhere, the crisis lines stay.
        expect(qr).to_have_count(0)
        page.evaluate(go_to, "section[data-state=crisis-lines]")
        expect(page.locator("section.present .crisis-groups")).to_be_visible()
        return
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100


def test_kit_index_links_every_session(offline, kit: Path) -> None:
    context, _outside = offline
    page = context.new_page()
    page.goto((kit / "slides" / "index.html").as_uri())
    hrefs = page.eval_on_selector_all(
        "a", "links => links.map(a => a.getAttribute('href'))"
    )
    for session in (
        "evenings/session-1.html",
        "evenings/session-6.html",
        "day/day.html",
    ):
        assert session in hrefs
        assert (kit / "slides" / session).is_file()


def test_book_search_works_from_the_kit(offline, kit: Path) -> None:
    """The book in the kit is searched from file://, without a script error."""
    context, _outside = offline
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((kit / "search.html").as_uri() + "?q=shame")
    results = page.locator("#search-results ul.search li")
    expect(results.first).to_be_visible(timeout=15_000)
    page.wait_for_function(
        "() => /found \\d+ page/.test("
        "document.querySelector('#search-results p.search-summary')?.textContent)"
    )
    summary = page.locator("#search-results p.search-summary").inner_text()
    found = int(re.search(r"found (\d+) page", summary).group(1))
    assert found > 1
    expect(results).to_have_count(found)
    page.wait_for_timeout(500)  # a failed summary fetch would report by now
    assert errors == []
