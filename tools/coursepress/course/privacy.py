"""``[privacy]`` of ``course.toml``: the few sites a course may load pictures from.

Every page promises that nothing is loaded from other sites, and the build
refuses a remote picture (``ext/authoring/activecontent.py``). A course that
truly needs one names its site's origin here::

    [privacy]
    allow_remote = ["https://media.example.org"]

Only origins (``https://host`` or ``https://host:port``, no path): what a
reader's browser contacts. Nothing here lets anything run: scripts, event
handlers and ``javascript:`` have no exception.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import CourseFileError

_KEYS = ("allow_remote",)


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def load_allowed_origins(table: Any, text: str, path: Path) -> tuple[str, ...]:
    """The origins of ``[privacy] allow_remote``; a bad entry names its line."""
    if table is None:
        return ()
    table_line = _line_of(text, r"^\s*\[\s*privacy\s*\]|^\s*privacy\s*[=.]")
    if not isinstance(table, dict):
        raise CourseFileError(
            'privacy must be a table: [privacy] then allow_remote = ["https://..."]',
            path,
            table_line,
        )
    for key in table:
        if key not in _KEYS:
            raise CourseFileError(
                f"unknown key {key!r} in [privacy]: it has only allow_remote "
                "(check the spelling)",
                path,
                _line_of(text, rf"^\s*[\"']?{re.escape(key)}[\"']?\s*="),
            )
    origins = table.get("allow_remote", [])
    line = _line_of(text, r"^\s*allow_remote\s*=")
    if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
        raise CourseFileError(
            'allow_remote must be a list of addresses: ["https://media.example.org"]',
            path,
            line,
        )
    return tuple(_origin(value, text, path) for value in origins)


def _origin(value: str, text: str, path: Path) -> str:
    parts = urlsplit(value.strip())
    line = _line_of(text, re.escape(f'"{value}"')) if f'"{value}"' in text else 1
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme != "https"
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or port == -1
    ):
        raise CourseFileError(
            f"allow_remote {value!r} is not a site's origin: write https:// and the "
            "host name only, such as https://media.example.org (no path, no http:)",
            path,
            line,
        )
    return f"https://{parts.netloc.lower()}"
