"""A built PDF read as a reader meets it: each page's text by where it is printed
(running head, body, page number), its links and bookmarks, and the HTML element
each link was made from.

WeasyPrint draws text in CSS pixels under a flip matrix; positions here are PDF
points from the foot of the page, as pypdf reports them once both matrices are
applied.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader
from pypdf.generic import Destination

MM = 72 / 25.4
# The print theme's @page margins (print.css): the running head prints above the
# body, the page number below it.
TOP_MARGIN = 22 * MM
BOTTOM_MARGIN = 24 * MM


def squash(text: str) -> str:
    """Letters and digits only, lower case, accents and hyphenation gone: what
    survives line breaks, hyphens added at a line end, leaders and bullets."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return re.sub(r"[^0-9a-z]", "", decomposed)


@dataclass(frozen=True)
class Run:
    x: float
    y: float  # baseline, points from the foot of the page
    text: str


@dataclass
class Page:
    number: int  # 1-based position in the file
    height: float
    runs: list[Run]

    def body(self) -> list[Run]:
        top, foot = self.height - TOP_MARGIN, BOTTOM_MARGIN
        return [r for r in self.runs if foot < r.y < top]

    def footer(self) -> str:
        return " ".join(r.text for r in self.runs if r.y <= BOTTOM_MARGIN).strip()

    def lines(self) -> list[tuple[float, str]]:
        """Body lines, top to bottom: (baseline, text)."""
        rows: dict[float, list[Run]] = {}
        for run in self.body():
            key = next((y for y in rows if abs(y - run.y) < 2), run.y)
            rows.setdefault(key, []).append(run)
        return [
            (y, "".join(r.text for r in sorted(rows[y], key=lambda r: r.x)))
            for y in sorted(rows, reverse=True)
        ]

    def text(self) -> str:
        return " ".join(text for _y, text in self.lines())

    def text_from(self, top: float) -> str:
        """Body text from ``top`` down: what a link to ``top`` shows first."""
        return " ".join(text for y, text in self.lines() if y <= top + 1)

    def text_in(self, rect: list[float]) -> str:
        left, bottom, right, top = (
            min(rect[0], rect[2]),
            min(rect[1], rect[3]),
            max(rect[0], rect[2]),
            max(rect[1], rect[3]),
        )
        runs = [
            r
            for r in self.body()
            if bottom - 1 <= r.y <= top + 1 and left - 1 <= r.x <= right + 1
        ]
        return "".join(r.text for r in sorted(runs, key=lambda r: (-r.y, r.x)))


@dataclass(frozen=True)
class Link:
    page: Page
    rect: list[float]
    target: str  # the named destination: the id of an element of the HTML


@dataclass(frozen=True)
class Mark:
    title: str
    page: Page
    top: float


class PrintedPDF:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = PdfReader(path)
        self.pages = [self._page(i) for i in range(len(self.reader.pages))]
        self._destinations = self.reader.named_destinations

    def _page(self, index: int) -> Page:
        page = self.reader.pages[index]
        runs: list[Run] = []

        def visit(text: str, cm: list, tm: list, _font: object, _size: object) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append(Run(x, y, text.replace("\n", "")))

        page.extract_text(visitor_text=visit)
        return Page(index + 1, float(page.mediabox.height), runs)

    def where(self, name: str) -> tuple[Page, float]:
        dest = self._destinations[name]
        return self._at(dest)

    def _at(self, dest: Destination) -> tuple[Page, float]:
        index = self.reader.get_destination_page_number(dest)
        page = self.pages[index]
        return page, float(dest.top if dest.top is not None else page.height)

    def links(self) -> Iterator[Link]:
        """Every link to a place in this PDF (``/Dest`` or a GoTo action)."""
        for page, pdf_page in zip(self.pages, self.reader.pages, strict=True):
            for ref in pdf_page.get("/Annots") or []:
                annot = ref.get_object()
                if annot.get("/Subtype") != "/Link":
                    continue
                dest = annot.get("/Dest")
                action = annot.get("/A")
                if dest is None and action is not None and action["/S"] == "/GoTo":
                    dest = action["/D"]
                if dest is None:
                    continue  # a link to the web
                assert isinstance(dest, str), f"{self.path.name}: {dest!r}"
                rect = [float(v) for v in annot["/Rect"]]
                yield Link(page, rect, str(dest))

    def outline(self) -> list[Mark]:
        marks: list[Mark] = []

        def walk(items: list) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    page, top = self._at(item)
                    marks.append(Mark(str(item.title), page, top))

        walk(self.reader.outline)
        return marks


def visible_text(element: Tag) -> str:
    """An element's text as printed: without the parts the print theme hides."""
    copy = BeautifulSoup(str(element), "html.parser")
    for hidden in copy.select("a.headerlink, section.handout > h1"):
        hidden.decompose()
    return copy.get_text(" ")


def target_text(soup: BeautifulSoup, node_id: str) -> str:
    """What a link to ``node_id`` should show first: the element's own text or,
    for an empty anchor, the text that follows it."""
    element = soup.find(id=node_id)
    assert element is not None, node_id
    own = squash(visible_text(element))
    if own:
        return own
    following = ""
    for string in element.find_all_next(string=True):
        if string.find_parent("a", class_="headerlink") is None:
            following += squash(string)
        if len(following) > 60:
            break
    return following
