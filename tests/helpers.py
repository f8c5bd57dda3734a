"""Helpers for tests that look at built outputs as a reader would."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ad": ""}
)


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces; rejoins words hyphenated at ends
    of lines."""
    text = text.translate(_QUOTES)
    text = re.sub(r"-\s*\n\s*", "", text)
    text = re.sub(r"\u2010\s*", "", text)  # WeasyPrint's hyphenation hyphen
    return re.sub(r"\s+", " ", text).strip().lower()


def directive_bodies(text: str, name: str) -> list[str]:
    """The bodies of every ``:::{name}`` colon fence in a MyST text."""
    return re.findall(
        rf"^:::\{{{name}\}}[^\n]*\n(.*?)^:::\s*$", text, re.DOTALL | re.MULTILINE
    )


def plain_phrases(body: str, words: int = 7) -> list[str]:
    """Runs of ``words`` plain words from a MyST body (no roles, no markup)."""
    phrases = []
    for line in body.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        for chunk in re.split(r"\{[^}]*\}`[^`]*`|[*_`\[\]()]", line):
            tokens = chunk.split()
            if len(tokens) >= words:
                phrases.append(normalise(" ".join(tokens[:words])))
    return phrases


def html_text(path: Path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as epub:
        return " ".join(
            BeautifulSoup(epub.read(name), "html.parser").get_text(" ")
            for name in epub.namelist()
            if name.endswith(".xhtml")
        )


def run_coursepress(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coursepress", "--root", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
    )


#: Addresses that leave the folder on purpose and work from any copy of it.
OUTSIDE_OK = ("https://", "mailto:", "tel:", "sms:", "data:")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {t["id"] for t in soup.find_all(id=True)} | {
            t["name"] for t in soup.find_all("a", attrs={"name": True})
        }
    return cache[path]


def _check(
    folder: Path,
    source: Path,
    address: str,
    anchors: bool,
    cache: dict[Path, set[str]],
) -> str | None:
    """Why ``address`` (found in ``source``) does not resolve, or None."""
    if address.startswith(OUTSIDE_OK):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", address, re.IGNORECASE):
        return "leaves the folder"
    path_part, _, fragment = address.partition("#")
    path_part = path_part.partition("?")[0]
    target = (source.parent / path_part).resolve() if path_part else source
    if not target.is_relative_to(folder.resolve()):
        return "points outside the folder"
    if not target.is_file():
        return "no such file"
    if (
        anchors
        and fragment
        and target.suffix == ".html"
        and fragment not in _ids(target, cache)
    ):
        return f"no id {fragment!r} in {target.name}"
    return None


def broken_links(folder: Path) -> list[str]:
    """Every href/src of every HTML file and every url() of every stylesheet in
    ``folder`` that does not reach a file inside it (with its #id), as
    ``file: address (why)``; https:, mailto:, tel:, sms: and data: addresses pass."""
    broken: list[str] = []
    cache: dict[Path, set[str]] = {}
    for path in sorted(folder.rglob("*")):
        found: list[tuple[str, bool]] = []
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag in soup.find_all(href=True):
                found.append((tag["href"], tag.name == "a"))
            for tag in soup.find_all(src=True):
                found.append((tag["src"], False))
        elif path.suffix == ".css":
            css = _CSS_COMMENT.sub("", path.read_text(encoding="utf-8"))
            found = [(m.group(2), False) for m in _CSS_URL.finditer(css)]
        for address, anchors in found:
            address = address.strip()
            why = _check(folder, path, address, anchors, cache) if address else None
            if why:
                broken.append(f"{path.relative_to(folder)}: {address} ({why})")
    return broken
