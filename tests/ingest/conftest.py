"""Helpers for the ingest tests: the shared sources and a scratch Sphinx book.

The scratch book has the same layout as the real one (``book/conf.py`` calling
``coursepress.settings.book_settings``, ``exercises/`` beside it), so a draft
that builds there with ``-n -W`` builds in the book.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from coursepress.ingest.cli import main
from sphinx.cmd.build import build_main

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCES = PROJECT_ROOT.parent / "shared" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GLOSSARY = FIXTURES / "glossary.md"

CONF = """\
from coursepress.settings import book_settings

globals().update(book_settings(__file__))
"""


@dataclass
class ScratchBook:
    """A minimal book: drafts under ``drafts/``, stubs included from a test page."""

    root: Path
    drafts: list[str] = field(default_factory=list)
    stubs: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)

    @property
    def book(self) -> Path:
        return self.root / "book"

    def add(self, out: Path) -> list[str]:
        """Copy what one ``ingest --out OUT`` wrote; return the drafts' docnames."""
        added = []
        for draft in sorted(out.glob("*.md")):
            target = self.book / "drafts" / draft.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(draft, target)
            added.append(f"drafts/{draft.stem}")
        for record in sorted(out.glob("*.bib")):
            shutil.copyfile(record, self.book / record.name)
            self.citations.append(_key(record))
        for stub in sorted((out / "exercises").glob("*.md")):
            (self.root / "exercises").mkdir(exist_ok=True)
            shutil.copyfile(stub, self.root / "exercises" / stub.name)
            self.stubs.append(stub.stem)
        self.drafts.extend(added)
        return added

    def resolve(self) -> None:
        """Do what the author does before publishing: every TODO and status line.

        A draft with TODO markers or an unverified record fails the build on
        purpose (``test_drafts``); the other tests build the draft as resolved.
        """
        for path in [*self.book.rglob("*.md"), *(self.root / "exercises").glob("*")]:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"\bTODO\b:?", "Done:", text), encoding="utf-8")
        for path in self.book.glob("*.bib"):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = [line for line in lines if "status: unverified" not in line]
            path.write_text("".join(kept), encoding="utf-8")

    def build(self, resolve: bool = True) -> tuple[int, str]:
        """Build as HTML with ``-n -W --keep-going``; return (status, warnings)."""
        if resolve:
            self.resolve()
        (self.book / "conf.py").write_text(CONF, encoding="utf-8")
        shutil.copyfile(GLOSSARY, self.book / "glossary.md")
        (self.book / "stubs.md").write_text(_stubs_page(self.stubs), encoding="utf-8")
        (self.book / "citations.md").write_text(
            _citations_page(self.citations), encoding="utf-8"
        )
        entries = "\n".join([*self.drafts, "stubs", "citations", "glossary"])
        (self.book / "index.md").write_text(
            f"# Scratch book\n\n```{{toctree}}\n{entries}\n```\n", encoding="utf-8"
        )
        return self.rebuild()

    def rebuild(self) -> tuple[int, str]:
        """Build again, changing nothing (Sphinx reads only what changed)."""
        warnings = self.root / "warnings.txt"
        status = build_main(
            [
                "-n",  # nitpicky: every unresolved reference is a warning
                "-W",  # and every warning an error
                "--keep-going",  # report all of them, not just the first
                "-q",
                "-b",
                "html",
                "-d",
                str(self.root / "doctrees"),
                "-w",
                str(warnings),
                str(self.book),
                str(self.root / "html"),
            ]
        )
        text = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
        return status, text


def _key(record: Path) -> str:
    for line in record.read_text(encoding="utf-8").splitlines():
        if line.startswith("@misc{"):
            return line.removeprefix("@misc{").rstrip(",")
    raise AssertionError(f"no @misc entry in {record}")


def _stubs_page(stubs: list[str]) -> str:
    # Each stub goes through the book's own {exercise} directive.
    body = "".join(f":::{{exercise}} {name}\n:::\n\n" for name in stubs)
    return f"# Exercise stubs\n\n{body or 'None.'}\n"


def _citations_page(keys: list[str]) -> str:
    # The chapter can cite its source: every record must resolve.
    body = " ".join(f"{{cite:p}}`{key}`" for key in keys) or "None."
    return f"# Citations\n\n{body}\n\n```{{bibliography}}\n```\n"


@pytest.fixture
def scratch_book(tmp_path: Path) -> ScratchBook:
    return ScratchBook(tmp_path / "scratch")


@pytest.fixture
def sources() -> Path:
    if not SOURCES.is_dir():
        pytest.skip(f"the shared sources are not at {SOURCES.name}/ beside the project")
    return SOURCES


def ingest(*args: str | Path) -> int:
    """Run the command as a user would, with the test glossary."""
    return main([*(str(a) for a in args), "--glossary", str(GLOSSARY)])


@pytest.fixture(name="ingest")
def ingest_fixture() -> Callable[..., int]:
    return ingest
