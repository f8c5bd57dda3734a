"""The book's navigation on phones, tablets and desktops.

Below 960 px the chapter list lives in a drawer opened by the menu button. On
every book page, at a phone and a tablet width, the visible menu button opens the
drawer, every entry of the book's contents is visible in it, and one of them
(a different one on each page) takes the reader to its page. On a desktop there
is one search box, not two.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from e2e_support import SITE
from playwright.sync_api import BrowserContext, expect

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 800, "height": 900}


def contents_of_the_book() -> list[str]:
    """The pages the landing page's contents list, as paths from the site root."""
    index = SITE / "index.html"
    if not index.is_file():
        return []
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    links = soup.select(".toctree-wrapper a.reference.internal[href]")
    return list(dict.fromkeys(urlsplit(a["href"]).path for a in links))


CONTENTS = contents_of_the_book()
SITE_PAGES = [p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")]


def page_path(url: str, base_url: str) -> str:
    return urlsplit(url).path.removeprefix(urlsplit(base_url).path)


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_menu_button_opens_the_chapter_list(
    new_context: Callable[..., BrowserContext],
    base_url: str,
    book_page: str,
    viewport: dict[str, int],
) -> None:
    assert len(CONTENTS) >= 5, "the landing page lists no contents"
    page = new_context(viewport=viewport, has_touch=True).new_page()
    page.goto(base_url + book_page)
    buttons = page.locator(".primary-toggle:visible")
    expect(buttons).to_have_count(1)
    buttons.tap()
    drawer = page.locator("dialog#pst-primary-sidebar-modal")
    expect(drawer).to_have_attribute("open", "")
    # Every entry's page (resolved like the browser does) and whether it shows.
    entries = drawer.locator("nav.bd-docs-nav a[href]").evaluate_all(
        "links => links.map(a => [new URL(a.href).pathname, a.checkVisibility()])"
    )
    shown = {page_path(path, base_url) for path, visible in entries if visible}
    missing = [target for target in CONTENTS if target not in shown]
    assert not missing, f"not visible in the drawer on {book_page}: {missing}"
    # A different entry from each page (never the page itself): together the
    # pages try them all.
    others = [target for target in CONTENTS if target != book_page]
    target = others[sorted(SITE_PAGES).index(book_page) % len(others)]
    position = [page_path(path, base_url) for path, _ in entries].index(target)
    link = drawer.locator("nav.bd-docs-nav a[href]").nth(position)
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_url(f"{base_url}{target}")
    expect(page.locator("article h1").first).to_be_visible()


def test_desktop_shows_one_search_box(
    new_context: Callable[..., BrowserContext], base_url: str, book_page: str
) -> None:
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base_url + book_page)
    search = page.locator(":is(.search-button-field, .search-button):visible")
    expect(search).to_have_count(1)


def test_book_page_runs_without_script_errors(
    new_context: Callable[..., BrowserContext], base_url: str, book_page: str
) -> None:
    """The theme's scripts find what they measure (the header they once drew)."""
    page = new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + book_page)
    page.mouse.wheel(0, 2000)  # the scroll handlers run
    page.wait_for_timeout(300)
    assert errors == [], book_page
