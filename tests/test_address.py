"""The course's published address: printed only when it is a real one.

A placeholder (example.org, *.test...) or an empty ``base_url`` means the course
has no address yet: the build warns, and no deck, handout or kit prints one.
A real address reaches the closing slides, their QR codes and the kit's README.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from coursepress.course.errors import CourseFileError
from coursepress.course.facts import load_course, published_url
from coursepress.ext.decks.sessions import qr_svg
from helpers import broken_links, pdf_text, run_coursepress

REAL = "https://courses.safe-enough-to-cry.net/book/"


@pytest.mark.parametrize(
    "configured",
    [
        "",
        "https://safe-enough-to-cry.example.org/",
        "https://example.com",
        "http://www.example.net/course/",
        "https://course.example/",
        "https://course.test/",
        "https://course.invalid/",
        "http://localhost:8000/",
        "https://EXAMPLE.ORG./",
        "not an address",
    ],
)
def test_placeholders_are_no_address(configured: str) -> None:
    assert published_url(configured) == ""


@pytest.mark.parametrize(
    ("configured", "message"),
    [
        ('https://evil-course.org/x"><script>alert(1)</script>', "has '\"'"),
        ("https://course.org/a b", "has ' '"),
        ("https://user:secret@course.org/", "user name or password"),
        ("javascript:alert(1)", "must be a web address"),
        ("data:text/html,hi", "must be a web address"),
        ("not an address", "has ' '"),
        ("courses.org/book", "must be a web address"),
    ],
)
def test_a_base_url_that_is_no_plain_address_is_refused_at_its_line(
    tmp_path: Path, configured: str, message: str
) -> None:
    # A TOML literal string ('...'): what is written is what is read.
    (tmp_path / "course.toml").write_text(
        f"title = 'A course'\n\nbase_url = '{configured}'\n"
    )
    with pytest.raises(CourseFileError) as raised:
        load_course(tmp_path)
    assert raised.value.line == 3
    assert message in raised.value.message


def test_a_real_address_is_kept_with_one_trailing_slash() -> None:
    assert published_url("https://courses.safe-enough-to-cry.net/book") == REAL
    assert published_url(REAL) == REAL
    assert published_url("https://example.org.uk/") == "https://example.org.uk/"


def _build(project: Path, base_url: str, *outputs: str) -> str:
    toml = project / "book" / "course.toml"
    text = re.sub(
        r"^base_url = .*$",
        f"base_url = {base_url!r}",
        toml.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    toml.write_text(text, encoding="utf-8")
    result = run_coursepress(project, "build", *outputs)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _kit(project: Path, into: Path) -> Path:
    with zipfile.ZipFile(project / "build" / "workshop-kit.zip") as kit:
        kit.extractall(into)
    return into / "workshop-kit"


def _everything_printed(project: Path, kit: Path) -> str:
    """The text of every deck, handout and kit file a person can open."""
    build = project / "build"
    parts = [
        path.read_text(encoding="utf-8", errors="replace")
        for folder in (build / "site" / "slides", build / "guide", build / "workbook")
        for path in folder.rglob("*.html")
    ]
    parts += [
        path.read_text(encoding="utf-8", errors="replace")
        for path in kit.rglob("*")
        if path.suffix in (".html", ".txt", ".css", ".js")
    ]
    parts += [pdf_text(pdf) for pdf in (build / "site" / "downloads").glob("*.pdf")]
    return "\n".join(parts)


def test_placeholder_address_is_printed_nowhere_and_the_build_says_so(
    project: Path, tmp_path: Path
) -> None:
    placeholder = "https://safe-enough-to-cry.example.org/"
    log = _build(project, placeholder, "all")
    warning = [line for line in log.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1
    assert "book/course.toml" in warning[0] and "base_url" in warning[0]
    assert placeholder in warning[0]
    kit = _kit(project, tmp_path / "kit")
    printed = _everything_printed(project, kit)
    assert "example.org" not in printed
    assert list((project / "build" / "site" / "downloads").glob("slides-*.pdf"))
    readme = (kit / "README.txt").read_text(encoding="utf-8")
    assert "no published address" in readme
    # The closing slide has no QR code or address; the crisis lines still follow.
    deck = project / "build" / "site" / "slides" / "short" / "evening.html"
    soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
    closing = soup.select("section[data-state=closing]")[-1]
    assert closing.find("svg") is None
    assert "Sample chapter" in closing.get_text()
    crisis = soup.select("section[data-state=crisis-lines]")[-1]
    assert "CRISIS-LINE-TEXT, 988" in crisis.get_text()
    # Offline, the kit still works: every link resolves inside it.
    assert broken_links(kit) == []


def test_real_address_reaches_qr_code_links_and_readme(
    project: Path, tmp_path: Path
) -> None:
    log = _build(project, REAL, "slides")
    assert "warning:" not in log
    deck = project / "build" / "site" / "slides" / "short" / "evening.html"
    soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
    closing = soup.select("section[data-state=closing]")[-1]
    chapter = f"{REAL}chapters/03-sample.html"
    assert closing.select_one(".book-address").get_text() == chapter
    assert str(closing.select_one("figure.qr svg")) == str(
        BeautifulSoup(qr_svg(chapter), "html.parser").svg
    )
    assert "Sample chapter" in closing.select_one(".chapter-titles").get_text()
    readme = (_kit(project, tmp_path / "kit") / "README.txt").read_text()
    assert REAL in readme
