"""The two real source texts ingest to drafts that build with -n -W in the book."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

CHROME = (
    "Scroll to Top",
    "Powered by",
    "More Fun, Less Drama",
    "Listen to the Episode",
)


def _front_matter(text: str) -> dict[str, object]:
    _, fields, _ = text.split("---\n", 2)
    return yaml.safe_load(fields)


def test_both_sources_build_without_warnings(
    sources: Path, tmp_path: Path, scratch_book, capsys, ingest
) -> None:
    out = tmp_path / "drafts"
    files = sorted(p for p in sources.iterdir() if p.name != "README.md")
    assert ingest(*files, "--out", out) == 0, capsys.readouterr().err
    assert scratch_book.add(out) == [
        "drafts/feeling-safe-enough-to-cry",
        "drafts/why-do-men-not-open-up",
    ]
    status, warnings = scratch_book.build()
    assert (status, warnings) == (0, "")
    page = scratch_book.root / "html" / "drafts" / "feeling-safe-enough-to-cry.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1 is not None and "Feeling Safe Enough to Cry" in soup.h1.get_text()
    (steps,) = [ol for ol in soup.find_all("ol") if "Empathy" in ol.get_text()]
    assert len(steps.find_all("li", recursive=False)) == 4
    assert "TODO: facilitator notes" not in soup.get_text()  # never shown to readers


def test_podcast_text(sources: Path, tmp_path: Path, capsys, ingest) -> None:
    out = tmp_path / "drafts"
    assert ingest(sources / "feeling-safe-enough-to-cry.txt", "--out", out) == 0
    report = capsys.readouterr().err
    draft = (out / "feeling-safe-enough-to-cry.md").read_text(encoding="utf-8")
    fields = _front_matter(draft)
    assert fields["title"] == "Feeling Safe Enough to Cry"
    assert "date" not in fields  # the page gives none
    assert fields["sources"] == [fields["source_key"]]
    assert "# Feeling Safe Enough to Cry\n" in draft
    for line in CHROME:
        assert line not in draft
        assert line in report  # removed, and said so
    assert "Dr. Rivka Edery is" not in draft and "author bio" in report
    assert "Relationship Fitness" not in draft.split("---", 2)[2].split("# Feeling")[1]
    # The four steps, all written "1." in the source, numbered 1 to 4.
    steps = re.findall(r"^(\d)\. (.+):$", draft, re.MULTILINE)
    assert [n for n, _ in steps] == ["1", "2", "3", "4"]
    assert steps[0][1] == "Recognizing Emotional Unavailability"
    headings = re.findall(r"^## (.+)$", draft, re.MULTILINE)
    assert headings == [
        "The Function of Crying",
        "Overcoming Societal and Personal Barriers",
        "Normalizing Vulnerability",
        "Reframing the Role of Protector",
        "Real-World Examples",
        "Summary",
    ]
    assert draft.count(":::{slide}") == draft.count(":::{facilitator}") == len(headings)
    assert "“get on with it”" in draft and "parts—psychological" in draft
    stub = (out / "exercises" / "feeling-safe-enough-to-cry-1.md").read_text("utf-8")
    assert "- Recognizing Emotional Unavailability\n" in stub
    assert "% TODO: include exercise feeling-safe-enough-to-cry-1" in draft
    record = (out / "feeling-safe-enough-to-cry.bib").read_text(encoding="utf-8")
    assert "title        = {Feeling Safe Enough to Cry}" in record
    assert re.search(r"howpublished = \{Relationship Fitness.*P22 E5", record)
    assert "author       = {Edery, Rivka}" in record


def test_notes_site_markdown(sources: Path, tmp_path: Path, capsys, ingest) -> None:
    out = tmp_path / "drafts"
    assert ingest(sources / "why-do-men-not-open-up.md", "--out", out) == 0
    report = capsys.readouterr().err
    draft = (out / "why-do-men-not-open-up.md").read_text(encoding="utf-8")
    fields = _front_matter(draft)
    assert fields["title"] == "Why Do Men Not Open Up"
    assert str(fields["date"]) == "2023-09-08"
    assert fields["source_key"] == "thebananaking2023"
    assert "TheBananaKing" in str(fields["attribution"])
    assert "Comment by" not in draft
    assert "[[" not in draft and "worthless (Barbie)." in draft
    assert "[[Barbie]] -> plain text" in report
    # The list after the stray blank line stays one list of three.
    assert re.findall(r"^(\d)\. They will", draft, re.MULTILINE) == ["1", "2", "3"]
    # Long unwrapped paragraphs stay one paragraph each.
    assert re.search(
        r"^You're ready for a few manly tears.*no way back\.$", draft, re.M
    )
    record = (out / "why-do-men-not-open-up.bib").read_text(encoding="utf-8")
    assert "@misc{thebananaking2023," in record
    assert "author       = {{TheBananaKing}}" in record
    assert "year         = {2023}" in record and "month        = sep" in record
    stub = (out / "exercises" / "why-do-men-not-open-up-1.md").read_text("utf-8")
    assert stub.count("\n- They will") == 3
