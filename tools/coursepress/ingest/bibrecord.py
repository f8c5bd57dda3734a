"""The source's bibliographic record: one BibTeX ``@misc`` entry, as the book's.

Only fields that ingest actually found are written, in the manner of the
book's verified bibliography: nothing is filled in from guesswork.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..course.bibliography import format_entry
from .model import Meta
from .render import safe_url
from .slug import slugify

_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
# BibTeX counts every brace, escaped or not, so braces become parentheses.
# Only what the book's reader (pybtex) would misread is escaped: "%" starts a
# comment and "~" is a no-break space. "#", "&", "$" and "_" are plain text in
# a braced value, and escaping them showed "S03 \#160" on the "Based on" line.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": "(",
    "}": ")",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile(r"[\\{}%~]")


KEY_TOKEN = 20  # letters of the author's (or site's) name in a record key
KEY_WORDS = 4  # words of the title in a record key without a year


@dataclass(frozen=True)
class BibRecord:
    key: str
    fields: tuple[tuple[str, str], ...]  # (name, BibTeX markup of its value)
    authors: tuple[str, ...] = ()  # as BibTeX writes names: "Last, First" or "{Name}"


def latex_escape(text: str) -> str:
    return _LATEX_SPECIAL.sub(lambda m: _LATEX[m.group(0)], " ".join(text.split()))


def _author_field(meta: Meta) -> str | None:
    if not meta.author:
        return None
    name = latex_escape(meta.author)
    words = name.split()
    # A handle or a one-word name is a single unit; "and" would split authors.
    if meta.author_is_handle or len(words) == 1 or "and" in (w.lower() for w in words):
        return f"{{{name}}}"
    return f"{words[-1]}, {' '.join(words[:-1])}"


def _key_token(meta: Meta) -> str:
    if meta.author:
        words = meta.author.split()
        source = meta.author if meta.author_is_handle or len(words) == 1 else words[-1]
    else:
        source = meta.site or meta.platform or ""
    return slugify(source).replace("-", "")


def make_key(meta: Meta, slug: str) -> str:
    """``thebananaking2023``; without a year ``edery_feeling_safe...``.

    A key is typed in chapters' front matter and ``{cite}`` roles, so it stays
    short: the name's first ``KEY_TOKEN`` letters and the title's first
    ``KEY_WORDS`` words.
    """
    token = _key_token(meta)[:KEY_TOKEN]
    words = "_".join(slug.split("-")[:KEY_WORDS])
    if token and meta.date:
        key = f"{token}{meta.date.year}"
    elif token:
        key = f"{token}_{words}"
    else:
        key = words
    key = key.strip("_")
    return key if key[:1].isalpha() else f"source_{key}"


def where_published(meta: Meta) -> str | None:
    """Where the source appeared, in words: the record's ``howpublished``."""
    if meta.platform and meta.author_is_handle:
        where = f"Comment on {meta.platform}"
        return f"{where}, republished on {meta.site}" if meta.site else where
    if meta.episode:
        kind = "podcast" if meta.podcast else ""
        show = " ".join(part for part in (meta.site, kind) if part)
        return f"{show}, episode {meta.episode}" if show else f"Episode {meta.episode}"
    if meta.site and meta.podcast:
        return f"{meta.site} podcast"
    return meta.site or meta.platform


def _note(meta: Meta) -> str | None:
    if not (meta.author and meta.author_role):
        return None
    name = f"{meta.honorific} {meta.author}" if meta.honorific else meta.author
    return f"{name}, {meta.author_role}"


def make_record(meta: Meta, title: str, slug: str) -> BibRecord:
    fields: list[tuple[str, str]] = [("title", latex_escape(title))]
    howpublished = where_published(meta)
    if howpublished:
        fields.append(("howpublished", latex_escape(howpublished)))
    if meta.date:
        fields.append(("year", str(meta.date.year)))
        fields.append(("month", _MONTHS[meta.date.month - 1]))
    note = _note(meta)
    if note:
        fields.append(("note", latex_escape(note)))
    url = safe_url(meta.url) if meta.url else None
    if url:
        fields.append(("url", url))
    author = _author_field(meta)
    return BibRecord(make_key(meta, slug), tuple(fields), (author,) if author else ())


def render_bib(record: BibRecord, source_name: str) -> str:
    # '@' outside an entry would start one, so the comment must not hold any.
    origin = "".join(c if c.isprintable() and c != "@" else "?" for c in source_name)
    header = (
        f"% status: unverified. Written by coursepress ingest from {origin}: check\n"
        "% every field against the source before adding it to the book's references.\n"
    )
    persons = {"author": record.authors} if record.authors else {}
    return header + format_entry(record.key, "misc", record.fields, persons)
