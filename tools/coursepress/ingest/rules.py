"""Load the chrome and metadata rules: the default file plus the user's extensions."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..course.nesting import toml_too_deep_line, too_deep
from .errors import UsageError

_WHERE = {"anywhere", "edge"}
_LINE_KEYS = {"name", "pattern", "tail", "where", "hint", "disabled"}


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern[str]
    tail: bool = False
    where: str = "anywhere"
    hint: str | None = None


@dataclass(frozen=True)
class Rules:
    lines: tuple[LineRule, ...]
    edge_lines: int
    bio: re.Pattern[str]
    bio_roles: tuple[str, ...]
    bio_keywords: tuple[str, ...]
    tagline_max_words: int
    header_max_lines: int
    comment_by: re.Pattern[str]
    byline: re.Pattern[str]
    episode: re.Pattern[str]
    date_prefix: re.Pattern[str]
    profile_paths: tuple[re.Pattern[str], ...]
    sites: dict[str, str]
    html_drop_elements: frozenset[str]
    html_drop_attributes: re.Pattern[str]
    heading_max_words: int
    heading_max_chars: int
    closing_heading: str

    def match_line(self, text: str, at_edge: bool = True) -> LineRule | None:
        """The first chrome rule that matches the whole of ``text``, if any."""
        for rule in self.lines:
            if (at_edge or rule.where != "edge") and rule.pattern.search(text):
                return rule
        return None


def load_rules(extra: Iterable[Path] = ()) -> Rules:
    """The default rules extended by each file in ``extra``; UsageError if bad."""
    default = resources.files(__package__).joinpath("rules.toml").read_text("utf-8")
    data = _parse(default, "the default rules.toml")
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"{path}: cannot read the rules file: {err}") from None
        data = _merge(data, _parse(text, str(path)), str(path))
    return _build(data)


def _parse(text: str, origin: str) -> dict[str, Any]:
    deep_line = toml_too_deep_line(text)
    if deep_line is not None:  # tomllib would end in a RecursionError
        raise UsageError(f"{origin}:{deep_line}: {too_deep()}")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"{origin}: not a valid TOML rules file: {err}") from None


def _merge(base: dict[str, Any], extra: dict[str, Any], origin: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key == "line":
            merged["line"] = _merge_line_rules(base.get("line", []), value, origin)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value, origin)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            merged[key] = [*base[key], *value]
        else:
            merged[key] = value
    return merged


def _merge_line_rules(base: list[Any], extra: Any, origin: str) -> list[Any]:
    if not isinstance(extra, list):
        raise UsageError(f"{origin}: 'line' must be a list of [[line]] tables")
    by_name = {rule.get("name"): rule for rule in base}
    for rule in extra:
        if not isinstance(rule, dict) or not isinstance(rule.get("name"), str):
            raise UsageError(f"{origin}: every [[line]] rule needs a name = '...'")
        by_name[rule["name"]] = rule  # same name: the extension replaces it
    return list(by_name.values())


def _regex(pattern: Any, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise UsageError(f"rules: {where} must be a regular expression in quotes")
    try:
        return re.compile(pattern)
    except re.error as err:
        raise UsageError(f"rules: {where}: bad regular expression: {err}") from None


def _int(section: dict[str, Any], key: str, where: str) -> int:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"rules: {where}.{key} must be a whole number")
    return value


def _strings(section: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"rules: {where}.{key} must be a list of strings")
    return tuple(value)


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"rules: [{key}] must be a table")
    return value


def _line_rule(raw: dict[str, Any]) -> LineRule | None:
    name = raw["name"]
    unknown = set(raw) - _LINE_KEYS
    if unknown:
        raise UsageError(
            f"rules: line rule {name!r} has unknown keys {sorted(unknown)}; "
            f"the keys are {sorted(_LINE_KEYS)}"
        )
    if raw.get("disabled") is True:
        return None
    where = raw.get("where", "anywhere")
    if where not in _WHERE:
        raise UsageError(
            f"rules: line rule {name!r}: where must be one of {sorted(_WHERE)}"
        )
    hint = raw.get("hint")
    if hint is not None and not isinstance(hint, str):
        raise UsageError(f"rules: line rule {name!r}: hint must be a string")
    return LineRule(
        name=name,
        pattern=_regex(raw.get("pattern"), f"line rule {name!r}"),
        tail=raw.get("tail") is True,
        where=where,
        hint=hint,
    )


def _build(data: dict[str, Any]) -> Rules:
    lines = []
    for raw in data.get("line", []):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise UsageError("rules: every [[line]] rule needs a name = '...'")
        rule = _line_rule(raw)
        if rule is not None:
            lines.append(rule)
    bio, tagline, header = (_section(data, k) for k in ("bio", "tagline", "header"))
    html, structure, sites = (_section(data, k) for k in ("html", "structure", "sites"))
    if not all(isinstance(v, str) for v in sites.values()):
        raise UsageError("rules: [sites] maps host names to platform names in quotes")
    closing = structure.get("closing_heading")
    if not isinstance(closing, str) or not closing.strip():
        raise UsageError("rules: structure.closing_heading must be a heading text")
    return Rules(
        lines=tuple(lines),
        edge_lines=_int(data, "edge_lines", "rules"),
        bio=_regex(bio.get("pattern"), "bio.pattern"),
        bio_roles=_strings(bio, "roles", "bio"),
        bio_keywords=_strings(bio, "keywords", "bio"),
        tagline_max_words=_int(tagline, "max_words", "tagline"),
        header_max_lines=_int(header, "max_lines", "header"),
        comment_by=_regex(header.get("comment_by"), "header.comment_by"),
        byline=_regex(header.get("byline"), "header.byline"),
        episode=_regex(header.get("episode"), "header.episode"),
        date_prefix=_regex(header.get("date_prefix"), "header.date_prefix"),
        profile_paths=tuple(
            _regex(p, "header.profile_paths")
            for p in _strings(header, "profile_paths", "header")
        ),
        sites={host.lower(): name for host, name in sites.items()},
        html_drop_elements=frozenset(
            e.lower() for e in _strings(html, "drop_elements", "html")
        ),
        html_drop_attributes=_regex(
            html.get("drop_attributes"), "html.drop_attributes"
        ),
        heading_max_words=_int(structure, "heading_max_words", "structure"),
        heading_max_chars=_int(structure, "heading_max_chars", "structure"),
        closing_heading=closing.strip(),
    )
