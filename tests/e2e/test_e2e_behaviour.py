"""What a reader and a facilitator do: search, page through, go dark, present."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from e2e_support import SITE
from playwright.sync_api import BrowserContext, Page, expect

CHAPTERS = sorted((SITE / "chapters").glob("*.html"))
MAGIC = {".pdf": b"%PDF-", ".epub": b"PK\x03\x04", ".zip": b"PK\x03\x04"}


def words_of(path) -> set[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article") or soup
    return {w.lower() for w in re.findall(r"[A-Za-z]{9,}", main.get_text(" "))}


def word_only_in(chapter) -> str:
    """A long word of ``chapter`` that no other page of the book uses."""
    others = Counter(
        word
        for path in SITE.glob("**/*.html")
        if path != chapter
        and "slides" not in path.parts
        and "_static" not in path.parts
        for word in words_of(path)
    )
    unique = sorted(w for w in words_of(chapter) if w not in others)
    assert unique, f"{chapter.name} has no word of its own to search for"
    return unique[0]


def test_search_finds_a_chapter_by_a_word_in_it(
    context: BrowserContext, base_url: str
) -> None:
    chapter = CHAPTERS[len(CHAPTERS) // 2]
    word = word_only_in(chapter)
    page = context.new_page()
    page.goto(base_url + "index.html")
    page.keyboard.press("Control+k")  # the theme's search dialog
    field = page.locator("#pst-search-dialog input[name='q']")
    expect(field).to_be_focused()
    field.fill(word)
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    result = page.locator(f"#search-results a[href*='chapters/{chapter.name}']")
    expect(result.first).to_be_visible()


def test_next_and_previous_move_through_the_chapters(
    context: BrowserContext, base_url: str
) -> None:
    first, second = CHAPTERS[1], CHAPTERS[2]
    page = context.new_page()
    page.goto(f"{base_url}chapters/{first.name}")
    page.locator("a.right-next").click()
    page.wait_for_url(f"**/chapters/{second.name}")
    expect(page.locator("article h1").first).to_be_visible()
    page.locator("a.left-prev").click()
    page.wait_for_url(f"**/chapters/{first.name}")


def background_luminance(page: Page) -> float:
    rgb = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(n) for n in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_dark_mode_toggle_darkens_the_page_and_is_remembered(
    context: BrowserContext, base_url: str
) -> None:
    page = context.new_page()
    page.goto(base_url + "index.html")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert background_luminance(page) > 0.8
    page.locator(".theme-switch-button:visible").first.click()
    page.locator(".theme-change-button[data-mode='dark']:visible").first.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert background_luminance(page) < 0.2
    page.goto(f"{base_url}chapters/{CHAPTERS[0].name}")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")


def open_deck(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")


def test_deck_advances_with_the_keyboard(
    context: BrowserContext, base_url: str
) -> None:
    page = context.new_page()
    open_deck(page, f"{base_url}slides/chapters/{CHAPTERS[1].name}")
    heading = page.locator(".reveal .slides section.present:not(.stack) :is(h1, h2)")
    first_title = heading.first.inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1")
    expect(heading.first).not_to_have_text(first_title)
    page.wait_for_url(re.compile(r"#/\S+"))  # hash: true, a slide can be linked
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => Reveal.getIndices().h === 0")
    expect(heading.first).to_have_text(first_title)


def test_speaker_view_opens_with_the_notes(
    context: BrowserContext, base_url: str
) -> None:
    page = context.new_page()
    open_deck(page, f"{base_url}slides/chapters/{CHAPTERS[1].name}")
    # The first slide that has notes (the notes plugin shows the current one's).
    index = page.evaluate(
        "() => Reveal.getSlides().findIndex(s => s.querySelector('aside.notes'))"
    )
    assert index >= 0, "the deck has no speaker notes"
    page.evaluate(
        "i => { const s = Reveal.getSlides()[i]; const at = Reveal.getIndices(s);"
        " Reveal.slide(at.h, at.v); }",
        index,
    )
    notes = page.evaluate("() => Reveal.getSlideNotes()")
    expected = " ".join(BeautifulSoup(notes, "html.parser").get_text(" ").split()[:6])
    assert expected
    with context.expect_page() as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    shown = popup.locator(".speaker-controls-notes .value")
    expect(shown).to_contain_text(expected, timeout=15_000)


def download_links() -> dict[str, str]:
    """Every link into downloads/ on any page, as site-relative URL: page."""
    found: dict[str, str] = {}
    for path in sorted(SITE.glob("**/*.html")):
        if "_static" in path.parts:
            continue
        page = path.relative_to(SITE).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a[href*='downloads/']"):
            target = urljoin(page, link["href"].split("#")[0])
            found.setdefault(target, page)
    return found


@pytest.mark.parametrize("target", sorted(download_links()) if SITE.is_dir() else [])
def test_download_link_returns_the_file(
    context: BrowserContext, base_url: str, target: str
) -> None:
    response = context.request.get(base_url + target)
    assert response.status == 200, f"{target} (linked from {download_links()[target]})"
    body = response.body()
    magic = MAGIC.get("." + target.rsplit(".", 1)[-1])
    if magic:
        assert body.startswith(magic), f"{target} is not a {target.rsplit('.', 1)[-1]}"
    assert body == (SITE / target).read_bytes()
