"""Script-like content in text and Markdown sources: dropped before parsing."""

from __future__ import annotations

import re

from .model import Note

# Elements whose content is code or an embed, never prose for a reader.
_SCRIPT_LIKE = ("script", "style", "noscript", "iframe", "object", "embed", "template")
_OPENER = re.compile(rf"<({'|'.join(_SCRIPT_LIKE)})\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def drop_script_elements(text: str, first_line: int = 1) -> tuple[str, list[Note]]:
    """Remove ``<script>...</script>`` and its kind, keeping line numbers.

    Each removed element leaves its newlines behind, so later messages still
    point at the right lines of the source.
    """
    lowered = text.lower()
    parts: list[str] = []
    notes: list[Note] = []
    position = 0
    for match in _OPENER.finditer(text):
        if match.start() < position:
            continue  # inside an element already removed
        name = match.group(1).lower()
        close = lowered.find(f"</{name}", match.end())
        end = match.end() if close < 0 else lowered.find(">", close) + 1 or len(text)
        line = text.count("\n", 0, match.start()) + first_line
        what = f"<{name}> element" if close >= 0 else f"unclosed <{name}> tag"
        notes.append(Note(line, "html", f"dropped a script-like {what}"))
        parts.append(text[position : match.start()])
        parts.append("\n" * text.count("\n", match.start(), end))
        position = end
    parts.append(text[position:])
    return "".join(parts), notes


def report_tags(text: str) -> list[Note]:
    """One note for the raw HTML tags a plain-text source shows as text."""
    first = _TAG.search(text)
    if first is None:
        return []
    count = sum(1 for _ in _TAG.finditer(text))
    line = text.count("\n", 0, first.start()) + 1
    return [Note(line, "html", f"escaped {count} raw HTML tag(s): they show as text")]
