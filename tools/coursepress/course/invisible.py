"""Invisible control characters: text that shows differently from what it says.

One definition for every place that takes text from outside: ingest strips
them from a draft, the crisis lines refuse them. A right-to-left override
(U+202E) makes "gnp.exe" display as "exe.png"; a zero-width space splits a
word or a phone number without showing; tag characters carry hidden ASCII.

Kept, because real languages and emoji need them:

- U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER: Persian, Hindi
  and other Indic scripts (a word spelled without them is a different word),
  and emoji sequences such as 👩‍⚕️ (woman health worker).
- U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK and U+061C ARABIC
  LETTER MARK: they order neutral characters (punctuation, numbers) in
  right-to-left text and, unlike overrides and isolates, cannot reorder letters.
- U+00AD SOFT HYPHEN, U+034F COMBINING GRAPHEME JOINER, U+FE00 to U+FE0F
  variation selectors (text or emoji style): they change how a word breaks or a
  character looks, never what it reads as.
- Tag characters inside an emoji flag (🏴 U+1F3F4, tags, U+E007F CANCEL TAG), the
  flags of England, Scotland and Wales.
"""

from __future__ import annotations

import re
import unicodedata

_FLAG_TAG_SEQUENCE = "\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
_CONTROLS = (
    "\u202a-\u202e"  # bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
    "\u2066-\u2069"  # bidi isolates (LRI, RLI, FSI, PDI)
    "\u200b"  # zero width space
    "\u2060-\u2064"  # word joiner, invisible times, separator, plus
    "\u206a-\u206f"  # deprecated format characters
    "\u180e"  # Mongolian vowel separator, a zero-width space in older Unicode
    "\ufeff"  # zero width no-break space (a BOM inside text)
    "\ufff9-\ufffb"  # interlinear annotation marks
    "\U000e0000-\U000e007f"  # tag characters (outside an emoji flag)
)
# A flag's tags are matched first, so that they are kept whole.
_INVISIBLE = re.compile(f"({_FLAG_TAG_SEQUENCE})|[{_CONTROLS}]")


def strip_invisible(text: str) -> tuple[str, int]:
    """``text`` without its invisible control characters, and how many there were."""
    removed = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        if match.group(1):
            return match.group(1)
        removed += 1
        return ""

    return _INVISIBLE.sub(drop, text), removed


def first_invisible(text: str) -> str | None:
    """The first invisible control character of ``text``, named ("U+202E RIGHT-…")."""
    for match in _INVISIBLE.finditer(text):
        if not match.group(1):
            char = match.group()
            name = unicodedata.name(char, "a control character")
            return f"U+{ord(char):04X} {name}"
    return None
