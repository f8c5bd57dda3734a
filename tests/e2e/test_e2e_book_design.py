"""What the online book looks like: its boxes, its icon, its search results."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from e2e_support import SITE, discover_pages
from playwright.sync_api import BrowserContext, expect

#: The course's boxes (coursepress.ext.readers) by class.
BOX_KINDS = ("content-note", "objectives", "exercise", "keypoints", "discussion")
CHAPTERS = sorted(f"chapters/{p.name}" for p in SITE.glob("chapters/*.html"))

BOX_STYLE = """kind => [
  ...document.querySelectorAll(`article .admonition.${kind}`)
].map(box => {
    const title = box.querySelector(':scope > .admonition-title');
    const icon = getComputedStyle(title, '::after');
    return [getComputedStyle(box).borderLeftColor, icon.content, icon.fontFamily];
  })"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_each_kind_of_box_has_its_own_colour_and_icon(
    new_context: Callable[..., BrowserContext], base_url: str, mode: str
) -> None:
    page = new_context(color_scheme=mode).new_page()
    styles: dict[str, set[tuple[str, str, str]]] = {kind: set() for kind in BOX_KINDS}
    for chapter in CHAPTERS:
        page.goto(base_url + chapter)
        expect(page.locator("html")).to_have_attribute("data-theme", mode)
        for kind in BOX_KINDS:
            styles[kind].update(map(tuple, page.evaluate(BOX_STYLE, kind)))
    for kind, seen in styles.items():
        assert len(seen) == 1, f"{kind} boxes look {len(seen)} ways: {seen}"
    colours = [next(iter(s))[0] for s in styles.values()]
    icons = [next(iter(s))[1] for s in styles.values()]
    assert len(set(colours)) == len(BOX_KINDS), colours
    assert len(set(icons)) == len(BOX_KINDS), icons
    # The glyphs come from the theme's own Font Awesome, loaded from the site.
    assert all("Font Awesome" in next(iter(s))[2] for s in styles.values())


def test_every_request_of_every_book_page_succeeds(
    context: BrowserContext, base_url: str
) -> None:
    """No 404s: the favicon, logo and cover are all on the site."""
    failed: list[str] = []
    page = context.new_page()
    page.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    for book_page in discover_pages(SITE).book:
        page.goto(base_url + book_page, wait_until="networkidle")
    icon = page.locator("link[rel='icon']")
    expect(icon).to_have_count(1)
    assert failed == []


def test_landing_page_shows_the_cover_logo_and_numbered_chapters(
    context: BrowserContext, base_url: str
) -> None:
    page = context.new_page()
    page.goto(base_url + "index.html")
    cover = page.locator("article .course-cover img")
    expect(cover).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", cover.element_handle()) > 0
    logo = page.locator(".navbar-brand img.logo__image").first
    expect(logo).to_be_visible()
    entries = page.locator("article .toctree-wrapper a[href^='chapters/']")
    texts = entries.all_inner_texts()
    assert len(texts) == len(CHAPTERS)
    assert all(text[:1].isdigit() for text in texts), texts


@pytest.mark.parametrize("query", ["shame", "protector"])
def test_search_snippets_show_the_pages_own_words(
    context: BrowserContext, base_url: str, query: str
) -> None:
    """Every chapter opens with a "Based on" line and a content note: results
    must not all begin with that boilerplate, nor with the theme's buttons when
    the word is in a title ("protector")."""
    page = context.new_page()
    page.goto(f"{base_url}search.html?q={query}")
    results = page.locator("#search-results li")
    expect(results.first).to_be_visible(timeout=15_000)
    # The list is finished before every snippet's page has been fetched.
    expect(page.locator("#search-results .search-summary")).to_contain_text(
        "found", timeout=15_000
    )
    page.wait_for_load_state("networkidle")
    snippets = page.locator("#search-results li p.context")
    texts = snippets.all_inner_texts()
    assert len(texts) >= 3
    for text in texts:
        assert "Based on" not in text and "Content note" not in text, text
        assert "Workshop slides for this chapter" not in text, text
    # Every snippet is words of its page's article, not the theme around it
    # ("System Settings Light Dark", the print contents, previous / next).
    outside = page.evaluate(
        """async () => {
          const found = [];
          for (const item of document.querySelectorAll("#search-results li")) {
            const link = item.querySelector("a");
            const snippet = item.querySelector("p.context");
            if (!snippet) continue;
            const html = await (await fetch(link.href)).text();
            const doc = new DOMParser().parseFromString(html, "text/html");
            doc.querySelectorAll(".headerlink, script, style, .no-search")
              .forEach((element) => element.remove());
            const words = (text) => text.replace(/\\s+/g, " ").trim();
            const article = words(doc.querySelector("article").textContent);
            for (const part of snippet.textContent.split("...").map(words)) {
              if (part && !article.includes(part)) found.push(part);
            }
          }
          return found;
        }"""
    )
    assert outside == []
