"""The book's sidebar, built once per folder, is byte for byte the theme's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursepress.ext.web import navcache
from sphinx.testing.util import SphinxTestApp

PAGES = {
    "index.rst": "Nav\n===\n\n.. toctree::\n   :caption: First\n\n   part/index\n"
    "   single\n\n.. toctree::\n   :caption: Second\n   :titlesonly:\n\n   other\n",
    "part/index.rst": "Part\n====\n\n.. toctree::\n\n   a\n   deep/b\n",
    "part/a.rst": "Page A\n======\n\nText.\n\nSection\n-------\n\nMore.\n",
    "part/deep/b.rst": "Page B\n======\n\nText & <more>.\n",
    "single.rst": "Single\n======\n\nText.\n",
    "other.rst": "Other\n=====\n\nText.\n",
    "orphan.rst": ":orphan:\n\nOrphan\n======\n\nIn no toctree.\n",
}
CONF = (
    'extensions = ["coursepress.ext.web.navcache"]\n'
    'html_theme = "sphinx_book_theme"\n'
    'html_theme_options = {"home_page_in_toc": True}\n'
)


@pytest.fixture
def nav_project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    for name, text in {"conf.py": CONF, **PAGES}.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return source


def _build(source: Path, out: Path, fast: bool) -> dict[str, bytes]:
    app = SphinxTestApp(
        "html",
        srcdir=source,
        builddir=out,
        confoverrides={"course_fast_navigation": fast},
    )
    try:
        app.build()
        assert app.warning.getvalue() == ""
    finally:
        app.cleanup()
    html = out / "html"
    return {
        str(path.relative_to(html)): path.read_bytes() for path in html.rglob("*.html")
    }


def test_sidebar_is_identical_to_the_theme_on_every_page(
    nav_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[object] = []
    original = navcache._compile

    def spy(soup):  # type: ignore[no-untyped-def]
        compiled.append(result := original(soup))
        return result

    monkeypatch.setattr(navcache, "_compile", spy)
    fast = _build(nav_project, tmp_path / "fast", fast=True)
    # Once per folder with pages (., part, part/deep), not once per page.
    assert len(compiled) == 3
    assert all(sidebar is not None for sidebar in compiled)
    reference = _build(nav_project, tmp_path / "theme", fast=False)
    assert sorted(fast) == sorted(reference)
    for name in reference:
        assert fast[name] == reference[name], f"{name} differs from the theme's"


def test_nested_page_marks_its_whole_chain(nav_project: Path, tmp_path: Path) -> None:
    pages = _build(nav_project, tmp_path / "fast", fast=True)
    page = pages["part/deep/b.html"].decode()
    nav = page[page.index('class="bd-links') : page.index("</nav>")]
    # The page itself, the part above it (opened), and both lists are current.
    assert '<a class="current reference internal" href="#">Page B</a>' in nav
    assert 'class="toctree-l1 current active has-children"' in nav
    assert '<details open="open">' in nav
    assert nav.count('class="current') == 3  # two lists and the link
    # Another folder's page marks nothing in the part.
    other = pages["other.html"].decode()
    assert '<a class="current reference internal" href="#">Other</a>' in other
    assert "toctree-l1 current active has-children" not in other


def _drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders whose sidebar the theme draws from here on."""
    folders: list[str] = []
    original = navcache._unmarked_sidebar

    def spy(app, folder, kwargs):  # type: ignore[no-untyped-def]
        folders.append(folder)
        return original(app, folder, kwargs)

    monkeypatch.setattr(navcache, "_unmarked_sidebar", spy)
    return folders


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build_twice(
    source: Path, out: Path, edit: tuple[str, str, str], drawn: list[str]
) -> tuple[list[str], dict[str, bytes]]:
    """Build, edit, build again: the folders drawn again, and the pages written
    again, each checked against the theme's own sidebar from a clean build."""
    page, old, new = edit
    _build(source, out / "fast", fast=True)
    html = out / "fast" / "html"
    before = {p: p.stat().st_mtime_ns for p in html.rglob("*.html")}
    drawn.clear()
    _edit(source / page, old, new)
    pages = _build(source, out / "fast", fast=True)
    again = list(drawn)
    written = {
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if before.get(p) != p.stat().st_mtime_ns
    }
    assert written
    reference = _build(source, out / "theme", fast=False)
    for name in written:
        assert pages[name] == reference[name], f"{name} differs from the theme's"
    return again, pages


def test_a_rebuild_keeps_the_sidebars_it_drew(
    nav_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _drawn(monkeypatch)
    # Prose only: the rewritten pages take their sidebars from the store.
    again, pages = _build_twice(
        nav_project, tmp_path, ("part/a.rst", "More.", "More, and more."), drawn
    )
    assert again == []
    assert "More, and more." in pages["part/a.html"].decode()


@pytest.mark.parametrize(
    "edit",
    [
        ("single.rst", "Single\n======", "Alone\n====="),  # a title
        ("part/a.rst", "Section\n-------", "Part two\n--------"),  # a section
        ("index.rst", ":caption: Second", ":caption: Later"),  # a toctree
        ("conf.py", '"home_page_in_toc": True', '"home_page_in_toc": False'),
    ],
)
def test_a_change_to_what_a_sidebar_shows_draws_it_again(
    nav_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str, str],
) -> None:
    drawn = _drawn(monkeypatch)
    again, _ = _build_twice(nav_project, tmp_path, edit, drawn)
    assert again, "the stored sidebars were used although what they show changed"
