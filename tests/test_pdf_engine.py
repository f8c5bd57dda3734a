"""The PDF engine installs each registered speed-up only where it fits, and undoes it.

``test_pdfspeed.py`` shows that a patched PDF is right; these show that each patch
still acts on the installed WeasyPrint and pydyf: it replaced its target and a
render calls it; it is left out on other versions, when its target is gone, or
when switched off; and after a render, returned or raised, the libraries, the
collector and WeasyPrint's logger are as they were.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import inspect
import logging
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pydyf
import pytest
from coursepress.pdf import PDFRefusedError, PDFRenderError, render_pdf
from coursepress.pdf.engine import engine
from coursepress.pdf.guard import Attribute, SpeedUp
from coursepress.pdf.speedups import REGISTRY
from coursepress.pdf.speedups.gcpause import RENDER_THRESHOLDS
from coursepress.pdf.switches import VARIABLE
from PIL import Image
from pypdf import PdfReader

NAMES = [speed_up.name for speed_up in REGISTRY]
TARGETS = [target for speed_up in REGISTRY for target in speed_up.targets]

# Running headers and page numbers (margin boxes), a fixed box on every page,
# a cross-reference to a page, headings to tag: what each speed-up is about.
HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>
<style>
@page { size: A6; @top-center { content: string(chapter); }
        @bottom-right { content: counter(page); } }
h1 { string-set: chapter content(); break-before: page; }
.stamp { position: fixed; bottom: 0; left: 0; }
a::after { content: " p. " target-counter(attr(href url), page); }
</style></head><body><p class="stamp">Draft</p><p><a href="#two">Two</a></p>
<h1>Chapter one</h1>{words}<h1 id="two">Chapter two</h1>{words}</body></html>"""


@pytest.fixture(autouse=True)
def _default_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    html = tmp_path / "book.html"
    words = "<p>Words and more words. </p>" * 30
    html.write_text(HTML.replace("{words}", words), encoding="utf-8")
    return html


@pytest.fixture
def set_process() -> Iterator[None]:
    """A logger level and thresholds of our own, so that a value an earlier test
    left behind cannot pass for one restored; the test's own put back after."""
    weasyprint_logger = logging.getLogger("weasyprint")
    level, thresholds = weasyprint_logger.level, gc.get_threshold()
    weasyprint_logger.setLevel(logging.INFO)
    gc.set_threshold(701, 11, 12)
    yield
    weasyprint_logger.setLevel(level)
    gc.set_threshold(*thresholds)


def _targets() -> dict[str, Any]:
    return {target.name: target.current() for target in TARGETS}


def _process() -> tuple[dict[str, Any], tuple[int, ...], int]:
    """What a render may change in the process (compared by identity or value)."""
    return _targets(), gc.get_threshold(), logging.getLogger("weasyprint").level


def _text(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("speed_up", REGISTRY, ids=NAMES)
def test_each_speed_up_replaces_its_target(speed_up: SpeedUp) -> None:
    assert speed_up.targets
    before = {target.name: target.current() for target in speed_up.targets}
    with engine() as installed:
        assert speed_up.name in installed
        for target in speed_up.targets:
            assert target.current() != before[target.name], target.name
    for target in speed_up.targets:
        assert target.current() == before[target.name], target.name


def _counted(function: Callable[..., Any], name: str, calls: dict[str, int]) -> Any:
    @functools.wraps(function)
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] = calls.get(name, 0) + 1
        return function(*args, **kwargs)

    return counted


def _counting(speed_up: SpeedUp, calls: dict[str, int]) -> SpeedUp:
    """``speed_up`` whose replacements count their calls (properties: the getter)."""

    def spied(target: Any) -> Any:
        if not isinstance(target, Attribute):
            return target

        def make(original: Any) -> Any:
            ours = target.make(original)
            if isinstance(ours, property):
                return property(_counted(ours.fget, target.name, calls))
            return _counted(ours, target.name, calls)

        return dataclasses.replace(target, make=make)

    return dataclasses.replace(
        speed_up, targets=tuple(spied(target) for target in speed_up.targets)
    )


def test_a_render_calls_every_replacement(book: Path, tmp_path: Path) -> None:
    """A replaced function WeasyPrint no longer calls would be a silent no-op."""
    from weasyprint import HTML

    calls: dict[str, int] = {}
    registry = tuple(_counting(speed_up, calls) for speed_up in REGISTRY)
    with engine(registry) as installed:
        assert installed == NAMES
        HTML(filename=str(book)).write_pdf(
            tmp_path / "out.pdf", pdf_variant="pdf/ua-1", pdf_tags=True
        )
    attributes = {target.name for target in TARGETS if isinstance(target, Attribute)}
    assert attributes
    assert set(calls) == attributes
    assert "Chapter two" in _text(tmp_path / "out.pdf")


def test_other_versions_leave_the_library_alone(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "71.0" if name == "weasyprint" else real(name)
    )
    caplog.set_level(logging.INFO, logger="coursepress.pdf")
    written_for_70 = [s.name for s in REGISTRY if "weasyprint" in s.versions]
    assert written_for_70
    before = _targets()
    with engine() as installed:
        assert not set(installed) & set(written_for_70)
        for speed_up in REGISTRY:
            for target in speed_up.targets:
                changed = target.current() != before[target.name]
                assert changed == (speed_up.name in installed), target.name
    for name in written_for_70:
        assert (
            f"PDF speed-up {name} not used (written for weasyprint 70.0, found 71.0)"
            ": plain WeasyPrint and pydyf render instead"
        ) in caplog.text
    render_pdf(book, tmp_path / "out.pdf", "en")
    assert "Chapter two" in _text(tmp_path / "out.pdf")


def test_a_target_gone_upstream_is_not_installed(caplog) -> None:
    """Renamed upstream: a warning, and a half-done speed-up is undone."""
    original = inspect.getattr_static(pydyf.PDF, "page_references")
    half = SpeedUp(
        name="half",
        module=__name__,
        targets=(
            Attribute("pydyf", "PDF.page_references", lambda _: property(len)),
            Attribute("pydyf", "PDF.renamed_upstream", lambda original: original),
        ),
        versions={},
        upstream=None,
    )
    with engine((half,)) as installed:
        assert installed == []
        assert inspect.getattr_static(pydyf.PDF, "page_references") is original
    assert "PDF speed-up half not installed: pydyf.PDF.renamed_upstream is gone" in (
        caplog.text
    )


def test_a_replacement_whose_needs_are_gone_is_not_installed(caplog) -> None:
    def make(_original: Any) -> Any:
        from weasyprint.pdf import moved_upstream  # type: ignore[attr-defined]

        return moved_upstream

    original = inspect.getattr_static(pydyf.PDF, "page_references")
    needy = SpeedUp(
        name="needy",
        module=__name__,
        targets=(Attribute("pydyf", "PDF.page_references", make),),
        versions={},
        upstream=None,
    )
    with engine((needy,)) as installed:
        assert installed == []
        assert inspect.getattr_static(pydyf.PDF, "page_references") is original
    assert "PDF speed-up needy not installed: pydyf.PDF.page_references's " in (
        caplog.text
    )


class _IgnoresAssignment(type):
    def __setattr__(cls, name: str, value: Any) -> None:
        pass  # as a library object might that copies or freezes its attributes


class Stubborn(metaclass=_IgnoresAssignment):
    value = "theirs"


def test_a_target_that_does_not_keep_our_replacement_is_not_installed(caplog):
    stubborn = SpeedUp(
        name="stubborn",
        module=__name__,
        targets=(Attribute(__name__, "Stubborn.value", lambda _: "ours"),),
        versions={},
        upstream=None,
    )
    with engine((stubborn,)) as installed:
        assert installed == []
    assert Stubborn.value == "theirs"
    assert (
        f"PDF speed-up stubborn not installed: {__name__}.Stubborn.value did not keep "
        "our replacement"
    ) in caplog.text


@pytest.mark.parametrize(
    ("value", "on"),
    [
        ("", NAMES),
        ("on", NAMES),
        ("off", []),
        ("-pagerefs,-gcpause", [n for n in NAMES if n not in {"pagerefs", "gcpause"}]),
        ("pagestyles, fixedboxes", ["pagestyles", "fixedboxes"]),
    ],
)
def test_the_switch_chooses_the_speed_ups(monkeypatch, value, on) -> None:
    monkeypatch.setenv(VARIABLE, value)
    before = _targets()
    with engine() as installed:
        assert installed == on
        for speed_up in REGISTRY:
            for target in speed_up.targets:
                changed = target.current() != before[target.name]
                assert changed == (speed_up.name in on), target.name


def test_an_unknown_speed_up_in_the_switch_is_an_error(book, tmp_path, monkeypatch):
    monkeypatch.setenv(VARIABLE, "-pagerefz")
    with pytest.raises(PDFRenderError, match="no speed-up named pagerefz"):
        render_pdf(book, tmp_path / "out.pdf", "en")


@pytest.mark.usefixtures("set_process")
def test_a_render_leaves_the_process_as_it_found_it(book: Path, tmp_path: Path):
    before = _process()
    render_pdf(book, tmp_path / "out.pdf", "en")
    assert "Chapter two" in _text(tmp_path / "out.pdf")
    assert _process() == before


@pytest.mark.usefixtures("set_process")
def test_a_failed_render_leaves_the_process_as_it_found_it(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint import HTML

    during = []

    def fail(*args: Any, **kwargs: Any) -> None:
        during.append(_process())
        raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(HTML, "write_pdf", fail)
    before = _process()
    with pytest.raises(PDFRenderError, match="WeasyPrint failed"):
        render_pdf(book, tmp_path / "out.pdf", "en")
    # While it rendered, everything was changed; afterwards, nothing is.
    targets, thresholds, level = during[0]
    assert all(targets[name] != before[0][name] for name in targets)
    assert (thresholds, level) == (RENDER_THRESHOLDS, logging.ERROR)
    assert _process() == before
    assert not (tmp_path / "out.pdf").exists()


def _layouts(book: Path, registry: tuple[SpeedUp, ...]) -> tuple[int, int]:
    """Pages in the rendered book, and page layouts it took (WeasyPrint's log)."""
    from weasyprint import HTML

    steps = []

    class Steps(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if message.startswith("Step 5 - Creating layout - Page"):
                steps.append("up-to-date" not in message)

    progress = logging.getLogger("weasyprint.progress")
    handler, level = Steps(), progress.level
    progress.addHandler(handler)
    progress.setLevel(logging.INFO)
    try:
        with engine(registry):
            pages = len(HTML(filename=str(book)).render().pages)
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)
    return pages, sum(steps)


def test_a_cross_reference_lays_its_page_out_once_more(book: Path) -> None:
    """The link on page 1 points ahead: its page is laid out again once, with
    the number; plain WeasyPrint lays it out twice more (targetcounters)."""
    pages, ours = _layouts(book, REGISTRY)
    without = tuple(s for s in REGISTRY if s.name != "targetcounters")
    same_pages, plain = _layouts(book, without)
    assert pages == same_pages > 2
    assert ours == pages + 1
    assert plain == pages + 2


# What a PDF may load: the files of its build, nothing else (pdf/fetcher.py).


def test_fetcher_allows_only_files_of_the_build(tmp_path: Path) -> None:
    from coursepress.pdf.fetcher import build_only_fetcher, refusal

    build = tmp_path / "build"
    (build / "_images").mkdir(parents=True)
    picture = build / "_images" / "pic.svg"
    picture.write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    (build / "_images" / "link.svg").symlink_to(tmp_path / "secret.txt")
    assert refusal(picture.as_uri(), build) == ""
    assert refusal(picture.as_uri() + "?v=1#top", build) == ""
    assert refusal("data:image/png;base64,iVBORw0KGgo=", build) == ""
    for url in (
        "file:///etc/passwd",
        (tmp_path / "secret.txt").as_uri(),
        (build / "_images" / ".." / ".." / "secret.txt").as_uri(),
        (build / "_images" / "link.svg").as_uri(),  # a link pointing outside
    ):
        assert refusal(url, build) == "a file outside the build's folder", url
    for url in ("http://127.0.0.1:8765/x.png", "https://example.org/x.css"):
        assert "nothing from the network" in refusal(url, build)
    assert refusal("file://elsewhere/etc/passwd", build) == "a file on another machine"

    fetcher, refused = build_only_fetcher(build)
    response = fetcher(picture.as_uri())
    assert response.read() == b"<svg/>"
    response.close()
    with pytest.raises(ValueError, match="refused"):
        fetcher("file:///etc/passwd")
    with pytest.raises(ValueError, match="refused"):
        fetcher("https://example.org/x.css")
    assert refused == [
        "file:///etc/passwd (a file outside the build's folder)",
        "https://example.org/x.css (only files of the build are used in a PDF, "
        "nothing from the network)",
    ]


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1: its address and the paths asked of it."""
    import http.server
    import threading

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_a_pdf_holds_nothing_from_outside_its_build(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    """An attachment of /etc/passwd, a remote image and stylesheet: the render
    fails naming each, writes no PDF, and asks the network for nothing; the
    same page without them renders, its picture from the build included."""
    address, asked = listener
    build = tmp_path / "build"
    (build / "_images").mkdir(parents=True)
    Image.new("RGB", (8, 8), "red").save(build / "_images" / "dot.png")
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T'
        "</title>{head}</head><body><p>Words.</p>"
        '<img src="_images/dot.png" alt="A dot">{body}</body></html>'
    )
    html, target = build / "index.html", build / "book.pdf"
    html.write_text(
        page.format(
            head=f'<link rel="stylesheet" href="{address}/remote.css">',
            body=(
                '<a rel="attachment" href="file:///etc/passwd">the file</a>'
                f'<img src="{address}/tracker.png" alt="">'
            ),
        ),
        encoding="utf-8",
    )
    with pytest.raises(PDFRefusedError) as failure:
        render_pdf(html, target, "en")
    message = str(failure.value)
    assert "book.pdf (from index.html) asks for what a PDF may not hold" in message
    for url in (
        "file:///etc/passwd",
        f"{address}/remote.css",
        f"{address}/tracker.png",
    ):
        assert url in message
    assert not target.exists()
    assert list(build.glob("*.pdf*")) == []  # no partial file left either
    assert asked == []

    # A relative link to a file of the build: file:///<build>/... in the PDF.
    html.write_text(
        page.format(head="", body='<a href="_images/dot.png">the dot</a>'),
        encoding="utf-8",
    )
    with pytest.raises(PDFRefusedError, match="links to files of the build machine"):
        render_pdf(html, target, "en")
    assert not target.exists()

    html.write_text(page.format(head="", body=""), encoding="utf-8")
    render_pdf(html, target, "en")
    reader = PdfReader(target)
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert b"/EmbeddedFile" not in target.read_bytes()
    assert reader.pages[0]["/Resources"].get("/XObject")  # the dot was drawn
