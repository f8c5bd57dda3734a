"""Outputs are dated from the last commit, and keep the copyright line as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from coursepress.build import date_the_build

COMMITTED = 1772323200  # 2026-03-01, in the course's copyright year


def commit(folder: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{COMMITTED} +0000",
        "GIT_COMMITTER_DATE": f"@{COMMITTED} +0000",
        "GIT_AUTHOR_NAME": "Tester",
        "GIT_AUTHOR_EMAIL": "tester@example.org",
        "GIT_COMMITTER_NAME": "Tester",
        "GIT_COMMITTER_EMAIL": "tester@example.org",
    }
    (folder / "README.md").write_text("course\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "README.md"], ["commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)


def test_the_build_is_dated_from_the_last_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit(tmp_path)
    date_the_build(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == str(COMMITTED)


def test_a_date_given_by_the_caller_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    commit(tmp_path)
    date_the_build(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_without_git_the_build_is_left_undated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    date_the_build(tmp_path)
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_an_older_build_date_keeps_the_copyright_year(project: Path) -> None:
    """Sphinx turns the current year in ``copyright`` into SOURCE_DATE_EPOCH's year;
    the course's line is a fact ("2026, Tester") and must stay as written."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14
    command = [sys.executable, "-m", "coursepress", "--root", str(project)]
    result = subprocess.run(
        [*command, "build", "html", "epub"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = project / "build" / "site"
    footer = (site / "index.html").read_text(encoding="utf-8")
    assert "Copyright 2026, Tester" in footer
    assert "2023" not in footer
    with zipfile.ZipFile(site / "downloads" / "test-course.epub") as epub:
        opf = epub.read("content.opf").decode()
    assert re.search(r"<dc:rights>[^<]*2026, Tester", opf)
    assert "<dc:date>2023-11-14" in opf  # the build's date is the given one
