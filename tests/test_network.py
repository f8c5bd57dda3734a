"""The build loads nothing from other sites, even while it goes on after errors.

A server on 127.0.0.1 counts the requests it gets. A chapter names it in every
way the read-time checks refuse (a remote picture, raw HTML, an SVG's
``<image>``): a build that carries on (sphinx.testing's builds are not strict,
like ``--keep-going``) fetches none of them, in the EPUB (whose builder
downloads remote pictures) and the PDF (WeasyPrint fetches what a page names).
Then the network guard ``coursepress build`` switches on: an extension that
connects fails the build with the host it named, and the connection is never
made; the link check, which needs the network, runs without the guard.
"""

from __future__ import annotations

import contextlib
import subprocess
import textwrap
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import production_layout, warnings_of
from coursepress import linkcheck
from coursepress.netguard import ENV_VAR
from helpers import run_coursepress

CHAPTER = "book/chapters/03-sample.md"
AFTER_SUBSECTION = "SUBSECTION-PROSE-TEXT joins the notes.\n"


class Counter:
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.port = 0

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


@pytest.fixture
def server() -> Iterator[Counter]:
    counter = Counter()

    class Answers(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            counter.paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    counter.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield counter
    httpd.shutdown()
    httpd.server_close()


def _name_the_server(course: Path, server: Counter) -> None:
    chapter = course / CHAPTER
    svg = chapter.parent / "drawing.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">'
        f'<image href="{server.url("H16.png")}" width="9" height="9"/></svg>\n',
        encoding="utf-8",
    )
    hostile = textwrap.dedent(
        f"""
        ![A photo]({server.url("H7.png")})

        <img src="{server.url("H3.png")}" alt="">

        <span style="background: url({server.url("H13.png")})">text</span>

        ![A drawing](drawing.svg)
        """
    )
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace(AFTER_SUBSECTION, AFTER_SUBSECTION + hostile))


@pytest.mark.parametrize(
    "builder", ["epub", pytest.param("coursepdf", marks=pytest.mark.slow)]
)
def test_a_refused_address_is_never_fetched(
    make_app, course_copy: Path, server: Counter, builder: str
) -> None:
    _name_the_server(course_copy, server)
    layout = production_layout(course_copy, builder)
    app = make_app(builder, builddir=course_copy / "_build", **layout)
    app.build()
    assert "is loaded from another site" in warnings_of(app)
    assert server.paths == []


def _connecting(url: str):
    """A doctree-read handler that fetches ``url``, as a careless extension would
    (it handles the failure, as Sphinx's image downloader does)."""

    def fetch(app: object, doctree: object) -> None:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=5).close()

    return fetch


def test_the_guarded_build_opens_no_connection(
    make_app, course_copy: Path, server: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, "1")
    layout = production_layout(course_copy, "html")
    app = make_app("dummy", builddir=course_copy / "_build", **layout)
    app.connect("doctree-read", _connecting(server.url("probe")))
    app.build()
    warnings = warnings_of(app)
    assert "the build does not use the network" in warnings, warnings
    assert "a connection to 127.0.0.1" in warnings
    assert "Traceback" not in warnings
    assert server.paths == []
    # Off once the build is over: the rest of the process is as it was.
    urllib.request.urlopen(server.url("after"), timeout=5).close()
    assert server.paths == ["/after"]


def test_an_unguarded_build_is_left_alone(
    make_app, course_copy: Path, server: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the setting (the tests, the preview) connections are made."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    layout = production_layout(course_copy, "html")
    app = make_app("dummy", builddir=course_copy / "_build", **layout)
    app.connect("doctree-read", _connecting(server.url("unguarded")))
    app.build()
    assert server.paths and set(server.paths) == {"/unguarded"}


def test_the_link_check_runs_with_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The external link check needs the network, even when started where the
    guard is on: its Sphinx runs without the setting."""
    monkeypatch.setenv(ENV_VAR, "1")
    seen: dict[str, str] = {}

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        seen.update(kwargs["env"])  # type: ignore[arg-type]
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(linkcheck.subprocess, "run", run)
    linkcheck.check_external(tmp_path, tmp_path / "out", tmp_path / "doctrees")
    assert seen and ENV_VAR not in seen


FETCHER = """
import urllib.request


def _fetch(app, doctree):
    try:
        urllib.request.urlopen("{url}", timeout=5).close()
    except OSError:
        pass


def setup(app):
    app.connect("doctree-read", _fetch)
    return {{"parallel_read_safe": True}}
"""


def test_coursepress_build_runs_sphinx_without_network(
    project: Path, server: Counter
) -> None:
    """End to end: ``coursepress build`` guards its Sphinx processes."""
    (project / "book" / "fetcher.py").write_text(
        FETCHER.format(url=server.url("from-the-build")), encoding="utf-8"
    )
    conf = project / "book" / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "import sys\nsys.path.insert(0, __import__('os').path.dirname(__file__))\n"
        + 'extensions = [*extensions, "fetcher"]\n',
        encoding="utf-8",
    )
    result = run_coursepress(project, "build", "html")
    assert result.returncode == 1, result.stderr
    assert "the build does not use the network" in result.stderr
    assert f"a connection to 127.0.0.1 (port {server.port})" in result.stderr
    assert "Traceback" not in result.stderr
    assert server.paths == []
