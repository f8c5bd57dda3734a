"""Browser tests of the built site (``nox -s e2e``, which builds the site first).

The site in ``build/site`` is served on 127.0.0.1; headless Chromium (Debian's
``chromium``) opens it through Playwright. Every browser context aborts and
records any request to another host: the test that caused one fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from coursepress.localserver import serve_directory
from e2e_support import (
    AXE_JS,
    CHROMIUM_ARGS,
    SITE,
    ForeignRequests,
    chromium_executable,
    discover_pages,
    is_on_site,
)
from playwright.sync_api import Browser, BrowserContext, Route, sync_playwright


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per page: the pages are whatever the build published."""
    wanted = [
        name
        for name in ("book_page", "deck", "other_page")
        if name in metafunc.fixturenames
    ]
    if not wanted:
        return
    if not SITE.is_dir():
        pytest.exit("build/site is missing: build the site first (nox -s build)", 2)
    pages = discover_pages(SITE)
    by_kind = {"book_page": pages.book, "deck": pages.decks, "other_page": pages.other}
    for name in wanted:
        metafunc.parametrize(name, by_kind[name])


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with serve_directory(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    if executable is None:
        pytest.fail("no chromium: install Debian's chromium package (.ci/run does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def foreign_requests() -> ForeignRequests:
    return ForeignRequests()


@pytest.fixture
def new_context(
    browser: Browser, base_url: str, foreign_requests: ForeignRequests
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts that block (and record) requests off the site."""
    contexts: list[BrowserContext] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if is_on_site(url, base_url):
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort()

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        context.route("**/*", guard)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert list(foreign_requests) == [], "requests left the site"


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(
            f"{AXE_JS} is missing: run `npm ci --prefix tests/e2e` (nox -s e2e does)"
        )
    return AXE_JS.read_text(encoding="utf-8")
