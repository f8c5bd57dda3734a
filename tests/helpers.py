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
