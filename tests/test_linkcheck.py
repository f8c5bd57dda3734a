"""``nox -s linkcheck``: the internal check on a small site, and the external check's
configuration against a server on 127.0.0.1 that answers 200, 404, a redirect and
slowly. Nothing here leaves the machine.
"""

from __future__ import annotations

import argparse
import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from coursepress.console import Console
from coursepress.course.facts import Course
from coursepress.linkcheck import check_external, check_internal, run
from coursepress.settings import linkcheck_settings

COURSE = Course(base_url="https://course.example.org/")
SLOW_SECONDS = 3.0


class Answers(BaseHTTPRequestHandler):
    """200, 404, redirects and a slow answer, as real sites give them."""

    def _answer(self, body: bool) -> None:
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path in ("/ok", "/slow"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            if body:
                self.wfile.write(b"<!DOCTYPE html><title>ok</title><p id='here'>ok")
        elif self.path in ("/redirect", "/moved"):
            self.send_response(302 if self.path == "/redirect" else 301)
            self.send_header("Location", "/ok")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sphinx_project(root: Path, links: list[str]) -> Path:
    """A one-page project with the course's linkcheck settings."""
    book = root / "book"
    book.mkdir(parents=True)
    (book / "conf.py").write_text(
        "from coursepress.course.facts import Course\n"
        "from coursepress.settings import linkcheck_settings\n"
        f"globals().update(linkcheck_settings(Course(base_url={COURSE.base_url!r})))\n"
        "project = 'links'\n",
        encoding="utf-8",
    )
    items = "\n".join(f"- `link {n} <{url}>`_" for n, url in enumerate(links))
    (book / "index.rst").write_text(f"Links\n=====\n\n{items}\n", encoding="utf-8")
    return book


def statuses(report) -> dict[str, str]:
    return {r["uri"]: r["status"] for r in report.results}


# -- external links: the configuration against real answers ------------------


@pytest.fixture(scope="module")
def external(server: str, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("external")
    links = [f"{server}/{path}" for path in ("ok", "missing", "redirect", "slow")]
    book = sphinx_project(root, [*links, COURSE.base_url + "chapters/x.html"])
    # The course's timeout is 20 s; the test waits 1 s so a 3 s answer is "slow".
    return check_external(
        book, root / "out", root / "doctrees", {"linkcheck_timeout": "1"}
    )


def test_a_working_link_passes(external, server: str) -> None:
    assert statuses(external)[f"{server}/ok"] == "working"


def test_a_missing_page_is_broken(external, server: str) -> None:
    assert statuses(external)[f"{server}/missing"] == "broken"


def test_a_redirect_that_is_not_allowed_fails_the_check(external, server: str) -> None:
    assert statuses(external)[f"{server}/redirect"] == "redirected"
    assert external.returncode != 0  # reported as a warning, an error under -W


def test_a_slow_answer_counts_as_broken_after_the_retries(
    external, server: str
) -> None:
    result = next(r for r in external.results if r["uri"] == f"{server}/slow")
    assert result["status"] == "broken"
    assert "timed out" in result["info"].lower()


def test_the_course_address_is_not_fetched(external) -> None:
    assert statuses(external)[COURSE.base_url + "chapters/x.html"] == "ignored"


def test_broken_links_are_failures_not_a_missing_network(external, server) -> None:
    assert not external.no_network
    failed = {r["uri"] for r in external.failures}
    assert failed == {f"{server}/{p}" for p in ("missing", "redirect", "slow")}


def test_settings_are_bounded_and_allow_doi_redirects() -> None:
    settings = linkcheck_settings(COURSE)
    assert 5 <= settings["linkcheck_timeout"] <= 60
    assert settings["linkcheck_retries"] >= 2
    assert settings["linkcheck_report_timeouts_as_broken"] is True
    # Worst case per link stays under two minutes.
    assert settings["linkcheck_timeout"] * settings["linkcheck_retries"] < 120
    ((source, target),) = settings["linkcheck_allowed_redirects"].items()
    assert re.fullmatch(source, "https://doi.org/10.1037/a0033860")
    assert re.fullmatch(target, "https://psycnet.apa.org/record/2013-31890-001")
    assert not re.fullmatch(source, "https://example.org/page")


# -- no network: said plainly, never a pass ----------------------------------


def run_external(root: Path, *, require_network: bool) -> tuple[int, str]:
    err = io.StringIO()
    args = argparse.Namespace(
        root=root,
        internal_only=False,
        external_only=True,
        require_network=require_network,
        timeout=1.0,
    )
    return run(args, Console(out=io.StringIO(), err=err)), err.getvalue()


def test_without_a_network_external_links_are_reported_unchecked(
    tmp_path: Path,
) -> None:
    sphinx_project(tmp_path, [f"http://127.0.0.1:{closed_port()}/page"])
    code, output = run_external(tmp_path, require_network=False)
    assert "NOT CHECKED: no network" in output
    assert "ok" not in output.split("NOT CHECKED")[0]
    assert code == 0
    code, output = run_external(tmp_path, require_network=True)
    assert code == 1
    assert "error: external links: NOT CHECKED" in output


# -- internal links: offline, every page, every anchor ------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>
<body><h1 id="top">{title}</h1>{body}</body></html>"""


def test_internal_check_finds_broken_pages_anchors_and_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "book.pdf").write_bytes(b"%PDF-1.7\n")
    (site / "index.html").write_text(
        PAGE.format(
            title="Home",
            body='<a href="a.html#there">ok</a> <a href="#top">top</a>'
            ' <a href="a.html#nowhere">bad anchor</a> <a href="gone.html">gone</a>'
            ' <img src="missing.png" alt=""> <a href="downloads/book.pdf">pdf</a>'
            ' <a href="https://example.org/">outside</a>',
        ),
        encoding="utf-8",
    )
    (site / "a.html").write_text(
        PAGE.format(title="A", body='<p id="there">x</p><a href="#/2">slide 2</a>'),
        encoding="utf-8",
    )
    # Linked from nowhere, still checked: every page is a starting point.
    (site / "orphan.html").write_text(
        PAGE.format(title="Orphan", body='<a href="index.html#nope">x</a>'),
        encoding="utf-8",
    )
    report = check_internal(site)
    assert report.pages == 3
    found = sorted(problem.split(": ")[1] for problem in report.problems)
    assert found == ["a.html#nowhere", "gone.html", "index.html#nope", "missing.png"]


def test_internal_check_passes_a_sound_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        PAGE.format(title="Home", body='<a href="b.html#top">b</a>'), encoding="utf-8"
    )
    (site / "b.html").write_text(PAGE.format(title="B", body=""), encoding="utf-8")
    report = check_internal(site)
    assert report.problems == []
    assert report.links >= 2


def test_dial_links_are_not_fetched() -> None:
    """The crisis page's tel: and sms: links have no page to fetch: Sphinx's
    linkcheck would report them broken, and a run without a network would then
    fail instead of saying the web links were not checked."""
    from coursepress.course.facts import load_course
    from coursepress.settings import linkcheck_settings

    book = Path(__file__).resolve().parent.parent / "book"
    ignored = linkcheck_settings(load_course(book))["linkcheck_ignore"]
    for link in ("tel:988", "sms:88788?body=START", "tel:08082000247"):
        assert any(re.match(pattern, link) for pattern in ignored), link
    assert not any(re.match(p, "https://988lifeline.org") for p in ignored)
