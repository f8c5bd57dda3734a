"""Reading grade of a chapter's prose (Flesch-Kincaid, computed by textstat).

The grade is a ceiling (at most 9): plainer text is never a fault.

Only the running text a reader meets is measured: paragraphs and list items
outside every directive, with markup and citations stripped. Boxes, slides,
facilitator notes, exercises and headings are left out; each list item counts as a
sentence of its own.
"""

from __future__ import annotations

from .model import Page

#: The course brief's reading grade is a ceiling, never a floor: plainer is fine.
CEILING = 9.0
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


def grade_problem(grade: float | None) -> str | None:
    """A sentence about a grade above the ceiling, or None."""
    if grade is None or round(grade, 1) <= CEILING:  # as the report shows it
        return None
    return (
        f"reading grade {grade:.1f} is above {CEILING:g}: split long sentences "
        "and prefer short, everyday words"
    )
