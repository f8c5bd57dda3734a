"""Shared fixtures: small Sphinx projects in tests/roots, built by sphinx.testing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import run_coursepress

pytest_plugins = ["sphinx.testing.fixtures"]

PROJECT = Path(__file__).resolve().parent.parent
ROOT = Path(__file__).resolve().parent / "roots" / "test-course"


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small course of roots/test-course in the real project's layout.

    book/ and slides/ get the project's own conf.py files, so builds go through
    the same settings as the real course.
    """
    book = tmp_path / "book"
    ignore = shutil.ignore_patterns("conf.py", "exercises", "formats", "_build")
    shutil.copytree(ROOT, book, ignore=ignore)
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    shutil.copy(PROJECT / "book" / "conf.py", book / "conf.py")
    (tmp_path / "slides").mkdir()
    shutil.copy(PROJECT / "slides" / "conf.py", tmp_path / "slides" / "conf.py")
    return tmp_path


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course built once through ``coursepress build all``, as ``nox -s
    build`` does: ``build/site`` of a copy of the project. The folders beside it
    (``build/pdf``...) hold the HTML each PDF was rendered from."""
    root = tmp_path_factory.mktemp("project")
    for part in ("book", "slides", "exercises"):
        shutil.copytree(PROJECT / part, root / part)
    result = run_coursepress(root, "build", "all")
    assert result.returncode == 0, result.stderr
    # Strict build: no warning lines at all, only the summary.
    noise = [
        line
        for line in result.stderr.splitlines()
        if "WARNING" in line or "ERROR" in line
    ]
    assert noise == []
    return root / "build" / "site"
