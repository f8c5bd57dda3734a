"""Session decks are assembled from the chapters' doctrees, not from written pages.

A rebuild in which no chapter changed writes no chapter deck; the session decks
must come out the same, with every module slide in them.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import CourseTestApp, warnings_of


def _titles(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [h.get_text(" ", strip=True) for h in page.select(".slides h1, .slides h2")]


@pytest.mark.sphinx("decks", testroot="course", srcdir="course-session-rebuild")
def test_a_rebuild_that_writes_no_chapter_keeps_the_session_decks(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    deck = app.outdir / "short" / "evening.html"
    chapter = app.outdir / "chapters" / "03-sample.html"
    first, written = deck.read_text(), chapter.stat().st_mtime_ns
    app.cleanup()  # one Sphinx application at a time registers the nodes
    again = CourseTestApp(
        "decks",
        srcdir=app.srcdir,
        confdir=app.confdir,
        builddir=app.outdir.parent,
    )
    try:
        again.build()
        assert warnings_of(again) == ""
    finally:
        again.cleanup()
    assert chapter.stat().st_mtime_ns == written  # no chapter deck was written
    assert deck.read_text() == first
    assert {"First section", "Exercise 3.1: Sample exercise"} <= set(_titles(first))
