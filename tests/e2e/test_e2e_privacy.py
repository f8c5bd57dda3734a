"""No page or deck makes a request to another host: no fonts, scripts or analytics
from elsewhere. Readers of this subject should not be tracked.

The browser contexts abort every request off the local server and record it
(``conftest.new_context``); here each page is opened and left to settle.
"""

from __future__ import annotations

from e2e_support import ForeignRequests
from playwright.sync_api import BrowserContext


def open_and_settle(context: BrowserContext, url: str) -> None:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.close()


def test_book_page_loads_nothing_from_elsewhere(
    context: BrowserContext,
    base_url: str,
    book_page: str,
    foreign_requests: ForeignRequests,
) -> None:
    open_and_settle(context, base_url + book_page)
    assert list(foreign_requests) == []


def test_deck_loads_nothing_from_elsewhere(
    context: BrowserContext, base_url: str, deck: str, foreign_requests: ForeignRequests
) -> None:
    open_and_settle(context, base_url + deck)
    assert list(foreign_requests) == []


def test_other_page_loads_nothing_from_elsewhere(
    context: BrowserContext,
    base_url: str,
    other_page: str,
    foreign_requests: ForeignRequests,
) -> None:
    open_and_settle(context, base_url + other_page)
    assert list(foreign_requests) == []


def test_a_request_off_the_site_is_caught(
    context: BrowserContext, base_url: str, foreign_requests: ForeignRequests
) -> None:
    """The guard itself: a page that asks another host is seen (and blocked)."""
    page = context.new_page()
    page.goto(base_url + "index.html")
    page.evaluate("() => fetch('https://tracker.invalid/pixel.gif').catch(() => null)")
    page.wait_for_timeout(200)
    assert foreign_requests == ["https://tracker.invalid/pixel.gif"]
    foreign_requests.clear()  # expected here: the fixture's own check must pass
