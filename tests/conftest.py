"""Shared fixtures: small Sphinx projects in tests/roots, built by sphinx.testing."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


def warnings_of(app) -> str:
    """Everything the build warned about (the fixtures capture it in a stream)."""
    return app.warning.getvalue()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--e2e",
        action="store_true",
        help="run the browser tests in tests/e2e (nox -s e2e; needs Chromium)",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # The browser tests need Chromium, Playwright and npm packages: only
    # ``nox -s e2e`` (which passes --e2e) collects them.
    if collection_path.name == "e2e" and not config.getoption("--e2e"):
        return True
    return None
