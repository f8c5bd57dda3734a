"""The stages one by one: structure, escaping, wiki links, metadata, records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from coursepress.ingest import Options, ingest
from coursepress.ingest.bibrecord import make_key, make_record, render_bib
from coursepress.ingest.metadata import parse_date
from coursepress.ingest.model import Meta, Paragraph, Text
from coursepress.ingest.render import escape, render_block, safe_url
from coursepress.ingest.rules import load_rules
from coursepress.ingest.slug import slugify
from coursepress.ingest.wikilinks import load_glossary
from pybtex.database import parse_string

RULES = load_rules()
GLOSSARY = Path(__file__).resolve().parent / "fixtures" / "glossary.md"


def draft_of(text: str, name: str = "source.txt") -> str:
    result = ingest(text.encode("utf-8"), name, Options(RULES, load_glossary(GLOSSARY)))
    return next(
        v for k, v in result.files.items() if k.endswith(".md") and "/" not in k
    )


def body_of(text: str, name: str = "source.txt") -> str:
    return draft_of(text, name).split(":::{objectives}")[0].split("\n# ", 1)[1]


def test_bare_short_lines_become_headings_long_ones_stay_paragraphs() -> None:
    draft = draft_of(
        "Title\n\nIntro words here.\n\nFirst Part\n\nText of it.\n\n"
        "this is lower case\n\nA sentence that ends.\n\nWhy Cry?\n\nBecause.\n"
    )
    assert "\n## First Part\n" in draft
    assert "\n## Why Cry?\n" in draft
    assert "\nthis is lower case\n" in draft
    assert "\nA sentence that ends.\n" in draft


def test_a_short_last_line_is_not_a_heading() -> None:
    assert "## The End" not in draft_of("Title\n\nSome text.\n\nThe End\n")


def test_all_ones_renumbered_and_blank_lines_do_not_split() -> None:
    draft = draft_of("Title\n\nSteps:\n\n1. a\n1. b\n\n\n1. c\n")
    assert "1. a\n2. b\n3. c\n" in draft


def test_sequential_numbers_keep_their_start() -> None:
    assert "3. c\n4. d\n" in draft_of("Title\n\nText.\n\n3) c\n4) d\n")


def test_a_step_with_a_colon_takes_its_paragraph() -> None:
    draft = draft_of("Title\n\nText.\n\n1. Do this:\n\nHow to do it.\n\nAfter.\n")
    assert "1. Do this:\n\n   How to do it.\n\nAfter.\n" in draft


def test_closing_summary_gets_a_heading_in_plain_text_only() -> None:
    source = "Title\n\nIntro.\n\nPart\n\nText.\n\n\nIn short, all of it.\n"
    assert "## Summary\n\nIn short, all of it." in draft_of(source)
    markdown = "# Title\n\nIntro.\n\n## Part\n\nText.\n\n\nIn short, all of it.\n"
    assert "## Summary" not in draft_of(markdown, "source.md")


def test_heading_levels_never_skip() -> None:
    draft = draft_of("# T\n\nx\n\n#### Deep\n\ny\n\n###### Deeper\n\nz\n", "a.md")
    assert "\n## Deep\n" in draft and "\n### Deeper\n" in draft


def test_slide_and_facilitator_before_subsections() -> None:
    draft = draft_of("# T\n\nx\n\n## A\n\ny\n\n### A1\n\nz\n", "a.md")
    section = draft.split("## A\n")[1]
    assert section.index(":::{facilitator}") < section.index("### A1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*a* _b_ `c`", r"\*a\* \_b\_ \`c\`"),
        ("snake_case stays", "snake_case stays"),
        ("{raw}`x` and {{ sub }}", r"\{raw\}\`x\` and \{\{ sub \}\}"),
        ("<script>", r"\<script\>"),
        ("$1 &amp; ~x~ [l](u)", r"\$1 \&amp; \~x\~ \[l\](u)"),
        ("a \\ b", r"a \\ b"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("12. not a list", r"12\. not a list"),
        ("(label)=", r"\(label)="),
        ("% not a comment", r"\% not a comment"),
        (":::{note}", r"\:::\{note\}"),
        ("> not a quote", r"\> not a quote"),
        ("+++", r"\+++"),
    ],
)
def test_line_starts_are_escaped(text: str, expected: str) -> None:
    assert render_block(Paragraph([Text(text)], 1)) == [expected]


def test_trailing_hashes_of_a_heading_are_kept() -> None:
    source = "# T\n\nx\n\n## C \\#\n\ny\n"  # the heading's text is "C #"
    assert "\n## C \\#\n" in draft_of(source, "a.md")


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://example.org/(x)<y>", "https://example.org/%28x%29%3Cy%3E"),
        ("javascript:alert(1)", None),
        ("/relative/path", None),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_safe_url(url: str, safe: str | None) -> None:
    assert safe_url(url) == safe


def test_glossary_terms() -> None:
    glossary = load_glossary(GLOSSARY)
    assert glossary == {
        "protector parts": "protector parts",
        "second mask": "second mask",
        "controlled release": "controlled release",
    }
    assert load_glossary(GLOSSARY.with_name("missing.md")) is None


def test_wiki_link_forms() -> None:
    draft = draft_of(
        "Title\n\nSee [[Controlled Release|letting go]], [[Second Mask#Part]], "
        "[[Nowhere]] and [[bad`one]].\n"
    )
    assert "{term}`letting go <controlled release>`" in draft
    assert "{term}`Second Mask <second mask>`" in draft
    assert " Nowhere and " in draft
    assert r"\[\[bad\`one\]\]" in draft  # not a wiki link: escaped as written


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-09-08", dt.date(2023, 9, 8)),
        ("September 8, 2023", dt.date(2023, 9, 8)),
        ("Sept. 8th, 2023", dt.date(2023, 9, 8)),
        ("Friday, 8 September 2023", dt.date(2023, 9, 8)),
        ("8 of Sep 2023", dt.date(2023, 9, 8)),
        ("2023-02-30", None),
        ("Smarch 8, 2023", None),
        ("A sentence, 2023.", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_date_with_a_prefix_in_the_header() -> None:
    draft = draft_of("Published on: March 5, 2024\n\nA Title\n\nText.\n")
    assert "date: 2024-03-05" in draft and "# A Title" in draft


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Feeling Safe Enough to Cry", "feeling-safe-enough-to-cry"),
        ("Why Men Don\u2019t Open Up?", "why-men-dont-open-up"),
        ("Crème brûlée & tears", "creme-brulee-tears"),
        ("日本語", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_keys() -> None:
    handle = Meta(
        author="TheBananaKing", author_is_handle=True, date=dt.date(2023, 9, 8)
    )
    assert make_key(handle, "why") == "thebananaking2023"
    person = Meta(author="Rivka Edery")
    assert make_key(person, "feeling-safe") == "edery_feeling_safe"
    assert make_key(Meta(), "2024-notes") == "source_2024_notes"


def test_record_parses_and_escapes() -> None:
    meta = Meta(
        author="Tom and Jerry",
        site="50% {Off} & More_#1 ~ \\",
        date=dt.date(2020, 1, 2),
        url="https://example.org/a b{c}",
    )
    record = make_record(meta, "A {Braced} Title", "a-title")
    text = render_bib(record, "evil@name.txt")
    entry = parse_string(text, "bibtex").entries[record.key]
    assert entry.fields["title"] == "A (Braced) Title"
    assert (
        entry.fields["howpublished"]
        == r"50\% (Off) & More_#1 \textasciitilde{} \textbackslash{}"
    )
    assert [str(p) for p in entry.persons["author"]] == ["{Tom and Jerry}"]
    assert entry.fields["url"] == "https://example.org/a%20b%7Bc%7D"
    assert "evil?name.txt" in text
