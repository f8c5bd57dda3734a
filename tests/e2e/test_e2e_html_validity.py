"""The HTML our templates produce passes the Nu Html Checker (vnu.jar) with no error.

Checked: every page of the site (the book's pages, the decks and the deck
indexes) and the one-page HTML the print layout gives WeasyPrint for each PDF.
One run of the checker for all of them (Java starts once).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from e2e_support import PROJECT, SITE, VNU_JAR, discover_pages


def print_pages() -> list[Path]:
    """The print layout's output of every PDF builder (build/<target>/index.html)."""
    return sorted(
        path
        for path in (PROJECT / "build").glob("*/index.html")
        if 'class="print-body"' in path.read_text(encoding="utf-8", errors="replace")
    )


def checked_pages() -> list[Path]:
    if not SITE.is_dir():
        return []
    pages = discover_pages(SITE)
    site_pages = [SITE / rel for rel in [*pages.book, *pages.decks, *pages.other]]
    return [*site_pages, *print_pages()]


def label(path: Path) -> str:
    return path.relative_to(PROJECT / "build").as_posix()


@pytest.fixture(scope="module")
def vnu_errors() -> dict[Path, list[str]]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("no java: install default-jre-headless (.ci/run does)")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci --prefix tests/e2e`")
    files = [str(path) for path in checked_pages()]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(result.stderr)
    errors: dict[Path, list[str]] = {}
    for message in report["messages"]:
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(path, []).append(f"{where}: {message['message']}")
    return errors


@pytest.mark.parametrize("page", checked_pages(), ids=label)
def test_page_is_valid_html(vnu_errors: dict[Path, list[str]], page: Path) -> None:
    errors = vnu_errors.get(page.resolve(), [])
    assert errors == [], f"{label(page)}:\n" + "\n".join(errors[:20])


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    """The check can fail: the same run flags a broken page."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">one</p><p id="a">two</p><section></body></html>',
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    messages = [m["message"] for m in json.loads(result.stderr)["messages"]]
    assert any("Duplicate ID" in m for m in messages)
