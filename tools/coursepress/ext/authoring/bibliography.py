"""The references page as readers look things up: by the name the text cites.

The chapters cite author-year ("[Vingerhoets, 2013]"), so the list is labelled
the same way and sorted by author or organisation. pybtex's ``plain`` style
numbers entries ([1]..[21]) and sorts on the raw BibTeX name, where an
organisation in braces (``{{American Psychological Association}}``) and a
name with an accent (``Gra{\\v{c}}anin``) sort after every letter.

``bibtex_default_style = "coursepress"`` selects this style: ``plain``'s entry
formatting, labels built from sphinxcontrib-bibtex's own author-year template
(so label and citation cannot drift apart), and a sort on the names as printed.
``bibtex_reference_style = "coursepress"`` is sphinxcontrib-bibtex's
``author_year`` with the same names, so the text cites what the list shows.

Three things ``plain`` gets wrong for a reader, fixed here for every entry:

- BibTeX's ``and others`` (the authors were not all listed) is "et al.", in the
  list and in the text, never "Seidler and others";
- a title is printed as the bibliography writes it: ``plain`` lower-cases all
  but its first letter, which makes "american" and "? an international study";
- a numeric edition is an ordinal: "2nd edition", not "2 edition".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pybtex.plugin import register_plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import date, pages
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    FieldIsMissing,
    first_of,
    node,
    optional,
    optional_field,
    sentence,
    tag,
    words,
)
from pybtex.style.template import field as entry_field
from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import (
    AuthorYearReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join, year

from ..speedups.bibcache import RememberedFormatting, remembered

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx

STYLE_NAME = "coursepress"

#: What follows the names when a bibliography says ``and others``.
ET_AL = Text(" ", Tag("em", "et al."))


def _listed(persons: list[Person]) -> tuple[list[Person], bool]:
    """The persons named, and whether BibTeX's ``and others`` ended the list."""
    if persons and str(persons[-1]) == "others":
        return persons[:-1], True
    return persons, False


@node
def names_et_al(
    children: list[Any],
    data: dict[str, Any],
    role: str,
    sep: str = ", ",
    sep2: str = " and ",
    last_sep: str = ", and ",
    other: Any = None,
) -> Text:
    """The ``role``'s names joined, "et al." after them for ``and others``.

    ``other`` (the short form of a citation) replaces all but the first name
    when there are three or more, as sphinxcontrib-bibtex's ``names`` does; a
    list ending in ``and others`` is short already: "Seidler et al.".
    """
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    style = data["style"]
    person = getattr(style, "person", None)
    if person is not None:  # sphinxcontrib-bibtex's template style
        formatted = [person.style_plugin.format(p, person.abbreviate) for p in persons]
    else:  # pybtex's formatting style
        formatted = [style.format_name(p, style.abbreviate_names) for p in persons]
    named, others = _listed(list(persons))
    formatted = formatted[: len(named)]
    if others:
        shown = formatted[:1] if other is not None else formatted
        joined = join(sep=sep, sep2=sep2, last_sep=last_sep)[shown]
        return Text(joined.format_data(data), ET_AL)
    return join(sep=sep, sep2=sep2, last_sep=last_sep, other=other)[
        formatted
    ].format_data(data)


class EtAlPersonStyle(PersonStyle):
    """sphinxcontrib-bibtex's person style, with "et al." for ``and others``."""

    def names(self, role: str, full: bool) -> Any:
        return names_et_al(
            role=role,
            sep=self.sep,
            sep2=self.sep2,
            last_sep=self.last_sep,
            other=None if full else self.other,
        )

    def author_or_editor_or_title(self, full: bool) -> Any:
        return first_of[
            optional[self.names("author", full)],
            optional[self.names("editor", full)],
            tag("em")[entry_field("title")],
        ]


@dataclass
class ReferenceStyle(AuthorYearReferenceStyle):
    """``author_year`` citations whose names match the list's labels."""

    person: PersonStyle = field(default_factory=EtAlPersonStyle)


@dataclass
class _TemplateStyle:
    """What sphinxcontrib-bibtex's templates read from ``data["style"]``."""

    person: PersonStyle = field(default_factory=EtAlPersonStyle)


def ordinal(number: int) -> str:
    """2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _edition(text: Text) -> Text:
    plain = str(text).strip()
    return Text(ordinal(int(plain))) if plain.isdigit() else text.lower()


class AuthorYearLabelStyle(BaseLabelStyle):
    """ "Vingerhoets, 2013": the words of a parenthetical ``{cite:p}``."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        style = _TemplateStyle()
        # The same template as sphinxcontrib-bibtex's author_year parenthetical
        # citation (default person style and separator), so they always agree.
        template = join(sep=", ")[
            style.person.author_or_editor_or_title(full=False), year
        ]
        for entry in sorted_entries:
            yield remembered(
                self,
                ("label",),
                entry,
                lambda entry=entry: template.format_data(
                    {"entry": entry, "style": style}
                ).render_as("text"),
            )


def _plain(latex: str) -> str:
    """``{\\v{S}}imi{\\'c}`` -> ``simic``: the name as read, for sorting."""
    text = Text.from_latex(latex).render_as("text")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _person_key(person: Person) -> tuple[str, str]:
    last = " ".join(person.prelast_names + person.last_names)
    first = " ".join(person.first_names + person.middle_names)
    return _plain(last), _plain(first)


class NameYearTitleSortingStyle(BaseSortingStyle):
    """By author (or editor, or title), then year, then title, as printed."""

    def sorting_key(self, entry: Entry) -> tuple[Any, ...]:
        return remembered(self, ("sort",), entry, lambda: self._key(entry))

    def _key(self, entry: Entry) -> tuple[Any, ...]:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        names = tuple(_person_key(p) for p in persons)
        if not names:
            names = ((_plain(entry.fields.get("title", "")), ""),)
        return (
            names,
            entry.fields.get("year", ""),
            _plain(entry.fields.get("title", "")),
        )


class Style(RememberedFormatting, PlainStyle):
    """``plain`` entries, author-year labels, sorted by name; each entry formatted
    once and kept in the environment (``speedups.bibcache``)."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = NameYearTitleSortingStyle

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        formatted = names_et_al(role=role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True) -> Any:
        # As written: the bibliography is checked against each source's own page.
        title = entry_field(which_field)
        return sentence[title] if as_sentence else title

    def get_article_template(self, e: Entry) -> Any:
        # ``plain``'s article, but an issue number without a volume is kept
        # ("number 7, pages 1164-1195") instead of dropped with the volume.
        if "volume" in e.fields or "number" not in e.fields:
            return super().get_article_template(e)
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[
                tag("em")[entry_field("journal")],
                words["number", entry_field("number")],
                optional[words["pages", pages]],
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_edition(self, e: Entry) -> Any:
        return optional[words[entry_field("edition", apply_func=_edition), "edition"]]


def setup_bibliography(app: Sphinx) -> None:
    # pybtex finds styles by name in a process-wide registry; registering again
    # (several Sphinx apps in one process) must replace, not fail.
    register_plugin("pybtex.style.formatting", STYLE_NAME, Style, force=True)
    register_bibtex_plugin(
        "sphinxcontrib.bibtex.style.referencing", STYLE_NAME, ReferenceStyle, force=True
    )
