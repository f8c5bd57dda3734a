"""A PDF is rendered again when what renders it changes, not only its HTML.

The render stamp once hashed the HTML, its assets and ``pdf.py`` only: after
an upgrade of WeasyPrint or pydyf, or an edit to a speed-up that patches them,
the PDF the old code wrote was kept. The speed-ups are taken from the registry,
so a new one is covered without editing this file.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from coursepress.pdf import render_pdf
from coursepress.pdf.speedups import REGISTRY
from coursepress.pdf.switches import VARIABLE

HTML = "<!DOCTYPE html><html lang='en'><title>T</title><p>Stamp test page.</p></html>"
NAMES = [speed_up.name for speed_up in REGISTRY]


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.delenv(VARIABLE, raising=False)
    html = tmp_path / "index.html"
    html.write_text(HTML, encoding="utf-8")
    target = tmp_path / "out.pdf"
    render_pdf(html, target, "en")
    return html, target


def _renders_again(html: Path, target: Path) -> bool:
    """Whether ``render_pdf`` writes ``target`` anew (a marker it would replace)."""
    target.write_bytes(b"marker: not rendered again")
    render_pdf(html, target, "en")
    return target.read_bytes().startswith(b"%PDF")


def test_an_unchanged_pdf_is_kept(rendered):
    assert not _renders_again(*rendered)


@pytest.mark.parametrize("engine", ["weasyprint", "pydyf"])
def test_a_new_engine_version_renders_again(rendered, monkeypatch, engine):
    # Without speed-ups, so that the version alone changes (on another version
    # they would be skipped, which changes the stamp too).
    monkeypatch.setenv(VARIABLE, "off")
    render_pdf(*rendered, "en")
    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "999.0" if name == engine else real(name)
    )
    assert _renders_again(*rendered)


@pytest.mark.parametrize("speed_up", REGISTRY, ids=NAMES)
def test_an_edited_speed_up_renders_again(rendered, monkeypatch, tmp_path, speed_up):
    module = __import__(speed_up.module, fromlist=["_"])
    edited = tmp_path / f"{speed_up.name}.py"
    edited.write_text(
        Path(module.__file__).read_text(encoding="utf-8") + "\n# edited\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "__file__", str(edited))
    assert _renders_again(*rendered)


@pytest.mark.parametrize("name", NAMES)
def test_switching_a_speed_up_off_renders_again(rendered, monkeypatch, name):
    monkeypatch.setenv(VARIABLE, f"-{name}")
    assert _renders_again(*rendered)
