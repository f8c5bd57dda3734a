"""``coursepress bench`` runs end to end on a tiny course and reports every figure.

A benchmark, not a timed test: only that it runs, measures what it says, and that
the rebuild behaviour it reports holds (nothing rebuilt when nothing changed; the
book's PDF and EPUB left alone when only a facilitator note changed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coursepress.cli import main

PROJECT = Path(__file__).resolve().parent.parent
OUTPUTS = ["html", "pdf", "epub"]


@pytest.mark.slow
def test_bench_on_two_chapters(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    report = tmp_path / "report"
    code = main(
        [
            "--root",
            str(PROJECT),
            "bench",
            "--chapters",
            "2",
            "--outputs",
            *OUTPUTS,
            "--no-nox",
            "--report",
            str(report),
        ]
    )
    assert code == 0, capsys.readouterr().err
    data = json.loads((report / "report.json").read_text())
    (run,) = data["runs"]
    assert run["chapters"] == 2
    rows = {(row["scenario"], row["output"]): row for row in run["rows"]}
    for name in OUTPUTS:
        for scenario in ("clean", "edit one chapter"):
            measure = rows[(scenario, name)]["measure"]
            assert measure["returncode"] == 0
            assert measure["wall"] > 0 and measure["cpu"] > 0
            assert measure["peak_mb"] > 10
    assert rows[("floor", "html (basic theme)")]["measure"]["returncode"] == 0
    assert rows[("floor", "WeasyPrint (basic singlehtml)")]["measure"]["wall"] > 0
    # Nothing changed: no Sphinx started, so far less than building everything.
    no_change = rows[("no change", "all")]["measure"]
    assert no_change["wall"] < rows[("clean", "all")]["measure"]["wall"] / 3
    # An edit to the prose changes the book; a facilitator note changes only decks.
    assert rows[("edit one chapter", "pdf")]["note"] == "rewritten"
    assert rows[("edit one chapter", "epub")]["note"] == "rewritten"
    notes = rows[("edit a facilitator note", "all")]["note"]
    assert notes == "pdf not rewritten, epub not rewritten"
    ratios = run["ratios"]
    assert set(ratios) >= {"html_vs_basic", "pdf_vs_floor", "all_vs_sum"}
    # Every ratio the two-chapter run can measure is a real number; a ratio that
    # came out None (a measurement missing) would hide a broken benchmark.
    for name in ("html_vs_basic", "pdf_vs_floor", "all_vs_sum"):
        assert isinstance(ratios[name], float) and ratios[name] > 0, (name, ratios)
    assert all(value is None or value > 0 for value in ratios.values())
    markdown = (report / "report.md").read_text()
    assert "## 2 chapters" in markdown
    assert "| html_vs_basic |" in markdown
