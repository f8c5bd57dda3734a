"""Runs of words shared with the source texts, outside quotation marks.

The course paraphrases its source texts and may quote a few words in quotation
marks (the course brief). Any run of ``RUN`` or more words that a course file shares
with a source, not inside double quotation marks (straight or curly) or a block
quote, is reported: paraphrase it, or quote it and attribute it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..ingest.errors import IngestError
from ..ingest.visible import visible_text
from .model import Page, Problem, TextBlock

RUN = 8  # words
#: Plain text and Markdown are read as they are; HTML through ingest's reader.
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")
# Double quotation marks (straight, curly) and words; \u2019 is an apostrophe.
_TOKEN = re.compile(r"[\u201c\u201d\"]|[\w'\u2019]+")
_QUOTES = {"\u201c": True, "\u201d": False}  # opening, closing; '"' toggles
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?^---\s*$", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Source:
    path: Path
    words: tuple[str, ...]


@dataclass(frozen=True)
class _Word:
    text: str
    line: int


def _normal(token: str) -> str:
    """One spelling per word: lower case, straight apostrophes, none at the ends."""
    return token.lower().replace("\u2019", "'").strip("'")


def source_words(text: str) -> tuple[str, ...]:
    text = _FRONT_MATTER.sub("", text)
    words = (_normal(token) for token in _TOKEN.findall(text))
    return tuple(word for word in words if word and word not in _QUOTES and word != '"')


def load_sources(folder: Path) -> tuple[list[Source], list[str]]:
    """The source texts in ``folder`` other than a README, and what was not read.

    The second list names each other file and why it was not read, so a
    source in another format is never skipped without a word.
    """
    sources: list[Source] = []
    unread: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.stem.upper().startswith("README"):
            continue
        if path.suffix.lower() not in SOURCE_SUFFIXES:
            unread.append(f"{path.name} (not a .txt, .md or .html file)")
            continue
        try:
            text = visible_text(path.read_bytes(), path.suffix)
        except IngestError as err:
            unread.append(f"{path.name} ({err.message})")
            continue
        except OSError as err:
            unread.append(f"{path.name} (cannot read it: {err.strerror or err})")
            continue
        sources.append(Source(path, source_words(text)))
    return sources, unread


def _unquoted_runs(block: TextBlock) -> list[list[_Word]]:
    """The block's words in runs that quotation marks interrupt.

    Quotation state is per block: an unclosed quote ends with its paragraph.
    """
    if block.quoted:
        return []
    runs: list[list[_Word]] = [[]]
    quoted = False
    for line, text in block.lines:
        for token in _TOKEN.findall(text):
            if token in _QUOTES or token == '"':
                quoted = _QUOTES.get(token, not quoted)
                runs.append([])
            elif not quoted and (word := _normal(token)):
                runs[-1].append(_Word(word, line))
    return [run for run in runs if len(run) >= RUN]


class OverlapIndex:
    """Every ``RUN``-word sequence of the sources, for constant-time look-ups."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self._grams: dict[tuple[str, ...], Source] = {}
        for source in sources:
            for start in range(len(source.words) - RUN + 1):
                self._grams.setdefault(source.words[start : start + RUN], source)

    def check(self, page: Page) -> list[Problem]:
        problems = []
        for block in page.blocks:
            for run in _unquoted_runs(block):
                problems.extend(self._shared(page, run))
        return problems

    def _shared(self, page: Page, run: list[_Word]) -> list[Problem]:
        """Maximal stretches of ``run`` made of shared ``RUN``-grams."""
        words = tuple(word.text for word in run)
        problems: list[Problem] = []
        start = 0
        while start <= len(words) - RUN:
            source = self._grams.get(words[start : start + RUN])
            if source is None:
                start += 1
                continue
            end = start + RUN  # extend while the next gram is shared too
            while end < len(words) and words[end - RUN + 1 : end + 1] in self._grams:
                end += 1
            excerpt = " ".join(words[start:end])
            problems.append(
                Problem(
                    page.path,
                    run[start].line,
                    f"{end - start} words in a row from the source text "
                    f'{source.path.name}: "{excerpt}": paraphrase it in your own '
                    "words, or quote a few words in quotation marks and attribute "
                    "them",
                )
            )
            start = end
        return problems
