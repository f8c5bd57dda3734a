"""The course's pybtex style on its own: labels and order of a small bibliography."""

from __future__ import annotations

from coursepress.ext.authoring.bibliography import Style
from pybtex.database import parse_string

BIB = r"""
@book{zed, author = {Zed, Ann}, title = {Last by name}, publisher = {P},
  year = {2001}}
@misc{org, author = {{World Health Organization}}, title = {A report}, year = {2019}}
@article{acc, author = {{\v{S}}imi{\'c}, Mia and Bo, Al and Cy, Di}, title = {T},
  journal = {J}, year = {2015}}
@book{two, author = {Smith, Jo and Lee, Kim}, title = {Pair}, publisher = {P},
  year = {1999}}
@book{one, author = {Smith, Jo}, title = {Alone}, publisher = {P}, year = {2011}}
@misc{anon, title = {Untitled notes}, year = {2020}}
"""


def test_labels_read_as_citations_and_names_sort_as_printed() -> None:
    entries = Style().format_entries(parse_string(BIB, "bibtex").entries.values())
    labels = [entry.label for entry in entries]
    assert labels == [
        "Šimić et al., 2015",  # the accent and braces do not send it to the end
        "Smith, 2011",  # one author before the same author with others
        "Smith and Lee, 1999",
        "Untitled notes, 2020",  # no author: its title
        "World Health Organization, 2019",  # an organisation by its name
        "Zed, 2001",
    ]


STYLE_BIB = r"""
@article{many, author = {Seidler, Zac E. and others}, title = {Masculinity and help:
  A systematic review}, journal = {Clinical Review}, volume = {49}, pages = {106--118},
  year = {2016}}
@book{second, author = {Ash, Al and Birch, Bo}, title = {The State of American
  Friendship}, publisher = {Guilford Press}, edition = {2}, year = {2020}}
@article{noissue, author = {Oak, Ola}, title = {When is it? An international study},
  journal = {Emotion}, number = {7}, pages = {1--9}, year = {2014}}
@book{words, author = {Elm, Eve}, title = {T}, publisher = {P}, edition = {Third},
  year = {2001}}
"""


def _formatted() -> dict[str, tuple[str, str]]:
    data = parse_string(STYLE_BIB, "bibtex")
    return {
        entry.key: (entry.label, entry.text.render_as("text"))
        for entry in Style().format_entries(data.entries.values())
    }


def test_and_others_reads_et_al_in_the_label_and_the_entry() -> None:
    label, text = _formatted()["many"]
    assert label == "Seidler et al., 2016"
    assert text.startswith("Zac E. Seidler et al. ")
    assert "others" not in text


def test_titles_are_printed_as_the_bibliography_writes_them() -> None:
    formatted = _formatted()
    assert "The State of American Friendship." in formatted["second"][1]
    assert "When is it? An international study." in formatted["noissue"][1]
    assert "Masculinity and help: A systematic review." in formatted["many"][1]


def test_editions_read_as_ordinals_and_an_issue_without_volume_is_kept() -> None:
    formatted = _formatted()
    assert "Guilford Press, 2nd edition, 2020." in formatted["second"][1]
    assert "P, third edition, 2001." in formatted["words"][1]
    assert "Emotion, number 7, pages 1\N{EN DASH}9, 2014." in formatted["noissue"][1]


def test_ordinals() -> None:
    from coursepress.ext.authoring.bibliography import ordinal

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd",
        "101st", "111th",
    ]  # fmt: skip


def test_the_text_cites_and_others_as_et_al(make_app, course_copy) -> None:
    """The citation in the chapter reads as the label in the list."""
    from conftest import production_layout

    book = course_copy / "book"
    with (book / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            "\n@article{many, author = {Seidler, Zac E. and others}, title = {T},"
            " journal = {J}, volume = {1}, year = {2016}}\n"
        )
    chapter = book / "chapters" / "03-sample.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace(
            "{cite:p}`study2020`", "{cite:p}`study2020` and {cite:t}`many`"
        ),
        "utf-8",
    )
    app = make_app(
        "html",
        builddir=course_copy / "_build",
        **production_layout(course_copy, "html"),
    )
    app.build()
    page = (app.outdir / "chapters" / "03-sample.html").read_text("utf-8")
    references = (app.outdir / "references.html").read_text("utf-8")
    text = " ".join(page.split())
    assert "Seidler <em>et al.</em>" in text
    assert "others" not in page and "others" not in references
    assert "Seidler et al., 2016" in references
