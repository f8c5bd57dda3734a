"""One name for a chapter in every output: "Chapter N", numbered by the build.

The small course is built in-process by every builder that writes its chapters
(the print builders with WeasyPrint switched off: what is checked is the HTML
they render, fast). Every ``{chapter}`` mention must come out as a link whose
text is "Chapter N" and which lands on that chapter (a mention of a label that
is no chapter's fails: tests/test_bad_input.py). The real book's sources are
read for mentions still typed by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, production_layout, warnings_of
from coursepress.ext.paper import pdf as pdf_module

SAMPLE = "chapters/03-sample"
#: builder -> (where its pages are, how a link to the sample chapter looks).
OUTPUTS = {
    "html": ("", re.compile(r"^((\.\./)?(chapters/)?03-sample\.html)?#ch-sample$")),
    "epub": ("", re.compile(r"^((\.\./)?(chapters/)?03-sample\.xhtml)?#ch-sample$")),
    # Links in a deck lead to the book's page (slides/ is beside it).
    "decks": ("", re.compile(r"^\.\./\.\./chapters/03-sample\.html#ch-sample$")),
    "coursepdf": ("", re.compile(rf"^#document-{SAMPLE}$")),
    "guidepdf": ("", re.compile(rf"^#document-{SAMPLE}$")),
    "workbookpdf": ("", re.compile(rf"^#document-{SAMPLE}$")),
}
#: Marker texts next to a mention, and the outputs they must reach.
MENTIONS = {
    "INDEX-CHAPTER-TEXT": {"html", "epub", "coursepdf"},
    "EXERCISE-CHAPTER-TEXT": {"html", "epub", "decks", "coursepdf", "workbookpdf"},
    "CHAPTER-MENTION-TEXT": {"decks", "guidepdf"},
}


@pytest.fixture
def no_pdf_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """The print builders write their HTML; WeasyPrint is not run."""
    monkeypatch.setattr(pdf_module, "render_pdf", lambda *args, **kwargs: None)


def _build(make_app, srcdir: Path, builder: str):
    app = make_app(
        builder, builddir=srcdir / "_build", **production_layout(srcdir, builder)
    )
    app.build()
    return app


def _pages(outdir: Path) -> list[Path]:
    return [*outdir.rglob("*.html"), *outdir.rglob("*.xhtml")]


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_every_chapter_mention_is_a_numbered_link_to_it(
    make_app, course_copy: Path, no_pdf_render: None, builder: str
) -> None:
    app = _build(make_app, course_copy, builder)
    assert warnings_of(app) == ""
    _, target = OUTPUTS[builder]
    seen: set[str] = set()
    links = 0
    for page in _pages(Path(app.outdir)):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for mention in soup.select(".chapter-mention"):
            assert mention.get_text() == "Chapter 3", (page, mention)
            if page.name.endswith(".print.html"):
                continue  # a session's slides on paper: no chapter to link to
            link = mention.find_parent("a")
            assert link is not None, (page, mention)
            assert target.match(link["href"]), (page, link["href"])
            links += 1
        text = soup.get_text(" ")
        for marker, outputs in MENTIONS.items():
            if builder in outputs and marker in text:
                following = text.split(marker, 1)[1][:40]
                assert "Chapter 3" in following, (page, following)
                seen.add(marker)
        # Nothing left of the role: neither its label nor its source.
        assert "{chapter}" not in text and "Chapter ch-sample" not in text, page
    expected = {marker for marker, outputs in MENTIONS.items() if builder in outputs}
    assert seen == expected
    assert links >= len(expected)


#: One chapter named by number in running text, typed by hand (a range,
#: "Chapters 1 to 5", is words about the course's shape, not a reference).
HAND_TYPED = re.compile(r"\bchapter \d", re.IGNORECASE)
#: What may name a chapter: the role, and code (a role shown as an example).
ALLOWED = re.compile(r"\{chapter\}`[^`]*`|`[^`]*`")


def _course_sources() -> list[Path]:
    book, exercises = PROJECT / "book", PROJECT / "exercises"
    return sorted([*book.rglob("*.md"), *exercises.rglob("*.md")])


def test_the_real_book_names_no_chapter_by_a_typed_number() -> None:
    sources = _course_sources()
    assert len(sources) > 20  # the book's chapters, pages, sheets and exercises
    found = [
        f"{path.relative_to(PROJECT)}:{number}: {line.strip()[:80]}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_TYPED.search(ALLOWED.sub("", line))
    ]
    assert found == [], "write {chapter}`label` instead:\n" + "\n".join(found)


#: builder -> what lists or heads the sample chapter there, numbered "3. ".
TITLED = {
    # The page's heading and the contents' entry (index page and sidebar).
    "html": ("chapters/03-sample.html h1", "index.html .toctree-wrapper a"),
    # The page's heading and the reading system's navigation.
    "epub": ("chapters/03-sample.xhtml h1", "nav.xhtml nav a"),
    # The contents (page numbers), the opener; bookmarks and running headers
    # are made from the opener's text (print.css).
    "coursepdf": ("index.html .print-toc a", "index.html .print-body h2"),
    # The part of the guide and of the workbook made from the chapter.
    "guidepdf": ("index.html .print-toc a", "index.html .print-body h3"),
    "workbookpdf": ("index.html .print-toc a", "index.html .print-body h2"),
}


@pytest.mark.parametrize("builder", sorted(TITLED))
def test_every_output_numbers_the_chapter_as_the_book_does(
    make_app, course_copy: Path, no_pdf_render: None, builder: str
) -> None:
    app = _build(make_app, course_copy, builder)
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    for where in TITLED[builder]:
        page, selector = where.split(" ", 1)
        soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
        titles = [
            " ".join(e.get_text(" ").split())
            for e in soup.select(selector)
            if "Sample chapter" in e.get_text()
        ]
        assert titles, where
        assert all(t.startswith("3. Sample chapter") for t in titles), (where, titles)
    # Nowhere another word or form for it ("Module 3: ...").
    for page in _pages(outdir):
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
        assert not re.search(r"\bModules?\b", text), page


def test_the_decks_name_the_chapter_as_the_book_does(
    make_app, course_copy: Path
) -> None:
    outdir = Path(_build(make_app, course_copy, "decks").outdir)
    deck = BeautifulSoup(
        (outdir / "chapters" / "03-sample.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    subtitle = deck.select_one(
        "section[data-state=title] .deck-subtitle, .deck-subtitle"
    )
    assert subtitle.get_text(" ", strip=True) == "Test course · Chapter 3"
    index = BeautifulSoup(
        (outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    row = [
        td.get_text(" ", strip=True)
        for td in index.select("tbody tr")[0].find_all("td")
    ]
    header = [th.get_text() for th in index.select("thead th")]
    assert header[0] == "Chapter" and row[:2] == ["3", "Sample chapter"]
    for page in _pages(outdir):
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
        assert not re.search(r"\bModules?\b", text), page


def test_a_link_that_prints_its_page_says_page_once(
    make_app, course_copy: Path, no_pdf_render: None
) -> None:
    """ "the Crisis lines (page 9)", not "the Crisis lines (page 9) page"."""
    index = course_copy / "book" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\nPAGE-AFTER: go to the {doc}`crisis` page now.\n\n"
        "PAGE-BEFORE: the page {doc}`crisis` lists them.\n\n"
        # A line break of the source between the link and the word.
        "PAGE-NEXT-LINE: the {doc}`crisis`\npage lists them.\n",
        encoding="utf-8",
    )
    out = Path(_build(make_app, course_copy, "coursepdf").outdir)
    soup = BeautifulSoup(
        (out / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    said = {
        p.get_text().split(":")[0]: p
        for p in soup.select("p")
        if p.get_text().startswith("PAGE-")
    }
    # print.css follows the link with "(page N)": no other "page" beside it.
    for marker, text in (
        ("PAGE-AFTER", "PAGE-AFTER: go to the Crisis lines now."),
        ("PAGE-BEFORE", "PAGE-BEFORE: the Crisis lines lists them."),
        ("PAGE-NEXT-LINE", "PAGE-NEXT-LINE: the Crisis lines\n lists them."),
    ):
        assert said[marker].get_text() == text
        assert said[marker].a["href"] == "#document-crisis"
    # On screen the words stay as written.
    html = Path(_build(make_app, course_copy, "html").outdir) / "index.html"
    assert "go to the Crisis lines page now" in " ".join(
        BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        .get_text()
        .split()
    )
