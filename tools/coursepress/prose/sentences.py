"""Sentence length of a chapter's running prose: the average, and the long ones.

The course brief asks for plain, short sentences: about 15 words on average and
rarely over 30. The reading grade alone cannot hold that line (a text of long
sentences in short words scores well), so sentences are measured directly, on the
same running text as the grade, each with the file line where it starts.
Both limits are ceilings: nothing here asks for longer sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Page, Problem

#: Fail a chapter whose sentences average more than this many words (aim: 15).
AVERAGE_MAX = 17.0
#: A sentence longer than this many words is long...
LONG = 30
#: ...and a chapter may have at most this many of them.
LONG_MAX = 3

_WORD = re.compile(r"[\w'\u2019]+(?:-[\w'\u2019]+)*")
#: The end of a sentence: . ! ? or an ellipsis, closing quotes or brackets, space.
_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+")
#: Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|St|vs|cf|No|p|pp)\.)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Sentence:
    line: int
    words: int
    text: str


def sentences(page: Page) -> list[Sentence]:
    """Every sentence of the running prose; a list item is at least one sentence."""
    found = []
    for block in page.prose:
        pieces = [(line, text) for line, text in block.lines if text]
        if not pieces:
            continue
        # Join the block's lines, remembering where each starts, to find lines.
        text, starts = "", []
        for line, part in pieces:
            starts.append((len(text), line))
            text += part + " "
        begin = 0
        for match in [*_END.finditer(text), None]:
            end = match.end() if match else len(text)
            chunk = text[begin:end].strip()
            if match and _ABBREVIATIONS.search(text[begin : match.start()]):
                continue  # "e.g." goes on
            if chunk:
                line = max(ln for offset, ln in starts if offset <= begin)
                found.append(Sentence(line, len(_WORD.findall(chunk)), chunk))
            begin = end
    return [s for s in found if s.words]


def average(found: list[Sentence]) -> float | None:
    return sum(s.words for s in found) / len(found) if found else None


def check_sentences(page: Page) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings): the limits broken, and each long sentence's line."""
    found = sentences(page)
    line = page.title.line if page.title else 1
    problems, warnings = [], []
    mean = average(found)
    if mean is not None and mean > AVERAGE_MAX:
        problems.append(
            Problem(
                page.path,
                line,
                f"sentences average {mean:.1f} words: above {AVERAGE_MAX:g} "
                "(aim for about 15); split the long ones listed",
            )
        )
    long = [s for s in found if s.words > LONG]
    for sentence in long:
        start = " ".join(sentence.text.split()[:6])
        warnings.append(
            Problem(
                page.path,
                sentence.line,
                f'sentence of {sentence.words} words (over {LONG}): "{start} ..."',
                warning=True,
            )
        )
    if len(long) > LONG_MAX:
        problems.append(
            Problem(
                page.path,
                line,
                f"{len(long)} sentences over {LONG} words: at most {LONG_MAX} "
                "a chapter (each is listed at its line)",
            )
        )
    return problems, warnings
