"""References formatted once and kept in the environment (speedups/bibcache)."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursepress.ext.speedups import bibcache
from pybtex.style.formatting.plain import Style as PlainStyle
from sphinx.testing.util import SphinxTestApp

CONF = """\
extensions = ["sphinxcontrib.bibtex", "coursepress.ext.speedups.bibcache"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "coursepress"
bibtex_reference_style = "author_year"


def setup(app):
    from coursepress.ext.authoring.bibliography import setup_bibliography

    setup_bibliography(app)
"""
BIB = r"""
@book{zed, author = {Zed, Ann}, title = {Last by name}, publisher = {P}, year = {2001}}
@article{acc, author = {{\v{S}}imi{\'c}, Mia}, title = {On tears}, journal = {J},
  year = {2015}}
@misc{unused, title = {Never cited}, year = {2020}}
"""
PAGES = {
    "index.rst": "Book\n====\n\n.. toctree::\n\n   one\n   refs\n",
    "one.rst": "One\n===\n\nAs shown :cite:p:`zed` and :cite:p:`acc`.\n",
    "refs.rst": "References\n==========\n\n.. bibliography::\n",
}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    for name, text in {"conf.py": CONF, "refs.bib": BIB, **PAGES}.items():
        (source / name).write_text(text, encoding="utf-8")
    return source


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the entries pybtex formats; this process has formatted none."""
    calls: list[str] = []
    original = PlainStyle.format_entry

    def spy(self, label, entry, bib_data=None):  # type: ignore[no-untyped-def]
        calls.append(entry.key)
        return original(self, label, entry, bib_data)

    monkeypatch.setattr(PlainStyle, "format_entry", spy)
    monkeypatch.setattr(bibcache, "_formatted", {})
    return calls


def _build(source: Path, out: Path) -> tuple[str, dict]:
    app = SphinxTestApp("html", srcdir=source, builddir=out)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        store = dict(getattr(app.env, bibcache.STORE))
    finally:
        app.cleanup()
    return (out / "html" / "refs.html").read_text(encoding="utf-8"), store


def test_a_rebuild_formats_no_reference_again(
    book: Path, tmp_path: Path, formatted: list[str]
) -> None:
    clean, store = _build(book, tmp_path / "out")
    # Each cited entry once: the tooltip is the same entry in the same style.
    assert sorted(formatted) == ["acc", "zed"]
    # Kept: each entry's text, label and sorting key.
    assert sorted(key[2:4] for key in store if key[2] != "entry") == [
        ("label", "acc"),
        ("label", "zed"),
        ("sort", "acc"),
        ("sort", "zed"),
    ]
    assert sorted(key[-2] for key in store if key[2] == "entry") == ["acc", "zed"]
    # A new process: only the environment remembers.
    bibcache._formatted.clear()
    formatted.clear()
    with (book / "one.rst").open("a", encoding="utf-8") as page:
        page.write("\nA new paragraph.\n")
    again, _ = _build(book, tmp_path / "out")
    assert formatted == []
    assert again == clean
    assert "Šimić, 2015" in again


def test_an_edited_entry_is_formatted_again(
    book: Path, tmp_path: Path, formatted: list[str]
) -> None:
    _build(book, tmp_path / "out")
    bib = book / "refs.bib"
    bib.write_text(bib.read_text().replace("On tears", "On crying"), encoding="utf-8")
    formatted.clear()
    page, store = _build(book, tmp_path / "out")
    assert "On crying" in page and "On tears" not in page
    assert formatted == ["acc"]
    # The old record is not kept: two entries, three things of each.
    assert len(store) == 6
