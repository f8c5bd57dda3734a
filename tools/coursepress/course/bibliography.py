"""The course's bibliography: ``.bib`` files read and written with pybtex.

The same parser sphinxcontrib-bibtex gives the build reads the files here, so
``coursepress prose`` knows exactly the keys the build knows, and a file the
build could not read fails here too, at its line. Records are written by
pybtex's BibTeX writer in the book's own style (aligned ``field = {value}``
lines, month macros), so a written record reads back as the same entry.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer
from pybtex.scanner import PybtexSyntaxError

from .errors import CourseFileError, read_text

MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)  # fmt: skip


def read_bibliography(paths: Iterable[Path]) -> BibliographyData:
    """Every entry of the ``.bib`` files ``paths``, or CourseFileError at its line.

    A key defined twice (in one file or in two) is an error: a citation of it
    could mean either record.
    """
    merged = BibliographyData()
    origin: dict[str, Path] = {}
    for path in paths:
        text = _read(path)
        with pybtex.errors.capture() as errors:
            try:
                data = BibliographyData.from_string(text, "bibtex")
            except PybtexSyntaxError as err:  # not captured: fatal to the parser
                errors.append(err)
                data = BibliographyData()
        if errors:
            raise _error(errors[0], text, path)
        for key, entry in data.entries.items():
            if key in merged.entries:
                raise CourseFileError(
                    f"the key {key!r} is also defined in {origin[key].name}: "
                    "give each record its own key",
                    path,
                    _entry_line(text, key),
                )
            merged.entries[key] = entry
            origin[key] = path
    return merged


def bib_keys(paths: Iterable[Path]) -> set[str]:
    """Every entry key of the ``.bib`` files ``paths`` (as the build reads them)."""
    return set(read_bibliography(paths).entries.keys())


def _read(path: Path) -> str:
    # As sphinxcontrib-bibtex reads it (bibtex_encoding): a BOM is allowed.
    return read_text(path, "utf-8-sig")


def _entry_line(text: str, key: str, last: bool = False) -> int:
    """The line of the record ``key`` (of its last definition with ``last``)."""
    found = list(re.finditer(rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,", text))
    if not found:
        return 1
    return text.count("\n", 0, found[-1 if last else 0].start()) + 1


def _error(err: Exception, text: str, path: Path) -> CourseFileError:
    repeated = re.search(r"repeated bibliography entry:? ?(\S+)$", str(err))
    if repeated:
        key = repeated.group(1)
        return CourseFileError(
            f"the key {key!r} is defined twice in this file: give each record "
            "its own key",
            path,
            _entry_line(text, key, last=True),
        )
    line = getattr(err, "lineno", None) or 1
    problem = str(err)
    if "premature end of file" in problem:  # the last record is never closed
        starts = [m.start() for m in re.finditer(r"^[ \t]*@", text, re.MULTILINE)]
        line = text.count("\n", 0, starts[-1]) + 1 if starts else line
        problem = "the file ends inside this record"
    return CourseFileError(
        f"not a readable BibTeX record: {problem} (check its braces, commas and "
        "quotes)",
        path,
        line,
    )


class _BookStyle(Writer):
    """pybtex's BibTeX writer, laid out like the book's own ``references.bib``.

    Field values are BibTeX markup already (as pybtex reads them), so they are
    written as they are, in braces; pybtex still refuses unbalanced braces.
    """

    width = 0

    def quote(self, s: str) -> str:
        self.check_braces(s)
        return f"{{{s}}}"

    def _encode(self, text: str) -> str:
        return text

    def _write_field(self, stream: io.TextIOBase, type: str, value: str) -> None:
        lowered = value.strip().lower()
        month = type.lower() == "month" and (
            lowered in MONTHS or lowered in _FULL_MONTHS
        )
        shown = lowered[:3] if month else self.quote(value)
        stream.write(f",\n  {type.ljust(self.width)} = {shown}")

    def write_stream(self, bib_data: BibliographyData, stream: io.TextIOBase) -> None:
        names = [
            name
            for entry in bib_data.entries.values()
            for name in (*entry.persons, *entry.fields)
        ]
        self.width = max(map(len, names), default=0)
        super().write_stream(bib_data, stream)


def format_entry(
    key: str,
    kind: str,
    fields: Sequence[tuple[str, str]],
    persons: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """One BibTeX record, written by pybtex.

    ``fields`` are (name, BibTeX markup) in the order to write them; ``persons``
    maps a role (``author``) to names as BibTeX writes them ("Last, First", or
    "{Name}" for a name that is one unit). A ``month`` is written as its macro.
    """
    entry = Entry(
        kind,
        fields=list(fields),
        persons={
            role: [Person(n) for n in names] for role, names in (persons or {}).items()
        },
    )
    stream = io.StringIO()
    _BookStyle().write_stream(BibliographyData({key: entry}), stream)
    return stream.getvalue()
