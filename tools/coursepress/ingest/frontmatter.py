"""YAML front matter of Markdown sources: split off, parsed, errors with lines."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import IngestError


def split_front_matter(text: str) -> tuple[dict[str, Any], list[str], int]:
    """Return (fields, body lines, line number of the first body line).

    A source without front matter gives ``{}`` and all its lines.
    """
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, lines, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in {"---", "..."}:
            break
    else:
        raise IngestError(
            "the front matter opened by '---' is never closed: add a '---' line "
            "after its fields",
            1,
        )
    fields = _parse("\n".join(lines[1:index]))
    return fields, lines[index + 1 :], index + 2


def _parse(yaml_text: str) -> dict[str, Any]:
    try:
        fields = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 2 if mark else 1
        raise IngestError(f"invalid YAML front matter: {err.problem}", line) from None
    except yaml.YAMLError as err:
        raise IngestError(f"invalid YAML front matter: {err}", 1) from None
    except RecursionError:
        raise IngestError("invalid YAML front matter: nested too deeply", 1) from None
    if fields is None:
        return {}
    if not isinstance(fields, dict):
        raise IngestError(
            "the front matter must be 'field: value' lines, not a "
            f"{type(fields).__name__}",
            2,
        )
    return {str(key): value for key, value in fields.items()}
