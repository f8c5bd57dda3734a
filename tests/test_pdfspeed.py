"""The PDF speed-ups write the same bytes as WeasyPrint and pydyf alone.

Each render runs in a fresh interpreter, so the plain one cannot inherit a
patch. The fast one fails unless every registered speed-up was installed: a
speed-up skipped on other versions would otherwise compare plain with plain.
"""

from __future__ import annotations

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from coursepress.pdf.speedups import REGISTRY
from coursepress.pdf.switches import VARIABLE
from pypdf import PdfReader

HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>
<style>
@page { size: A6; @top-center { content: string(chapter); }
        @bottom-right { content: counter(page) " / " counter(pages); } }
@page :first { @top-center { content: none; } }
@page :left { @bottom-left { content: "left"; } }
h1 { string-set: chapter content(); break-before: page; }
.stamp { position: fixed; bottom: 0; right: 0; }
.toc a::after { content: " " target-counter(attr(href url), page); }
.xref::after { content: " (page " target-counter(attr(href url), page) ")"; }
.here::after {
  content: " on " counter(page) ", not " target-counter(attr(href url), page); }
</style></head><body>
<ul class="toc">{toc}</ul><p class="stamp">Draft</p>{chapters}</body></html>"""

RENDER = """
import contextlib, sys
from weasyprint import HTML
from coursepress.pdf.engine import engine
from coursepress.pdf.speedups import REGISTRY
with engine() if sys.argv[1] == "fast" else contextlib.nullcontext([]) as installed:
    if sys.argv[1] == "fast" and installed != [s.name for s in REGISTRY]:
        sys.exit(f"speed-ups not all installed: {installed}")
    HTML(filename=sys.argv[2]).write_pdf(
        sys.argv[3], pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
    )
"""


def _render(mode: str, html: Path, pdf: Path) -> bytes:
    env = {key: value for key, value in os.environ.items() if key != VARIABLE}
    subprocess.run(
        [sys.executable, "-c", RENDER, mode, str(html), str(pdf)], check=True, env=env
    )
    return pdf.read_bytes()


@pytest.mark.slow  # two WeasyPrint renders in subprocesses
def test_same_pdf_with_and_without_the_speed_ups(tmp_path: Path) -> None:
    assert REGISTRY  # the fast render checks it installed every one of them
    toc = "".join(f'<li><a href="#c{i}">Chapter {i}</a></li>' for i in range(6))
    # Cross-references forward and back, and one that also shows its own page.
    words = "<p>Words and more words. </p>" * 40
    chapters = "".join(
        f'<h1 id="c{i}">Chapter {i}</h1><p><a class="xref" href="#c{5 - i}">See</a>'
        f'<a class="here" href="#c{(i + 1) % 6}">Here</a></p>{words}'
        for i in range(6)
    )
    html = tmp_path / "book.html"
    html.write_text(
        HTML.replace("{toc}", toc).replace("{chapters}", chapters), encoding="utf-8"
    )
    fast = _render("fast", html, tmp_path / "fast.pdf")
    plain = _render("plain", html, tmp_path / "plain.pdf")
    pages = PdfReader(BytesIO(fast)).pages
    assert len(pages) >= 12  # a table of contents, six chapters of several pages
    assert "Chapter 0" in pages[2].extract_text()  # the running header
    assert all("Draft" in page.extract_text() for page in pages)  # fixed: every page
    assert fast == plain
