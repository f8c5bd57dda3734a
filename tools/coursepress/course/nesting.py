"""How deeply an author's TOML or YAML may nest, found before a parser recurses.

tomllib and PyYAML's composer call themselves once per level of ``[`` or ``{``
(and PyYAML once per level of indentation too), so a 30 KB ``x = [[[[…]]]]``
ends in a ``RecursionError`` traceback with no file or line. No course file
needs more than a few levels; the limit is far below the depth at which the
parsers run out of stack (about 350 levels of inline tables in tomllib on
Python 3.11, less inside a Sphinx build's deeper stack).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: The deepest nesting of arrays and tables (TOML) or lists and mappings (YAML)
#: an author's file may have.
MAX_NESTING = 100

# What changes the depth, or starts something in which brackets do not count.
_TOML_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}\n]")
# The rest of a string, from just after its opening quote(s) to its end. A
# multi-line string may end with up to two quotes of its own before the three.
_TOML_STRING_END = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"[^'\n]*'"),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*""""{0,2}', re.DOTALL),
    "'''": re.compile(r"(?:[^']|'(?!''))*''''{0,2}"),
}


def too_deep(limit: int = MAX_NESTING) -> str:
    """The message for a file nested deeper than ``limit``."""
    return (
        f"nested too deeply: at most {limit} levels of brackets, braces or "
        "indented lists: write the values out flat (no course file needs more "
        "than a few levels)"
    )


def toml_too_deep_line(text: str, limit: int = MAX_NESTING) -> int | None:
    """The 1-based line where ``text``'s brackets first nest deeper than ``limit``.

    None if they never do. Brackets inside strings and comments do not count; a
    string never closed stops the scan (tomllib reports it at its line).
    """
    depth, line, position = 0, 1, 0
    while match := _TOML_TOKEN.search(text, position):
        token, position = match.group(), match.end()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > limit:
                return line
        elif token in "]}":
            depth = max(depth - 1, 0)
        elif token == "#":
            end = text.find("\n", position)
            position = len(text) if end < 0 else end
        else:
            rest = _TOML_STRING_END[token].match(text, position)
            if rest is None:
                return None
            line += rest.group().count("\n")
            position = rest.end()
    return None


class DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nodes nested deeper than MAX_NESTING.

    ``compose_node`` is the composer's one recursive step (PyYAML 6.0); the
    limit is checked there, with the mark of the node that goes too deep.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, too_deep(), event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
