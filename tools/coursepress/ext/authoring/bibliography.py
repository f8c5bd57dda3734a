"""The references page as readers look things up: by the name the text cites.

The chapters cite author-year ("[Vingerhoets, 2013]"), so the list is labelled
the same way and sorted by author or organisation. pybtex's ``plain`` style
numbers entries ([1]..[21]) and sorts on the raw BibTeX name, where an
organisation in braces (``{{American Psychological Association}}``) and a
name with an accent (``Gra{\\v{c}}anin``) sort after every letter.

``bibtex_default_style = "coursepress"`` selects this style: ``plain``'s entry
formatting, labels built from sphinxcontrib-bibtex's own author-year template
(so label and citation cannot drift apart), and a sort on the names as printed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.template import join, year

from ..speedups.bibcache import RememberedFormatting, remembered

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx

STYLE_NAME = "coursepress"


@dataclass
class _TemplateStyle:
    """What sphinxcontrib-bibtex's templates read from ``data["style"]``."""

    person: PersonStyle = field(default_factory=PersonStyle)


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


def setup_bibliography(app: Sphinx) -> None:
    # pybtex finds styles by name in a process-wide registry; registering again
    # (several Sphinx apps in one process) must replace, not fail.
    register_plugin("pybtex.style.formatting", STYLE_NAME, Style, force=True)
