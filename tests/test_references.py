"""The references page of the real course, in every output that has one (online
book, the PDF's source, the EPUB): sorted by author or organisation, each entry
labelled exactly as the chapters cite it, so a reader finds "[Vingerhoets, 2013]"
by its name."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

# Page -> HTML, for every page of one output.
Pages = dict[str, str]


def _web(site: Path) -> tuple[str, Pages]:
    pages = {
        str(p.relative_to(site)): p.read_text(encoding="utf-8")
        for p in site.rglob("*.html")
        if "slides" not in p.relative_to(site).parts
    }
    return "references.html", pages


def _pdf_source(site: Path) -> tuple[str, Pages]:
    html = (site.parent / "pdf" / "index.html").read_text(encoding="utf-8")
    return "index.html", {"index.html": html}


def _epub(site: Path) -> tuple[str, Pages]:
    epub = next((site / "downloads").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        pages = {
            name: book.read(name).decode("utf-8")
            for name in book.namelist()
            if name.endswith(".xhtml")
        }
    return "references.xhtml", pages


def first_name(label: str) -> str:
    """ "Gottman and Silver, 1999" -> "gottman": the name the list sorts by."""
    names = label.rsplit(", ", 1)[0]
    first = re.split(r" and | et al\.", names)[0]
    decomposed = unicodedata.normalize("NFKD", first).casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(citation: str) -> str:
    """ "Vingerhoets [2013]" -> "Vingerhoets, 2013"."""
    match = re.fullmatch(r"(.+) \[(.+)\]", citation.strip())
    return f"{match[1]}, {match[2]}" if match else citation


def check_references(references_page: str, pages: Pages) -> None:
    soup = BeautifulSoup(pages[references_page], "html.parser")
    entries = soup.select("div.citation")
    assert len(entries) >= 15, references_page
    labels = {}
    for entry in entries:
        label = entry.select_one(".label").get_text().strip()
        assert label.startswith("[") and label.endswith("]"), label
        labels[entry["id"]] = label[1:-1]
    order = [first_name(label) for label in labels.values()]
    assert order == sorted(order), "\n".join(labels.values())
    # Every citation in the text reads exactly as the entry it opens.
    citations = 0
    for name, html in pages.items():
        for link in BeautifulSoup(html, "html.parser").select(
            ".bibtex-citation a[href]"
        ):
            address, _hash, target = link["href"].partition("#")
            if address and not address.endswith(references_page):
                continue
            assert target in labels, f"{name}: {link['href']}"
            # [Vingerhoets, 2013] links the label's words; a textual citation
            # (Vingerhoets [2013]) has the same words around its brackets.
            cited = link.find_parent(class_="bibtex-citation").get_text()
            assert labels[target] in (link.get_text(), _words(cited)), name
            citations += 1
    assert citations >= 20, references_page


def test_reference_list_is_alphabetical_and_labelled_as_cited(site: Path) -> None:
    for output in (_web, _pdf_source, _epub):
        check_references(*output(site))
