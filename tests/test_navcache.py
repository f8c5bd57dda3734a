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
