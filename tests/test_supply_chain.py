"""What the build installs is pinned: exact versions, and hashes of their files.

A pin without a hash takes whatever file the index serves for that version
today; a build backend given as a range takes a newer one next year.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = sorted((ROOT / "requirements").glob("*.txt"))


def requirements(path: Path) -> list[str]:
    """Each requirement of a pip requirements file, its continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


@pytest.mark.parametrize("path", REQUIREMENTS, ids=lambda path: path.name)
def test_every_requirement_is_pinned_with_a_hash(path: Path) -> None:
    entries = requirements(path)
    assert entries, f"{path.name} holds no requirement"
    unhashed = [
        entry.split()[0]
        for entry in entries
        if "==" not in entry or "--hash=sha256:" not in entry
    ]
    assert not unhashed, f"{path.name}: pinned without a hash: {unhashed}"


def test_the_tool_pins_are_the_ones_ci_and_the_readme_install() -> None:
    assert (ROOT / "requirements" / "tools.txt") in REQUIREMENTS
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "TOOLS=requirements/tools.txt" in ci and '--require-hashes -r "$TOOLS"' in ci
    for guide in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / guide).read_text(encoding="utf-8")
        assert "pip install --require-hashes -r requirements/tools.txt" in text
        assert "pip install nox uv" not in text


def test_the_build_backend_is_pinned_exactly() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "build-system"
    ]
    loose = [r for r in build["requires"] if not re.fullmatch(r"[\w.-]+==[\w.]+", r)]
    assert not loose, f"pyproject.toml [build-system] requires a range: {loose}"
    # The editable install checks the backend against these hashes.
    hashed = {
        entry.split()[0] for entry in requirements(ROOT / "requirements" / "build.txt")
    }
    assert set(build["requires"]) <= hashed
