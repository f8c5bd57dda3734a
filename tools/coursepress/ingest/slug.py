"""File names and keys from titles: lower-case ASCII words joined by hyphens."""

from __future__ import annotations

import re
import unicodedata

_MAX = 60


def slugify(text: str, limit: int = _MAX) -> str:
    """``'Feeling Safe to Cry'`` -> ``'feeling-safe-to-cry'``; may be ``''``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "-".join(words)[:limit].strip("-")
