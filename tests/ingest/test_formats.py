"""Each input format and quirk: fixtures in, clean drafts out, everything reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _run(ingest, capsys, tmp_path: Path, name: str) -> tuple[str, str, Path]:
    out = tmp_path / "out"
    assert ingest(FIXTURES / name, "--out", out) == 0, capsys.readouterr().err
    report = capsys.readouterr().err
    (draft,) = out.glob("*.md")
    return draft.read_text(encoding="utf-8"), report, out


def _fields(draft: str) -> dict[str, object]:
    return yaml.safe_load(draft.split("---\n", 2)[1])


def test_fixtures_build_without_warnings(ingest, tmp_path: Path, scratch_book, capsys):
    for name in ("page.html", "notes.md", "scraped.txt"):
        out = tmp_path / name
        assert ingest(FIXTURES / name, "--out", out) == 0, capsys.readouterr().err
        scratch_book.add(out)
    assert len(scratch_book.stubs) == 3
    assert scratch_book.build() == (0, "")


def test_html_page(ingest, tmp_path: Path, capsys) -> None:
    draft, report, out = _run(ingest, capsys, tmp_path, "page.html")
    fields = _fields(draft)
    assert fields["title"] == "Talking After a Hard Day"
    assert str(fields["date"]) == "2024-03-05"
    assert fields["source_key"] == "carter2024"
    # Nothing script-like survives, and each removal is reported.
    for gone in ("<script", "tracker", "injected", "alert", "javascript", "onclick"):
        assert gone not in draft
    for said in ("<script>", "<iframe>", "<nav>", "<footer>", "<aside>", "<a> tag"):
        assert said in report
    assert "Powered by" not in draft and "Share on Facebook" not in draft
    assert "[this study](https://example.org/study)" in draft
    assert "our archive" in draft and "/archive" not in draft
    assert "*tired*" in draft and "**plain**" in draft
    assert re.findall(r"^## (.+)$", draft, re.M) == [
        "Why the evening is hard",
        "Questions to try",
    ]
    (stub,) = (out / "exercises").glob("*.md")
    assert "- What do you need from me tonight?" in stub.read_text(encoding="utf-8")
    record = (out / "talking-after-a-hard-day.bib").read_text(encoding="utf-8")
    assert (
        "howpublished = {The Quiet Room}" in record and "month        = mar" in record
    )


def test_markdown_raw_html_and_myst_syntax_are_neutralised(ingest, tmp_path, capsys):
    draft, report, _ = _run(ingest, capsys, tmp_path, "notes.md")
    body = draft.split("---\n", 2)[2]
    assert _fields(draft)["title"] == "Notes on: Opening Up"
    assert body.count("# Notes on: Opening Up") == 1  # the h1 is the title
    for tag in ("<div", "<span", "<b>HTML", "</div>"):
        assert tag not in body
    assert "A raw HTML block." in body  # the words of the block stay
    assert "alert" not in body and "<script" not in body
    assert "{raw}" not in body.replace("\\{raw\\}", "")
    assert ":::{eval-rst}" not in body and "```{raw}" not in body
    assert "\\(fake-target)=" in body  # a target written in the source stays text
    assert "\n% not a comment" not in body
    assert "\\$x^2\\$" in body
    assert "a relative link," in body and "other.md" not in body
    assert "dropped a script-like <script> element" in report
    assert "MyST directive {raw} kept as code" in report
    assert re.search(r"notes\.md:20: html: dropped a script-like", report)


def test_wiki_links(ingest, tmp_path: Path, capsys) -> None:
    draft, report, _ = _run(ingest, capsys, tmp_path, "notes.md")
    assert "{term}`Protector Parts <protector parts>`" in draft
    assert "{term}`second mask <second mask>`" in draft
    assert "a film link" in draft and "[[" not in draft
    assert "[[Barbie]] -> plain text (not in the glossary)" in report
    assert "[[Protector Parts]] -> glossary term 'protector parts'" in report


def test_scraped_text_header_chrome_and_lists(ingest, tmp_path: Path, capsys):
    draft, report, _ = _run(ingest, capsys, tmp_path, "scraped.txt")
    fields = _fields(draft)
    assert fields["title"] == "Small Steps Toward Saying More"
    assert str(fields["date"]) == "2023-09-08"
    assert fields["attribution"] == "Jane Doe, The Quiet Room"
    for gone in ("Skip to content", "Home | Blog", "Share this", "Scroll to Top", "©"):
        assert gone not in draft and gone in report
    assert "Be kind to yourself" not in draft
    assert "scraped.txt:43: chrome: removed a tagline" in report
    assert re.findall(r"^(\d)\. ", draft, re.M) == ["1", "2", "3"]  # across a gap
    assert "   Pick someone who has listened before." in draft  # the step's body
    assert "- A walk side by side" in draft
    assert "% TODO: include exercise small-steps-toward-saying-more-1" in draft


def test_invalid_front_matter_names_file_and_line(ingest, tmp_path, capsys) -> None:
    assert ingest(FIXTURES / "bad-front-matter.md", "--out", tmp_path) == 1
    err = capsys.readouterr().err
    assert re.search(r"bad-front-matter\.md:3: invalid YAML front matter", err)
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: x\n\nBody\n", ":1: the front matter opened by '---' is never"),
        ("---\n- a\n- b\n---\nBody\n", ":2: front matter must be 'field: value'"),
        ("---\ntitle: x\n---\n", "no text is left"),
    ],
)
def test_other_front_matter_problems(ingest, tmp_path, capsys, text, message) -> None:
    source = tmp_path / "source.md"
    source.write_text(text, encoding="utf-8")
    assert ingest(source, "--out", tmp_path / "out") == 1
    assert message in capsys.readouterr().err


def test_front_matter_without_title_uses_the_h1(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "page.md"
    source.write_text("---\ndraft: false\n---\n# Real Title\n\nText.\n", "utf-8")
    assert ingest(source, "--out", tmp_path / "out") == 0
    draft = (tmp_path / "out" / "real-title.md").read_text(encoding="utf-8")
    assert _fields(draft)["title"] == "Real Title"


def test_no_title_anywhere_uses_the_file_name(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "my_notes-2024.txt"
    source.write_text("just some words, nothing more.\n", encoding="utf-8")
    assert ingest(source, "--out", tmp_path / "out") == 0
    assert "no title found" in capsys.readouterr().err
    draft = (tmp_path / "out" / "my-notes-2024.md").read_text(encoding="utf-8")
    assert "# My notes 2024" in draft
    assert "## TODO: name this section" in draft


def test_html_with_only_a_script_is_an_input_problem(ingest, tmp_path, capsys):
    source = tmp_path / "x.html"
    source.write_text("<html><body><script>alert(1)</script></body></html>", "utf-8")
    assert ingest(source, "--out", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "no text is left" in err and "dropped 1 <script>" not in err.split("\n")[-1]


def test_html_class_on_the_article_is_not_chrome(ingest, tmp_path, capsys) -> None:
    source = tmp_path / "post.html"
    source.write_text(
        "<body><div class='post has-comments'><h1>Kept Title</h1>"
        "<p>The whole post is here.</p><div class='comments'>Nice!</div></div></body>",
        encoding="utf-8",
    )
    assert ingest(source, "--out", tmp_path / "out") == 0
    draft = (tmp_path / "out" / "kept-title.md").read_text(encoding="utf-8")
    assert "The whole post is here." in draft and "Nice!" not in draft


def test_raw_html_in_plain_text_is_escaped_or_dropped(ingest, tmp_path, capsys):
    source = tmp_path / "page.txt"
    source.write_text(
        "A Title\n\nSome <b>bold</b> words.\n\n<script>\nsteal()\n</script>\n\nEnd.\n",
        encoding="utf-8",
    )
    assert ingest(source, "--out", tmp_path / "out") == 0
    err = capsys.readouterr().err
    draft = (tmp_path / "out" / "a-title.md").read_text(encoding="utf-8")
    assert r"Some \<b\>bold\</b\> words." in draft
    assert "steal" not in draft and "script" not in draft
    assert "page.txt:5: html: dropped a script-like <script> element" in err
    assert "page.txt:3: html: escaped 2 raw HTML tag(s)" in err
