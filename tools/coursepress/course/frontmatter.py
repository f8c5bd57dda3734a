"""The YAML front matter of a course file, with the exact line of every field.

One reader for chapters, exercises, printable sheets and ``coursepress prose``:
the ``---`` block is composed by PyYAML into nodes first, so every field (and
every item of a list field) keeps the line it was written on, and a message can
point there. The typed front matter of each kind of file is in ``chapter.py``,
``exercise.py`` and ``sheet.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CourseFileError, read_text
from .nesting import DepthLimitedLoader, too_deep

_FENCE = re.compile(
    r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE
)
_STR = "tag:yaml.org,2002:str"


class FrontMatterError(CourseFileError):
    """Front matter that cannot be read; ``line`` is 1-based in the file."""


@dataclass(frozen=True)
class Document:
    """A MyST file split into its front matter and its body."""

    path: Path
    fields: dict[str, Any]
    body: str
    body_line: int  # 1-based line number of the first body line
    field_lines: dict[str, int] = field(default_factory=dict)
    #: For a list field, the line of each of its items.
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def line(self, key: str, index: int | None = None) -> int:
        """The line of field ``key`` (or of its ``index``-th item); else line 1."""
        items = self.item_lines.get(key, ())
        if index is not None and index < len(items):
            return items[index]
        return self.field_lines.get(key, 1)

    def error(
        self, message: str, key: str = "", index: int | None = None
    ) -> CourseFileError:
        """A problem with field ``key`` (of its ``index``-th item), at its line."""
        return CourseFileError(message, self.path, self.line(key, index))


def read_document(path: Path, required: bool = True) -> Document:
    """Split ``path`` into front matter and body, or raise FrontMatterError.

    With ``required`` False a file without front matter is all body.
    """
    try:
        text = read_text(path, "utf-8-sig")
    except CourseFileError as err:
        raise FrontMatterError(err.message, path, err.line) from err
    return parse_document(text, path, required)


def parse_document(text: str, path: Path, required: bool = True) -> Document:
    """``read_document`` for text already read (``path`` names it in messages)."""
    match = _FENCE.match(text)
    if not match:
        if text.startswith("---") and text.split("\n", 1)[0].strip() == "---":
            raise FrontMatterError(
                "the front matter opened by '---' is never closed: add a '---' "
                "line after its fields",
                path,
                1,
            )
        if not required:
            return Document(path, {}, text, 1)
        raise FrontMatterError(
            "no front matter: start the file with a '---' line, its fields "
            "and a closing '---' line",
            path,
            1,
        )
    fields, field_lines, item_lines = _parse(match.group(1), path)
    body_line = text.count("\n", 0, match.end()) + 1
    return Document(
        path, fields, text[match.end() :], body_line, field_lines, item_lines
    )


def _parse(
    yaml_text: str, path: Path
) -> tuple[dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]]:
    """Fields, their lines and their list items' lines (the block starts on line 2)."""
    loader = DepthLimitedLoader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "not YAML"
        # An error found at the end of the block (a bracket never closed) is
        # reported on the block's last line, not on the closing '---'.
        last = yaml_text.rstrip("\n").count("\n") + 2
        line = min(mark.line + 2, last) if mark else 1
        raise FrontMatterError(
            f"invalid YAML front matter: {problem}", path, line
        ) from None
    except yaml.YAMLError as err:
        raise FrontMatterError(f"invalid YAML front matter: {err}", path, 2) from None
    except RecursionError:  # only if called from a very deep stack already
        raise FrontMatterError(
            f"invalid YAML front matter: {too_deep()}", path, 2
        ) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise FrontMatterError(
            "front matter must be 'field: value' lines, one field a line", path, 2
        )
    field_lines: dict[str, int] = {}
    item_lines: dict[str, tuple[int, ...]] = {}
    for key_node, value_node in node.value if node is not None else ():
        line = key_node.start_mark.line + 2
        key = key_node.value
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise FrontMatterError(
                "a field's name must be a word, such as 'title'", path, line
            )
        if key in field_lines:
            raise FrontMatterError(
                f"field {key!r} is given twice (also on line {field_lines[key]}): "
                "keep one",
                path,
                line,
            )
        field_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = tuple(
                item.start_mark.line + 2 for item in value_node.value
            )
    return data, field_lines, item_lines
