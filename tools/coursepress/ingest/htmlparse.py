"""HTML -> blocks with BeautifulSoup: page metadata, no scripts, no site chrome."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

from .chrome import shorten
from .metadata import apply_url, date_value
from .model import (
    Block,
    Break,
    Code,
    CodeBlock,
    Emph,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Meta,
    Note,
    Paragraph,
    Quote,
    Strong,
    Text,
)
from .render import safe_url
from .rules import Rules

# Elements whose content is code or media, never prose for a reader.
_SCRIPT_LIKE = {
    "script", "style", "noscript", "iframe", "object", "embed", "template",
    "svg", "math", "canvas", "video", "audio", "applet", "frame", "frameset",
    "link", "meta", "base", "head", "input", "button", "select", "textarea",
}  # fmt: skip
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
    "em", "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp",
    "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    "wbr", "br",
}  # fmt: skip
_CODE = {"code", "kbd", "samp", "tt"}
_CONTENT = {"html", "body", "main", "article"}  # never chrome, whatever their class
_HEADING = re.compile(r"^h([1-6])$")
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014·•-]\s+")  # bar, dashes, dots


def parse_html(text: str, rules: Rules, meta: Meta) -> tuple[list[Block], list[Note]]:
    soup = BeautifulSoup(text, "html.parser")
    notes: list[Note] = []
    _read_meta(soup, meta, rules)
    _drop_script_like(soup, notes)
    _drop_chrome(soup, rules, notes)
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and h1.get_text(strip=True):
        meta.title = " ".join(h1.get_text(" ").split())
        notes.append(
            Note(h1.sourceline, "metadata", f"title {shorten(meta.title)!r} (the <h1>)")
        )
        h1.decompose()
    root = _content_root(soup)
    return _Walker(notes).blocks(root), notes


def _meta_content(soup: BeautifulSoup, **attrs: str) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    if isinstance(tag, Tag):
        content = tag.get("content")
        if isinstance(content, str) and content.strip():
            return " ".join(content.split())
    return None


def _read_meta(soup: BeautifulSoup, meta: Meta, rules: Rules) -> None:
    meta.site = _meta_content(soup, property="og:site_name")
    title = _meta_content(soup, property="og:title")
    if title is None and isinstance(soup.title, Tag):
        parts = _TITLE_SEPARATORS.split(" ".join(soup.title.get_text().split()))
        title = parts[0] or None
        if len(parts) > 1 and meta.site is None:
            meta.site = parts[-1]
    meta.title = title
    author = _meta_content(soup, name="author")
    if author and not author.lower().startswith("http"):
        meta.author = author
    for attrs in (
        {"property": "article:published_time"},
        {"name": "date"},
        {"itemprop": "datePublished"},
    ):
        meta.date = meta.date or date_value(_meta_content(soup, **attrs) or "")
    time = soup.find("time", attrs={"datetime": True})
    if meta.date is None and isinstance(time, Tag):
        meta.date = date_value(str(time.get("datetime")))
    canonical = soup.find("link", attrs={"rel": "canonical", "href": True})
    url = canonical.get("href") if isinstance(canonical, Tag) else None
    url = url or _meta_content(soup, property="og:url")
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        apply_url(meta, url, rules)


def _prune(soup: BeautifulSoup, doomed: Callable[[Tag], bool]) -> list[Tag]:
    """Remove every element ``doomed`` picks, never looking inside one removed.

    A walk rather than ``find_all``: bs4's ``decomposed`` check on each result
    searches the subtree again, which is quadratic on deeply nested pages.
    """
    removed: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        for child in list(stack.pop().children):
            if not isinstance(child, Tag):
                continue
            if doomed(child):
                removed.append(child)
                child.extract()
            else:
                stack.append(child)
    return removed


def _drop_script_like(soup: BeautifulSoup, notes: list[Note]) -> None:
    removed = _prune(soup, lambda tag: tag.name in _SCRIPT_LIKE)
    dropped = Counter(tag.name for tag in removed)
    for name, count in sorted(dropped.items()):
        if name not in {"head", "meta", "link", "base"}:
            first = next(tag.sourceline for tag in removed if tag.name == name)
            notes.append(Note(first, "html", f"dropped {count} <{name}> element(s)"))
    for tag in soup.find_all(True):
        risky = [a for a in tag.attrs if a.lower().startswith("on")]
        href = str(tag.get("href", "")).strip().lower()
        if risky or href.startswith(("javascript:", "vbscript:", "data:")):
            notes.append(
                Note(tag.sourceline, "html", f"dropped script in a <{tag.name}> tag")
            )
            for attr in risky:
                del tag[attr]
            if href.startswith(("javascript:", "vbscript:", "data:")):
                del tag["href"]


def _drop_chrome(soup: BeautifulSoup, rules: Rules, notes: list[Note]) -> None:
    total = len(soup.get_text(" ").split())

    def is_chrome(tag: Tag) -> bool:
        if tag.name in _CONTENT:
            return False
        if tag.name in rules.html_drop_elements:
            return True
        classes = tag.get("class") or []
        marks = " ".join(
            [*classes, str(tag.get("id") or ""), str(tag.get("role") or "")]
        )
        return bool(
            marks.strip()
            and rules.html_drop_attributes.search(marks)
            # "post has-comments" on the article itself: a class, not chrome
            and len(tag.get_text(" ").split()) * 2 < total
        )

    for tag in _prune(soup, is_chrome):
        text = shorten(tag.get_text(" "), 50)
        notes.append(
            Note(
                tag.sourceline, "chrome", f"removed <{tag.name}> {text!r} (site chrome)"
            )
        )


def _content_root(soup: BeautifulSoup) -> Tag:
    main = soup.find("main")
    if isinstance(main, Tag):
        return main
    articles = soup.find_all("article")
    if len(articles) == 1 and isinstance(articles[0], Tag):
        return articles[0]
    body = soup.body
    return body if isinstance(body, Tag) else soup


_ADD_YOUR_OWN = (
    "the source's pictures are not ours to reuse; add your own image if the "
    "chapter needs one (AUTHORING.md, Images)"
)


def _alt(tag: Tag) -> str:
    alt = tag.get("alt")
    return " ".join(alt.split()) if isinstance(alt, str) else ""


def _source(tag: Tag) -> str:
    """ " 'photo.jpg'": the image's file name as the page gives it, or nothing."""
    src = str(tag.get("src") or "").split("?")[0].rstrip("/")
    name = src.rsplit("/", 1)[-1]
    shown = name and not src.startswith("data:")
    return f" {shorten(name, 40)!r}" if shown else ""


class _Walker:
    def __init__(self, notes: list[Note]) -> None:
        self.notes = notes

    def blocks(self, element: Tag) -> list[Block]:
        result: list[Block] = []
        pending: list[Inline] = []
        line = element.sourceline or 1
        for child in element.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment or doctype
                    pending.append(Text(str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "img":  # an image on its own, not in a sentence
                self.image_dropped(child)
                continue
            if child.name in _INLINE:
                pending.extend(self.inlines(child))
                continue
            self.flush(pending, line, result)
            pending = []
            line = child.sourceline or line
            result.extend(self.block(child))
        self.flush(pending, line, result)
        return result

    def flush(self, pending: list[Inline], line: int, result: list[Block]) -> None:
        if any(not isinstance(n, Text) or n.text.strip() for n in pending):
            result.append(Paragraph(pending, line))

    def block(self, tag: Tag) -> list[Block]:
        line = tag.sourceline or 1
        name = tag.name
        heading = _HEADING.match(name)
        if heading:
            return [Heading(int(heading.group(1)), self.inlines(tag), line)]
        if name == "p":
            return [Paragraph(self.inlines(tag), line)]
        if name in {"ul", "ol"}:
            items = [
                ListItem(self.blocks(li), li.sourceline or line)
                for li in tag.find_all("li", recursive=False)
                if isinstance(li, Tag)
            ]
            start = str(tag.get("start", "1"))
            number = (
                int(start) if name == "ol" and start.isdigit() and len(start) < 4 else 1
            )
            return [ListBlock(name == "ol", items, line, number)] if items else []
        if name == "blockquote":
            return [Quote(self.blocks(tag), line)]
        if name == "pre":
            return [CodeBlock(tag.get_text(), line)]
        if name == "hr":
            return []
        if name == "figure":
            self.figure_dropped(tag)
            return []
        if name == "tr":
            cells = [
                " ".join(c.get_text(" ").split()) for c in tag.find_all(["td", "th"])
            ]
            return [Paragraph([Text(" | ".join(c for c in cells if c))], line)]
        return self.blocks(tag)  # div, section, table, and unknown containers

    def image_dropped(self, tag: Tag) -> None:
        alt = _alt(tag)
        described = f", described as {shorten(alt, 50)!r}" if alt else ""
        self.notes.append(
            Note(
                tag.sourceline,
                "html",
                f"image{_source(tag)}{described} dropped: {_ADD_YOUR_OWN}",
            )
        )

    def figure_dropped(self, tag: Tag) -> None:
        """A figure: its images, and its caption (often a credit), reported."""
        images = [img for img in tag.find_all("img") if isinstance(img, Tag)]
        caption = tag.find("figcaption")
        said = " ".join(caption.get_text(" ").split()) if caption else ""
        parts = [f"image{_source(img)}" for img in images] or ["no image"]
        alts = [alt for img in images if (alt := _alt(img))]
        if alts:
            parts.append(f"described as {shorten(' / '.join(alts), 50)!r}")
        if said:
            parts.append(f"captioned {shorten(said, 50)!r}")
        self.notes.append(
            Note(
                tag.sourceline,
                "html",
                f"figure dropped: {', '.join(parts)}: {_ADD_YOUR_OWN}",
            )
        )

    def inlines(self, element: Tag) -> list[Inline]:
        result: list[Inline] = []
        for child in element.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    result.append(Text(str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                result.append(Break(hard=True))
            elif name in {"em", "i", "cite"}:
                result.append(Emph(self.inlines(child)))
            elif name in {"strong", "b"}:
                result.append(Strong(self.inlines(child)))
            elif name in _CODE:
                result.append(Code(child.get_text()))
            elif name == "a":
                href = str(child.get("href") or "").strip()
                words = self.inlines(child)
                if safe_url(href) is not None:
                    result.append(Link(href, words))
                    continue
                result.extend(words)
                if href and not href.startswith("#"):
                    self.notes.append(
                        Note(
                            child.sourceline,
                            "html",
                            f"link to {shorten(href, 40)!r} kept as plain text",
                        )
                    )
            elif name == "img":
                alt = _alt(child)
                if alt:
                    result.append(Text(alt))
                self.notes.append(
                    Note(
                        child.sourceline,
                        "html",
                        f"image{_source(child)} dropped (its description kept)",
                    )
                )
            elif name in _INLINE:
                result.extend(self.inlines(child))
            else:  # a block inside inline content: keep its words in the line
                result.append(Text(" "))
                result.extend(self.inlines(child))
                result.append(Text(" "))
        return result
