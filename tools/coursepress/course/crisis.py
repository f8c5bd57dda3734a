"""Crisis lines: read from ``book/course.toml``'s ``[[crisis]]`` tables, checked once.

Every place that shows a crisis line (the crisis page, the crisis handout, the
workbook, the decks' closing slides) is made from these records, so a number is
typed in one place only. A record that is incomplete or malformed fails the
build with the file and the line: a wrong number on a crisis page is worse than
no page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CourseFileError
from .invisible import first_invisible

FIELDS = {
    "group": 'the heading it goes under, e.g. "Suicidal feelings"',
    "region": 'where it answers, e.g. "UK and Ireland"',
    "service": "the service's name (may be empty for an emergency number)",
    "by": "the organisation that runs it",
    "call": 'phone numbers as people dial them, e.g. ["116 123"]',
    "text": 'numbers to text: "988", or { number = "88788", word = "START" }',
    "web": 'a web address without https://, e.g. "988lifeline.org"',
    "email": 'addresses: "a@b.org", or { address = "a@b.org", region = "UK" }',
    "hours": 'when it answers and what it costs, e.g. "free, 24/7"',
    "for": 'who it is for, e.g. "for men being abused"',
    "about": "one short phrase about what it offers",
}
_NUMBER = re.compile(r"^\+?[0-9][0-9 -]*[0-9]$")
_WEB = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/[\w./-]*)?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[\w.+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE)
_WORD = re.compile(r"^[A-Za-z0-9]+$")


@dataclass(frozen=True)
class Text:
    number: str
    word: str = ""

    @property
    def uri(self) -> str:
        body = f"?body={self.word}" if self.word else ""
        return f"sms:{digits(self.number)}{body}"

    @property
    def label(self) -> str:
        return f"{self.word} to {self.number}" if self.word else self.number


@dataclass(frozen=True)
class Email:
    address: str
    region: str = ""


@dataclass(frozen=True)
class CrisisLine:
    group: str
    region: str
    service: str = ""
    by: str = ""
    call: tuple[str, ...] = ()
    text: tuple[Text, ...] = ()
    web: str = ""
    email: tuple[Email, ...] = ()
    hours: str = ""
    for_whom: str = ""
    about: str = ""

    def plain(self) -> str:
        """One line of text, for places that take strings (a deck's last slide).

        A number's spaces and hyphens do not break ("0808 2000 247" stays whole
        on a slide), so they are no-break spaces and no-break hyphens.
        """
        calls = [whole(n) for n in self.call]
        texts = [whole(t.label) for t in self.text]
        contact = []
        if calls and texts == calls:
            contact.append("call or text " + " or ".join(calls))
        else:
            contact += calls
            contact += ["text " + label for label in texts]
        details = [self.by, self.for_whom, self.hours, self.web]
        head = ", ".join(part for part in (self.service, *contact) if part)
        if not head:  # a service known only by its web address
            head, details = self.web, [d for d in details if d != self.web]
        extra = ", ".join(d for d in details if d)
        result = f"{self.region}: {head}" + (f" ({extra})" if extra else "")
        if self.email:
            result += ", email " + " or ".join(
                f"{e.address} ({e.region})" if e.region else e.address
                for e in self.email
            )
        return result


def whole(number: str) -> str:
    """``number`` with no-break spaces and hyphens: never split across lines."""
    return number.replace(" ", "\u00a0").replace("-", "\u2011")


def digits(number: str) -> str:
    """The form a ``tel:`` or ``sms:`` link dials: digits (and a leading +)."""
    return re.sub(r"[^0-9+]", "", number)


def tel_uri(number: str) -> str:
    return "tel:" + digits(number)


def groups(lines: tuple[CrisisLine, ...]) -> list[tuple[str, list[CrisisLine]]]:
    """The lines by group, groups in the order they first appear."""
    result: dict[str, list[CrisisLine]] = {}
    for line in lines:
        result.setdefault(line.group, []).append(line)
    return list(result.items())


def load_crisis(data: Any, text: str, path: Path) -> tuple[CrisisLine, ...]:
    """The ``[[crisis]]`` tables of ``course.toml``, or raise CourseFileError."""
    if data is None:
        return ()
    headers = [
        text.count("\n", 0, m.start()) + 1
        for m in re.finditer(r"^[ \t]*\[\[[ \t]*crisis[ \t]*\]\]", text, re.MULTILINE)
    ]
    if not isinstance(data, list) or not headers:
        raise CourseFileError(
            "'crisis' must be a list of [[crisis]] tables, one per crisis line",
            path,
            _line_of(text, r"^\s*crisis\s*="),
        )
    lines = []
    for index, raw in enumerate(data):
        start = headers[index] if index < len(headers) else 1
        end = headers[index + 1] if index + 1 < len(headers) else text.count("\n") + 2
        lines.append(_crisis_line(raw, text, path, start, end))
    return tuple(lines)


def _line_of(text: str, pattern: str, after_line: int = 1, before_line: int = 0) -> int:
    rows = text.splitlines()
    last = min(before_line - 1, len(rows)) if before_line else len(rows)
    for number in range(after_line, last + 1):
        if re.search(pattern, rows[number - 1]):
            return number
    return after_line


def _crisis_line(raw: Any, text: str, path: Path, start: int, end: int) -> CrisisLine:
    def fail(message: str, key: str = "") -> CourseFileError:
        line = (
            _line_of(text, rf"^\s*{re.escape(key)}\s*=", start, end) if key else start
        )
        return CourseFileError(f"crisis line: {message}", path, line)

    if not isinstance(raw, dict):
        raise fail("each crisis line is a [[crisis]] table of 'key = value' lines")
    for key in raw:
        if key not in FIELDS:
            known = ", ".join(FIELDS)
            raise fail(f"unknown field {key!r}; the fields are: {known}", key)

    def string(key: str, required: bool = False) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise fail(f"{key!r} must be text in quotes: {FIELDS[key]}", key)
        if required and not value.strip():
            raise fail(f"{key!r} is missing: {FIELDS[key]}", key)
        hidden = first_invisible(value)
        if hidden:
            raise fail(
                f"{key!r} holds an invisible control character ({hidden}), which "
                "can make the text show differently from what it says: type the "
                "text again without it",
                key,
            )
        return value.strip()

    def listed(key: str) -> list[Any]:
        value = raw.get(key, [])
        return value if isinstance(value, list) else [value]

    group, region = string("group", True), string("region", True)
    calls = []
    for number in listed("call"):
        if not isinstance(number, str) or not _NUMBER.match(number):
            raise fail(f"{number!r} is not a phone number: {FIELDS['call']}", "call")
        calls.append(number)
    texts = []
    for item in listed("text"):
        if isinstance(item, str):
            item = {"number": item}
        number, word = (
            (item.get("number"), item.get("word", ""))
            if isinstance(item, dict)
            else (None, "")
        )
        if (
            not isinstance(number, str)
            or not _NUMBER.match(number)
            or not (isinstance(word, str) and (not word or _WORD.match(word)))
        ):
            raise fail(f"{item!r} is not a text line: {FIELDS['text']}", "text")
        texts.append(Text(number, word))
    emails = []
    for item in listed("email"):
        if isinstance(item, str):
            item = {"address": item}
        address = item.get("address") if isinstance(item, dict) else None
        where = item.get("region", "") if isinstance(item, dict) else ""
        if (
            not isinstance(address, str)
            or not _EMAIL.match(address)
            or not isinstance(where, str)
        ):
            raise fail(f"{item!r} is not an email address: {FIELDS['email']}", "email")
        emails.append(Email(address, where))
    web = string("web")
    if web and not _WEB.match(web):
        raise fail(f"{web!r} is not a web address: {FIELDS['web']}", "web")
    service = string("service")
    if not (calls or texts or web or service):
        raise fail("give at least a service name, a number or a web address", "group")
    return CrisisLine(
        group=group,
        region=region,
        service=service,
        by=string("by"),
        call=tuple(calls),
        text=tuple(texts),
        web=web,
        email=tuple(emails),
        hours=string("hours"),
        for_whom=string("for"),
        about=string("about"),
    )
