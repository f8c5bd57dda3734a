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
