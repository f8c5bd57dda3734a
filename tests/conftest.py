"""Shared fixtures and the test tiers.

The small course of ``tests/roots/test-course`` is laid out like the project
(``book/``, ``exercises/``, ``slides/``) and configured by the same
``coursepress.settings`` functions, through the same two-line ``conf.py`` files.
sphinx.testing builds it in-process: the ``app`` fixture reads ``book/`` with the
configuration folder the production build uses for that builder (``slides/``
for the decks).

Tiers: ``nox -s tests`` deselects tests marked ``slow``; ``nox -s tests-full``
runs them all. A test is marked ``slow`` here when it builds the real course
(the ``site`` fixture), runs ``coursepress build`` in a subprocess (the
``project`` fixture), or renders a PDF with WeasyPrint (a PDF builder in its
``sphinx`` marker); a module may mark itself too.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from coursepress.build import TARGETS
from helpers import run_coursepress
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ["sphinx.testing.fixtures"]

PROJECT = Path(__file__).resolve().parent.parent
ROOT = Path(__file__).resolve().parent / "roots" / "test-course"
#: Fixtures whose tests run whole builds in subprocesses: the full tier only.
SLOW_FIXTURES = frozenset({"site", "project"})
#: Builders that render a PDF with WeasyPrint when they finish.
PDF_BUILDERS = frozenset({"coursepdf", "guidepdf", "workbookpdf", "sheetpdf"})


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
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/snapshots from this build instead of comparing",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # The browser tests need Chromium, Playwright and npm packages: only
    # ``nox -s e2e`` (which passes --e2e) collects them.
    if collection_path.name == "e2e" and not config.getoption("--e2e"):
        return True
    return None


def _builder_of(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("sphinx")
    if marker is None:
        return None
    return marker.args[0] if marker.args else marker.kwargs.get("buildername", "html")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of the full tier ``slow``, so new ones of their kind are too."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES or _builder_of(item) in PDF_BUILDERS:
            item.add_marker(pytest.mark.slow)


class _ConfdirSphinx(Sphinx):
    """Sphinx reading its conf.py from ``confdir``, as ``sphinx-build -c`` does."""

    def __init__(self, srcdir: Any, confdir: Any, *args: Any, **kwargs: Any) -> None:
        extras = getattr(self, "extras", {})
        super().__init__(srcdir, extras.get("confdir", confdir), *args, **kwargs)


class CourseTestApp(SphinxTestApp, _ConfdirSphinx):
    """sphinx.testing's application, with the configuration folder of production.

    SphinxTestApp reads conf.py from the source folder; the decks are built
    from ``book/`` with ``slides/conf.py``, so it takes ``confdir=`` as well.
    """


def production_layout(srcdir: Path, builder: str) -> dict[str, Path]:
    """``srcdir`` and ``confdir`` of ``builder`` in a project laid out like the real
    one: what ``coursepress build`` passes to sphinx-build (coursepress.build)."""
    target = next(
        (t for t in TARGETS.values() if t.builder == builder), TARGETS["html"]
    )
    paths = {"srcdir": srcdir / target.source}
    if target.confdir:
        paths["confdir"] = srcdir / target.confdir
    return paths


@pytest.fixture
def app_params(app_params: Any) -> Any:
    """sphinx.testing's parameters, pointed at book/ (and slides/) of the root."""
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    if (srcdir / "book" / "conf.py").is_file():
        kwargs.update(production_layout(srcdir, args[0] if args else "html"))
    return app_params


@pytest.fixture
def make_app(test_params: dict[str, Any]) -> Iterator[Callable[..., SphinxTestApp]]:
    """sphinx.testing's ``make_app``, making CourseTestApp (``confdir=`` works)."""
    apps: list[SphinxTestApp] = []
    syspath = sys.path.copy()

    def make(*args: Any, **kwargs: Any) -> SphinxTestApp:
        kwargs.setdefault("status", StringIO())
        kwargs.setdefault("warning", StringIO())
        app = CourseTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield make
    sys.path[:] = syspath
    for app in reversed(apps):
        app.cleanup()


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of the small course (roots/test-course) to change in a test."""
    shutil.copytree(
        ROOT, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("_build")
    )
    return tmp_path


@pytest.fixture
def project(course_copy: Path) -> Path:
    """The small course, copied, for ``coursepress build`` in a subprocess."""
    return course_copy


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
