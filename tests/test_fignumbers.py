"""Figure numbers from page outlines are Sphinx's own numbers (speedups/fignumbers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursepress.ext.speedups import fignumbers
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.testing.util import SphinxTestApp

FIGURE = ".. figure:: /pic.png\n   :name: {name}\n\n   {caption}\n\n"
TABLE = (
    ".. table:: {caption}\n   :name: {name}\n\n   ===  ===\n   a    b\n   ===  ===\n\n"
)
CODE = ".. code-block:: text\n   :caption: {caption}\n   :name: {name}\n\n   code\n\n"
MATH = ".. math::\n   :label: {name}\n\n   a^2 + b^2 = c^2\n\n"
UNCAPTIONED = ".. figure:: /pic.png\n   :name: {name}\n\n"


def _page(title: str, stem: str, kinds: str) -> str:
    blocks = {"f": FIGURE, "t": TABLE, "c": CODE, "m": MATH, "u": UNCAPTIONED}
    text = f"{title}\n{'=' * len(title)}\n\n"
    for index, kind in enumerate(kinds):
        name = f"{stem}-{kind}{index}"
        text += blocks[kind].format(name=name, caption=f"Caption {name}")
        if index == 1:
            text += f"Section of {stem}\n{'-' * (11 + len(stem))}\n\n"
    return text


PAGES = {
    "index.rst": "Book\n====\n\n"
    + FIGURE.format(name="front", caption="On the front page")
    + ".. toctree::\n   :numbered: 2\n\n   part/index\n   one\n\n"
    ".. toctree::\n\n   back\n   https://example.org\n",
    "part/index.rst": _page("Part", "part", "ft") + ".. toctree::\n\n   /two\n",
    "two.rst": _page("Two", "two", "ftcmfu"),
    "one.rst": _page("One", "one", "tfcf"),
    "back.rst": _page("Back", "back", "fftc"),
    "orphan.rst": ":orphan:\n\n" + _page("Orphan", "orphan", "f"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    for name, text in PAGES.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (source / "pic.png").write_bytes(b"")
    (source / "conf.py").write_text(
        'extensions = ["coursepress.ext.speedups.fignumbers"]\n'
        "numfig = True\nnumfig_secnum_depth = 2\n",
        encoding="utf-8",
    )
    return source


def _sphinx_numbers(app: SphinxTestApp) -> dict:
    """What Sphinx's own method assigns to the same environment."""
    ours = app.env.toc_fignumbers
    collector = TocTreeCollector()
    fignumbers.SPHINX_ASSIGN_FIGURE_NUMBERS(collector, app.env)
    theirs, app.env.toc_fignumbers = app.env.toc_fignumbers, ours
    return theirs


def test_outlines_number_as_sphinx_does(project: Path, tmp_path: Path) -> None:
    app = SphinxTestApp("html", srcdir=project, builddir=tmp_path / "out")
    try:
        installed = TocTreeCollector.assign_figure_numbers
        assert installed is fignumbers.assign_figure_numbers
        app.build()
        numbers = app.env.toc_fignumbers
        assert numbers["two"]["figure"]["two-f4"] == (1, 1, 2)  # chapter 1.1, figure 2
        assert "two-u5" not in numbers["two"]["figure"]  # no caption: no number
        assert set(numbers["back"]) == {"figure", "table", "code-block"}
        assert numbers == _sphinx_numbers(app)
        # One page edited: the others are numbered from their kept outlines.
        one = project / "one.rst"
        one.write_text(one.read_text() + FIGURE.format(name="added", caption="New"))
        app.build()
        assert app.env.toc_fignumbers["one"]["figure"]["added"]
        assert app.env.toc_fignumbers == _sphinx_numbers(app)
    finally:
        app.cleanup()
