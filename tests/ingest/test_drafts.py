"""A draft is not published by accident: its TODOs and record fail the build.

Ingest writes TODO markers and a record marked unverified; left in the book,
each is a warning naming the file and line, so the strict build fails, on
every build while it is there, and ``coursepress prose`` lists them too.
"""

from __future__ import annotations

import re
from pathlib import Path

from coursepress.prose.drafts import todo_markers, unverified_records

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _lines(path: Path, pattern: str) -> list[int]:
    text = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(text, start=1) if re.search(pattern, line)]


def test_an_unresolved_draft_fails_the_build_every_time(
    ingest, tmp_path: Path, scratch_book, capsys
) -> None:
    out = tmp_path / "out"
    assert ingest(FIXTURES / "scraped.txt", "--out", out) == 0
    (docname,) = scratch_book.add(out)
    draft = scratch_book.book / f"{docname}.md"
    (record,) = scratch_book.book.glob("*.bib")
    (stub,) = (scratch_book.root / "exercises").glob("*.md")
    for attempt in range(2):
        # The second build changes no file, so Sphinx has nothing new to read.
        build = scratch_book.rebuild if attempt else scratch_book.build
        status, warnings = build(resolve=False) if not attempt else build()
        assert status == 1, attempt
        for path, todo in ((draft, r"\bTODO\b"), (stub, r"\bTODO\b")):
            for line in _lines(path, todo):
                assert f"{path.name}:{line}: WARNING: " in warnings, (attempt, line)
        (status_line,) = _lines(record, "status: unverified")
        assert (
            f"{record.name}:{status_line}: WARNING: record 'doe2023' is unverified"
            in warnings
        )
    assert "(a page with one is not published)" in warnings
    scratch_book.resolve()
    assert scratch_book.build(resolve=False) == (0, "")


def test_markers_found_and_words_containing_todo_ignored() -> None:
    text = "Intro\n- TODO: slide bullets\nA mastodon of TODOs, todo lists.\nTODO\n"
    assert [(m.line, m.text) for m in todo_markers(text)] == [
        (2, "- TODO: slide bullets"),
        (4, "TODO"),
    ]
    bib = "% status: unverified. Written...\n% every field\n@misc{doe2023,\n}\n"
    assert [(m.line, m.text) for m in unverified_records(bib)] == [(1, "doe2023")]
