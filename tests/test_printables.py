"""Crisis lines from one source, and the printable sheets, as readers get them.

The real course is built once (as ``nox -s build`` does); every check is made
for every crisis line of ``book/course.toml`` and every sheet of
``book/sheets/``, so a line or a sheet added later is checked the same way.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, production_layout, warnings_of
from coursepress.course.crisis import digits, tel_uri, whole
from coursepress.course.facts import load_course
from coursepress.course.layout import CRISIS_PAGE, PRINTABLES
from coursepress.ext.authoring.sheetlist import read_sheets
from helpers import pdf_text, run_coursepress
from pypdf import PdfReader

COURSE = load_course(PROJECT / "book")
SHEETS = read_sheets(PROJECT / "book" / "sheets")
CALLS = [number for line in COURSE.crisis for number in line.call]
TEXTS = [text for line in COURSE.crisis for text in line.text]
WEBS = [line.web for line in COURSE.crisis if line.web]
EMAILS = [email.address for line in COURSE.crisis for email in line.email]
# Anything that looks like a phone number: digits with spaces or hyphens.
PHONE_LIKE = re.compile(r"(?<![\w/.])\+?\d[\d -]*\d(?![\w/])")
YEAR = re.compile(r"^(19|20)\d\d$")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for part in ("book", "slides", "exercises"):
        shutil.copytree(PROJECT / part, root / part)
    result = run_coursepress(root, "build", "all")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    return root / "build" / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def unknown_numbers(text: str) -> list[str]:
    """Phone-like numbers in ``text`` that are not crisis lines of course.toml."""
    known = {digits(n) for n in CALLS} | {digits(t.number) for t in TEXTS}
    found = [m.group(0).strip() for m in PHONE_LIKE.finditer(text)]
    return [
        n
        for n in found
        if len(digits(n)) >= 3 and digits(n) not in known and not YEAR.match(n)
    ]


def test_course_has_every_line_the_brief_requires() -> None:
    # The Safety section of the course brief: these and only these.
    assert sorted(CALLS) == sorted(
        [
            "911",
            "999",
            "112",
            "988",
            "116 123",
            "1-800-799-7233",
            "0808 2000 247",
            "0808 801 0327",
            "0808 802 4040",
            "1800 341 900",
        ]
    )
    assert [t.uri for t in TEXTS] == ["sms:988", "sms:88788?body=START"]
    assert sorted(EMAILS) == ["jo@samaritans.ie", "jo@samaritans.org"]
    assert "findahelpline.com" in WEBS and "988lifeline.org" in WEBS


def test_crisis_page_links_every_line_and_no_other_number(site: Path) -> None:
    page = soup(site / "crisis-resources.html")
    main = page.select_one("article") or page
    # Sphinx writes mail addresses percent-encoded ("jo%40..."): mail apps decode.
    hrefs = [unquote(a.get("href", "")) for a in main.select("a")]
    tel = {h for h in hrefs if h.startswith("tel:")}
    assert tel == {tel_uri(n) for n in CALLS}
    assert {h for h in hrefs if h.startswith("sms:")} == {t.uri for t in TEXTS}
    for web in WEBS:
        assert f"https://{web}" in hrefs, web
    for email in EMAILS:
        assert f"mailto:{email}" in hrefs, email
    text = main.get_text(" ")
    assert unknown_numbers(text) == []
    # The page opens with the numbers, not with a note for facilitators.
    assert "facilitator" not in text.lower()
    first_tel = str(main).find('href="tel:')
    first_section = str(main).find("<h2")
    assert first_tel > 0 and (first_section == -1 or first_section < first_tel)


def test_every_printed_copy_has_every_number_whole(site: Path) -> None:
    downloads = site / "downloads"
    printed = {
        "book PDF": downloads / f"{COURSE.basename}.pdf",
        "workbook": downloads / "workbook.pdf",
        "crisis handout": downloads / "printables" / "crisis-handout.pdf",
    }
    for name, path in printed.items():
        text = pdf_text(path)
        for number in CALLS + [t.label for t in TEXTS] + WEBS + EMAILS:
            # Whole: on one line, never broken or hyphenated across two.
            assert number in text, f"{number} is not whole in the {name}"
    handout = pdf_text(printed["crisis handout"]).replace("\n", " ")
    assert unknown_numbers(handout) == []


def test_pdf_numbers_are_links_to_dial(site: Path) -> None:
    for path in (
        site / "downloads" / f"{COURSE.basename}.pdf",
        site / "downloads" / "printables" / "crisis-handout.pdf",
    ):
        uris = set()
        for page in PdfReader(path).pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                if action is not None and "/URI" in action:
                    uris.add(str(action["/URI"]))
        for number in CALLS:
            assert tel_uri(number) in uris, (path.name, number)
        for web in WEBS:
            assert f"https://{web}" in uris, (path.name, web)


def test_epub_crisis_page_links_every_number(site: Path) -> None:
    with zipfile.ZipFile(site / "downloads" / f"{COURSE.basename}.epub") as epub:
        name = next(n for n in epub.namelist() if n.endswith("crisis-resources.xhtml"))
        page = BeautifulSoup(epub.read(name), "html.parser")
    hrefs = {unquote(a.get("href", "")) for a in page.select("a")}
    assert {tel_uri(n) for n in CALLS} <= hrefs
    assert {f"mailto:{e}" for e in EMAILS} <= hrefs


def test_session_decks_close_with_every_number(site: Path) -> None:
    # The session decks (slides/<format>/), not the module decks (slides/chapters/).
    decks = [
        p
        for p in (site / "slides").glob("*/*.html")
        if p.name != "index.html" and p.parent.name != "chapters"
    ]
    assert decks
    for deck in decks:
        closing = soup(deck).select_one(".crisis-groups")
        assert closing is not None, deck.name
        text = closing.get_text(" ")
        for number in CALLS:
            assert whole(number) in text, (deck.name, number)  # never split


def test_workbook_has_room_for_local_numbers(site: Path) -> None:
    text = pdf_text(site / "downloads" / "workbook.pdf")
    assert "Numbers where you live" in text and "Emergency number" in text


#: Each sheet's editions: the file, and its page size in points.
PAPER = {"a4": ("pdf", (595, 842)), "letter": ("letter_pdf", (612, 792))}


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_each_sheet_prints_on_its_pages_with_its_headings(
    site: Path, sheet, paper: str
) -> None:
    """In A4 and in US Letter alike: on the pages it is meant for."""
    name, size = PAPER[paper]
    path = site / PRINTABLES / getattr(sheet, name)
    reader = PdfReader(path)
    assert len(reader.pages) == sheet.pages
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == size
    text = re.sub(r"\s+", " ", pdf_text(path))
    source = (PROJECT / "book" / "sheets" / f"{sheet.slug}.md").read_text()
    headings = re.findall(r"^#{1,3} +(.+?)\s*$", source, re.MULTILINE)
    assert headings and headings[0] == sheet.title
    for heading in headings:
        assert heading in text, heading
    assert unknown_numbers(text) == []


def test_sheets_are_listed_and_linked_in_the_book_and_the_kit(site: Path) -> None:
    page = soup(site / "printables.html")
    links = {a["href"]: a.get_text() for a in page.select("ul.printable-sheets a")}
    assert len(links) == 2 * len(SHEETS)  # A4 and US Letter
    for sheet in SHEETS:
        for pdf, text in ((sheet.pdf, sheet.name), (sheet.letter_pdf, "US Letter")):
            href = next(h for h in links if h.endswith("/" + pdf))
            assert links[href] == text
            assert (site / href).resolve() == (site / PRINTABLES / pdf).resolve()
            assert (site / href).is_file()
    with zipfile.ZipFile(site.parent / "workshop-kit.zip") as kit:
        names = set(kit.namelist())
        readme = kit.read("workshop-kit/README.txt").decode()
    for sheet in SHEETS:
        assert f"workshop-kit/{PRINTABLES}/{sheet.pdf}" in names
        assert f"workshop-kit/{PRINTABLES}/{sheet.letter_pdf}" in names
    assert PRINTABLES in readme


def test_chapter_and_deck_link_the_feeling_words_sheet(site: Path) -> None:
    for page in (
        site / "chapters" / "05-words-for-what-you-feel.html",
        site / "slides" / "chapters" / "05-words-for-what-you-feel.html",
    ):
        hrefs = [a["href"] for a in soup(page).select("a[href$='feeling-words.pdf']")]
        assert hrefs, page
        for href in hrefs:  # relative, so the offline kit's copy works too
            assert (page.parent / href).resolve() == (
                site / PRINTABLES / "feeling-words.pdf"
            ).resolve()


def cycle_figures(html: str) -> list:
    return [
        img
        for img in BeautifulSoup(html, "html.parser").select("img")
        if img.get("src", "").endswith("push-pull-cycle.svg")
    ]


def test_cycle_figure_in_book_epub_pdf_and_deck(site: Path) -> None:
    chapter = "chapters/08-the-protector-reframed.html"
    for page in (site / chapter, site / "slides" / chapter):
        images = cycle_figures(page.read_text(encoding="utf-8"))
        assert len(images) == 1, page
        assert len(images[0]["alt"]) > 80  # the figure's content, in words
        assert (page.parent / images[0]["src"]).resolve().is_file()
    with zipfile.ZipFile(site / "downloads" / f"{COURSE.basename}.epub") as epub:
        name = next(
            n for n in epub.namelist() if n.endswith("08-the-protector-reframed.xhtml")
        )
        images = cycle_figures(epub.read(name).decode())
        assert len(images) == 1 and images[0]["alt"]
        folder = Path(name).parent
        target = (folder / images[0]["src"]).as_posix()
        assert re.sub(r"[^/]+/\.\./", "", target) in epub.namelist()
    # WeasyPrint draws the SVG, its labels as text: they are in the book's PDF.
    text = re.sub(r"\s+", " ", pdf_text(site / "downloads" / f"{COURSE.basename}.pdf"))
    assert "which feels like pressure" in text and "The other pulls back" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'call = ["988"]',
            'call = ["nine-eight-eight"]',
            ("course.toml:17", "not a phone number"),
        ),
        (
            'region = "Testland"',
            'region = "Testland"\nnumbr = "1"',
            ("course.toml:16", "unknown field 'numbr'"),
        ),
        ('region = "Testland"\n', "", ("course.toml:13", "'region' is missing")),
        (
            "[[crisis]]",
            'crisis_lines = ["Call 988"]\n[[crisis]]',
            ("course.toml:13", "[[crisis]] tables"),
        ),
    ],
)
def test_bad_crisis_line_fails_naming_course_toml_and_line(
    project: Path, old: str, new: str, expected: tuple[str, ...]
) -> None:
    toml = project / "book" / "course.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_coursepress(project, "build", "html")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for part in expected:
        assert part in result.stderr, result.stderr


def test_every_epub_image_has_a_text_alternative(site: Path) -> None:
    # The EPUB declares accessModeSufficient "textual": every image must say in
    # words what it shows.
    with zipfile.ZipFile(site / "downloads" / f"{COURSE.basename}.epub") as epub:
        for name in (n for n in epub.namelist() if n.endswith(".xhtml")):
            for img in BeautifulSoup(epub.read(name), "html.parser").select("img"):
                assert len(img.get("alt", "").strip()) > 20, (name, img.get("src"))


def local_traces(pdf: Path, root: Path) -> list[str]:
    """What in ``pdf`` points at the build machine: each link to a ``file:``
    address (every page's /Annots, /A /URI), and the project's absolute path
    anywhere in its bytes."""
    found = [
        str(uri)
        for page in PdfReader(pdf).pages
        for annotation in page.get("/Annots") or []
        if (uri := annotation.get_object().get("/A", {}).get("/URI"))
        and str(uri).lower().startswith("file:")
    ]
    if str(root).encode() in pdf.read_bytes():
        found.append(f"the path {root}")
    return found


def test_no_published_pdf_points_at_the_build_machine(site: Path) -> None:
    root = site.parent.parent
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) > len(SHEETS)
    assert {pdf.name: local_traces(pdf, root) for pdf in pdfs} == {
        pdf.name: [] for pdf in pdfs
    }


@pytest.mark.slow
def test_sheet_pictures_are_not_links_to_their_files(make_app, tmp_path: Path) -> None:
    """The sheets alone (in-process): a sized figure, as on the push-pull cycle
    sheet, was a link to ``file:///<checkout>/build/sheets/_images/...``."""
    shutil.copytree(PROJECT / "book", tmp_path / "book")
    app = make_app(
        "sheetpdf", srcdir=tmp_path / "book" / "sheets", builddir=tmp_path / "build"
    )
    app.build()
    pdfs = sorted(Path(app.outdir).glob("*.pdf"))
    assert len(pdfs) == 2 * len(SHEETS)  # A4 and US Letter
    assert any(
        "width" in sheet.read_text(encoding="utf-8")
        for sheet in (tmp_path / "book" / "sheets").glob("*.md")
    )
    assert {pdf.name: local_traces(pdf, tmp_path) for pdf in pdfs} == {
        pdf.name: [] for pdf in pdfs
    }


def _course_with_sheets(course_copy: Path) -> Path:
    """The small course with the real book's sheets, a printables page and a
    crisis page where the kit expects it (``CRISIS_PAGE``)."""
    book = course_copy / "book"
    shutil.copytree(PROJECT / "book" / "sheets", book / "sheets")
    (book / "printables.md").write_text(
        "# Printable sheets\n\n:::{printable-sheets}\n:::\n", encoding="utf-8"
    )
    shutil.move(book / "crisis.md", book / CRISIS_PAGE.replace(".html", ".md"))
    index = book / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "crisis\n", "crisis-resources\nprintables\n"
        ),
        encoding="utf-8",
    )
    return course_copy


def _built(make_app, project: Path, builder: str, **overrides: str) -> Path:
    app = make_app(
        builder,
        builddir=project / "_build",
        confoverrides=overrides,
        **production_layout(project, builder),
    )
    app.build()
    assert warnings_of(app) == ""
    return Path(app.outdir)


def test_the_kit_start_page_links_every_sheet_and_the_crisis_page(
    make_app, course_copy: Path
) -> None:
    """From the kit's start page (slides/index.html) every sheet is one click
    away, and the crisis page too."""
    project = _course_with_sheets(course_copy)
    start = soup(_built(make_app, project, "decks") / "index.html")
    hrefs = {a["href"] for a in start.find_all("a")}
    for sheet in SHEETS:
        assert f"../{PRINTABLES}/{sheet.pdf}" in hrefs, sheet.slug
        assert f"../{PRINTABLES}/{sheet.letter_pdf}" in hrefs, sheet.slug
    assert f"../{CRISIS_PAGE}" in hrefs


@pytest.mark.parametrize("builder", ["epub", "coursepdf"])
@pytest.mark.parametrize("base_url", ["", "https://course.example.net.uk/"])
def test_the_printables_page_of_the_pdf_and_epub_gives_every_sheet(
    make_app, course_copy: Path, monkeypatch, builder: str, base_url: str
) -> None:
    """Read offline, the page links each sheet's published address, or (before
    the course has one) names its file in the site and the kit."""
    from coursepress.ext.paper import pdf as pdf_module

    monkeypatch.setattr(pdf_module, "render_pdf", lambda *args, **kwargs: None)
    project = _course_with_sheets(course_copy)
    out = _built(make_app, project, builder, course_base_url=base_url)
    page = out / ("printables.xhtml" if builder == "epub" else "index.html")
    items = soup(page).select("ul.printable-sheets > li")
    assert len(items) == len(SHEETS)
    for item, sheet in zip(items, SHEETS, strict=True):
        addresses = [f"{PRINTABLES}/{sheet.pdf}", f"{PRINTABLES}/{sheet.letter_pdf}"]
        if base_url:
            links = [a["href"] for a in item.find_all("a")]
            assert links == [base_url + address for address in addresses]
        else:
            assert item.find("a") is None  # nowhere to go from a file read offline
            files = [f.get_text() for f in item.select(".sheet-file")]
            assert files == addresses
        assert item.get_text().startswith(sheet.name)
