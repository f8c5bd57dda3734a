"""The course's facts from ``book/course.toml``: title, author, address, crisis."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .bounds import plain_name_problem
from .crisis import CrisisLine, load_crisis
from .errors import CourseFileError, read_toml
from .privacy import load_allowed_origins
from .substitutions import load_substitutions


@dataclass(frozen=True)
class Course:
    title: str = "Course"
    subtitle: str = ""
    kind: str = ""
    author: str = ""
    language: str = "en"
    basename: str = "course"
    base_url: str = ""
    release: str = "0"
    copyright: str = ""
    content_note: str = ""
    agreements: tuple[str, ...] = ()
    crisis: tuple[CrisisLine, ...] = ()
    #: ``{{ name }}`` in MyST: (name, inline MyST), crisis numbers linked.
    substitutions: tuple[tuple[str, str], ...] = ()
    #: ``[privacy] allow_remote``: origins whose pictures a page may show.
    allow_remote: tuple[str, ...] = ()


# Names that can never serve the course (RFC 2606 and RFC 6761): a QR code or
# address on a slide pointing there would send participants nowhere.
RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "localhost")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


def published_url(base_url: str) -> str:
    """``base_url`` with a trailing slash, or "" when it cannot be a real address.

    Empty, not an http(s) address, or a reserved name (example.org and its
    subdomains, *.example, *.test, *.invalid, localhost): the course has no
    published address yet, and no output prints one.
    """
    url = base_url.strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return ""
    reserved = host.endswith(RESERVED_SUFFIXES) or any(
        host == name or host.endswith("." + name) for name in RESERVED_DOMAINS
    )
    return "" if reserved else url.rstrip("/") + "/"


# What may not stand in an address printed on slides, in the kit's README and
# in every page's head: quotes and angle brackets (markup), spaces and controls.
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>\\`{}|^\x00-\x1f\x7f]")


def _line_of(text: str, key: str) -> int:
    """The line of ``key = ...`` in a course.toml's ``text`` (1 when not found)."""
    match = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.M)
    return text[: match.start()].count("\n") + 1 if match else 1


#: A language tag as Sphinx and the EPUB want it (BCP 47: "en", "pt-BR", "de-CH").
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")


def check_file_names(data: dict[str, object], text: str, path: Path) -> None:
    """Refuse a ``basename`` or ``language`` that would lead out of its folder.

    ``basename`` names the PDF and the EPUB in ``build/<output>/`` and in
    ``downloads/``; Sphinx joins ``language`` to its translations' folders.
    """
    if "basename" in data:
        basename = str(data["basename"])
        problem = plain_name_problem(basename)
        if problem:
            raise CourseFileError(
                f"basename {basename!r} {problem}: it names the book's PDF and "
                "EPUB in the build and on the site, so write a plain file name "
                'without an extension, such as "my-course"',
                path,
                _line_of(text, "basename"),
            )
    if "language" in data:
        language = str(data["language"])
        if not _LANGUAGE_TAG.fullmatch(language):
            raise CourseFileError(
                f"language {language!r} is not a language tag: write one such "
                'as "en", "fr" or "pt-BR"',
                path,
                _line_of(text, "language"),
            )


def check_base_url(base_url: str, text: str, path: Path) -> None:
    """Refuse a ``base_url`` that is not a plain web address (CourseFileError).

    Empty and reserved names stay allowed: they mean "no address yet".
    """
    if not base_url:
        return
    match = re.search(r"^[ \t]*base_url[ \t]*=", text, re.M)
    line = text[: match.start()].count("\n") + 1 if match else 1
    parts = urlsplit(base_url)
    unsafe = _UNSAFE_IN_URL.search(base_url)
    if unsafe:
        raise CourseFileError(
            f"base_url has {unsafe.group()!r} in it: write the plain address where "
            "build/site is published, such as https://courses.example.org/my-course/",
            path,
            line,
        )
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise CourseFileError(
            "base_url must be a web address starting with https:// (or empty, "
            "for no address yet)",
            path,
            line,
        )
    if parts.username is not None or parts.password is not None:
        raise CourseFileError(
            "base_url holds a user name or password: it is printed on every "
            "closing slide and in the kit; write the address without them",
            path,
            line,
        )


def load_course(book_dir: Path) -> Course:
    """The course facts from ``book/course.toml`` (defaults where it is absent).

    Raises CourseFileError (file, line, what to do) for malformed crisis lines.
    """
    path = book_dir / "course.toml"
    if not path.is_file():
        return Course()
    data, text = read_toml(path)
    if not data:
        raise CourseFileError(
            "course.toml is empty: give at least the course's title, author and "
            "[[crisis]] lines (see the project's own course.toml)",
            path,
            1,
        )
    if "crisis_lines" in data:
        raise CourseFileError(
            "crisis_lines is now made from the [[crisis]] tables: move each line "
            "into one (see the crisis lines in the project's own course.toml)",
            path,
            text[: text.find("crisis_lines")].count("\n") + 1,
        )
    tables = {"crisis", "substitutions", "privacy"}
    known = set(Course.__dataclass_fields__) - tables - {"allow_remote"}
    for key in data:
        if key not in known | tables:
            match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]", text, re.M)
            raise CourseFileError(
                f"unknown key {key!r}: course.toml has "
                f"{', '.join(sorted(known))}, [[crisis]], [substitutions] and "
                "[privacy] (check the spelling)",
                path,
                text[: match.start()].count("\n") + 1 if match else 1,
            )
    check_file_names(data, text, path)
    crisis = load_crisis(data.get("crisis"), text, path)
    check_base_url(str(data.get("base_url", "")), text, path)
    return Course(
        **{
            key: tuple(map(str, value)) if isinstance(value, list) else str(value)
            for key, value in data.items()
            if key in known
        },
        crisis=crisis,
        substitutions=load_substitutions(data.get("substitutions"), crisis, text, path),
        allow_remote=load_allowed_origins(data.get("privacy"), text, path),
    )
