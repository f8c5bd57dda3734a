"""Reading grade of a chapter's prose (Flesch-Kincaid, computed by textstat).

Only the running text a reader meets is measured: paragraphs and list items
outside every directive, with markup and citations stripped. Boxes, slides,
facilitator notes, exercises and headings are left out; each list item counts as a
sentence of its own.
"""

from __future__ import annotations

from .model import Page

TARGET = (8.0, 10.0)  # the course brief's reading grade
#: Last characters that already end a sentence (closing quotes included).
_ENDINGS = ".!?:;\u2026\"\u201d'\u2019)"


class ReadabilityUnavailable(RuntimeError):
    """textstat is not installed."""


def prose_text(page: Page) -> str:
    sentences = []
    for block in page.prose:
        text = block.text
        if text and text[-1] not in _ENDINGS:
            text += "."  # a list item without a full stop is still one sentence
        sentences.append(text)
    return "\n".join(sentences)


def reading_grade(text: str) -> float | None:
    """Flesch-Kincaid grade of ``text``; None for a text with no words."""
    try:
        import textstat  # only this check needs it: imported when used
    except ImportError as err:
        raise ReadabilityUnavailable(
            "textstat is not installed: pip install -e '.[prose]'"
        ) from err
    if not text.strip():
        return None
    return float(textstat.flesch_kincaid_grade(text))


def grade_warning(grade: float | None) -> str | None:
    """A sentence about a grade outside the target, or None when on target."""
    low, high = TARGET
    if grade is None or low <= grade <= high:
        return None
    if grade > high:
        return (
            f"reading grade {grade:.1f} is above the target {low:g} to {high:g}: "
            "split or shorten some long sentences"
        )
    return (
        f"reading grade {grade:.1f} is below the target {low:g} to {high:g}: "
        "plainer than asked; check that it does not read as choppy or talk down"
    )
