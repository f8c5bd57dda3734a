"""YAML front matter of exercise files, with line numbers for every error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)


class FrontMatterError(ValueError):
    """Bad front matter; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Document:
    """A MyST file split into its front matter and body."""

    fields: dict[str, Any]
    body: str
    body_line: int  # 1-based line number of the first body line
    field_lines: dict[str, int]


def read_document(path: Path) -> Document:
    """Split ``path`` into front matter and body, or raise FrontMatterError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise FrontMatterError(
            f"not UTF-8 (byte {err.start}): save the file as UTF-8", 1
        ) from err
    match = _FENCE.match(text)
    if not match:
        raise FrontMatterError(
            "no front matter: start the file with a '---' line, its fields "
            "and a closing '---' line",
            1,
        )
    yaml_text = match.group(1)
    try:
        fields = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as err:
        line = (err.problem_mark.line + 2) if err.problem_mark else 1
        raise FrontMatterError(
            f"invalid YAML front matter: {err.problem}", line
        ) from err
    if not isinstance(fields, dict):
        raise FrontMatterError("front matter must be a mapping of 'field: value'", 2)
    field_lines = {}
    for offset, raw in enumerate(yaml_text.splitlines()):
        key = raw.split(":", 1)[0].strip()
        if raw[:1] not in " \t-#" and key in fields:
            field_lines.setdefault(key, offset + 2)
    body_line = text.count("\n", 0, match.end()) + 1
    return Document(fields, text[match.end() :], body_line, field_lines)
