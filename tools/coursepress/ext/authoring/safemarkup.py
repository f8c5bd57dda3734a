"""Raw HTML, CSS and addresses a page may carry: harmless ones only, no Sphinx.

The course promises its readers that nothing runs and nothing is loaded from
other sites. Raw HTML in a chapter (MyST passes it through) could break that
promise, so it is held to an allowlist: a few tags and attributes that only
shape text, links that are links, and no script, frame, embed, form, style
sheet, event handler or remote resource. The markup is read with Python's HTML
tokenizer (the one BeautifulSoup's ``html.parser`` uses), which decodes
entities; an address is then compared as a browser reads it, with whitespace
and control characters removed and the case folded, so ``java&#x09;script:``
and `` JaVaScRiPt:`` are caught. CSS is tokenized with tinycss2 (WeasyPrint's
own CSS parser), so escapes such as ``u\\72l(`` cannot hide a ``url()``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import tinycss2

#: Tags that only shape text, with the attributes each may carry beyond
#: ``GLOBAL_ATTRIBUTES``. Anything else is refused: the course's sources use
#: raw HTML for little more than a ``<span class>`` or a ``<kbd>``.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    **{
        name: frozenset()
        for name in (
            "span", "div", "p", "br", "wbr", "hr", "em", "strong", "b", "i",
            "u", "s", "small", "mark", "sub", "sup", "kbd", "code", "samp",
            "var", "dfn", "bdi", "bdo", "ruby", "rt", "rp", "ul", "li", "dl",
            "dt", "dd", "caption", "thead", "tbody", "tfoot", "tr", "figure",
            "figcaption", "summary", "section", "aside", "pre", "cite",
            "h1", "h2", "h3", "h4", "h5", "h6", "table",
        )
    },
    "a": frozenset({"href", "rel", "target", "hreflang"}),
    "abbr": frozenset(),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    # MyST writes each task list box (``- [x] done``) as raw HTML.
    "input": frozenset({"type", "checked", "disabled"}),
}  # fmt: skip
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden"})
#: Prefixes of attribute names that carry data or labels, never behaviour.
GLOBAL_PREFIXES = ("aria-", "data-")
#: Attributes that hold an address a reader follows (checked, not loaded).
LINK_ATTRIBUTES = frozenset({"href", "cite"})
#: Attributes that make a browser load something.
RESOURCE_ATTRIBUTES = frozenset(
    {"src", "srcset", "poster", "action", "formaction", "xlink:href", "background",
     "lowsrc", "dynsrc", "codebase", "data", "manifest", "ping", "imagesrcset"}
)  # fmt: skip
#: Schemes a link may use; no scheme is a page of the course.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
#: Schemes that run code or carry a document of their own: never, anywhere.
ACTIVE_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha"})
#: CSS functions that load something or run code.
_CSS_LOADERS = frozenset(
    {"url", "image", "image-set", "-webkit-image-set", "cross-fade", "element",
     "expression", "src", "paint"}
)  # fmt: skip
#: CSS properties that bound behaviour to an element in old browsers.
_CSS_BEHAVIOURS = frozenset({"behavior", "-moz-binding"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# What browsers strip from an address before reading its scheme: ASCII
# whitespace and C0 controls anywhere, and the rest of the controls.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")
# A belt to the parser's braces: an event handler however the tag is spelled.
_EVENT_HANDLER = re.compile(r"[\s/\"'<]on[a-z]+\s*=", re.IGNORECASE)

HTML_ADVICE = (
    "write it in MyST instead: raw HTML may only shape text (span, em, kbd, sub, "
    "abbr...), nothing may run and nothing be loaded from other sites "
    "(AUTHORING.md, 'Nothing runs, nothing from other sites')"
)
RESOURCE_ADVICE = (
    "put the file in the project and show it by its file name (AUTHORING.md, "
    "'Images'); nothing is loaded from other sites"
)


@dataclass(frozen=True)
class Problem:
    """What is wrong, on which line of the fragment (1 is its first line)."""

    line: int
    message: str


def normalised(address: str) -> str:
    """``address`` as a browser reads its scheme: entities decoded, whitespace
    and control characters removed, backslashes as slashes, lower case."""
    return _IGNORED_IN_URL.sub("", html.unescape(address)).replace("\\", "/").lower()


def scheme_of(address: str) -> str:
    """The scheme of ``address`` ("" for a relative address or a fragment)."""
    match = _SCHEME.match(normalised(address))
    return match.group(1) if match else ""


def is_active(address: str) -> bool:
    """Whether following or loading ``address`` runs code (javascript:, data:...)."""
    return scheme_of(address) in ACTIVE_SCHEMES


def origin_of(address: str) -> str:
    """``scheme://host[:port]`` of a remote address, or "" for a local one."""
    text = normalised(address)
    if text.startswith("//"):
        text = "https:" + text
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def is_remote(address: str) -> bool:
    """Whether ``address`` names something on another machine (``//host`` too)."""
    scheme = scheme_of(address)
    if normalised(address).startswith("//"):
        return True
    return bool(scheme) and scheme != "file" and scheme not in ACTIVE_SCHEMES


def resource_problem(address: str, allowed: Iterable[str] = ()) -> str | None:
    """Why a browser or the build may not load ``address`` (an image, a style
    sheet...), or None. ``allowed`` are origins the course lets through."""
    shown = address.strip()
    if is_active(address):
        kind = scheme_of(address)
        return f"{shown[:60]!r} is a {kind}: address, which {_active_kind(kind)}"
    if is_remote(address):
        origin = origin_of(address)
        if origin and origin in allowed:
            return None
        return f"{shown[:60]!r} is loaded from another site ({origin or shown})"
    if scheme_of(address) == "file":
        return f"{shown[:60]!r} is a file: address on the build machine"
    return None


def link_problem(address: str) -> str | None:
    """Why a reader may not be sent to ``address``, or None."""
    if is_active(address):
        kind = scheme_of(address)
        return f"the link {address.strip()[:60]!r} {_active_kind(kind)}"
    scheme = scheme_of(address)
    if scheme and scheme not in LINK_SCHEMES:
        return (
            f"the link {address.strip()[:60]!r} uses {scheme}:, which a reader "
            "cannot open (links are web pages, mailto:, tel: or sms:)"
        )
    return None


def _active_kind(scheme: str) -> str:
    if scheme == "data":
        return "carries a document of its own (data: is refused)"
    return f"runs code ({scheme}: is refused)"


def css_problems(
    css: str, allowed: Iterable[str] = (), local_ok: bool = False
) -> list[str]:
    """What in a ``style`` value loads something or runs code.

    ``local_ok``: ``url(#id)`` (an SVG gradient or filter in the same file)
    is allowed; every other ``url()`` is refused.
    """
    problems: list[str] = []
    for token in _css_tokens(tinycss2.parse_component_value_list(css)):
        if token.type == "at-keyword" and token.lower_value == "import":
            problems.append("@import loads a style sheet")
        elif token.type == "ident" and token.lower_value in _CSS_BEHAVIOURS:
            problems.append(f"{token.value} attaches behaviour")
        elif token.type == "url":
            problems.extend(_css_url_problem(token.value, allowed, local_ok))
        elif token.type == "function" and token.lower_name in _CSS_LOADERS:
            target = next(
                (t.value for t in token.arguments if t.type in ("string", "url")), ""
            )
            if token.lower_name == "url":
                problems.extend(_css_url_problem(target, allowed, local_ok))
            else:
                problems.append(f"{token.name}() loads or runs something")
    return problems


def _css_url_problem(target: str, allowed: Iterable[str], local_ok: bool) -> list[str]:
    if local_ok and target.strip().startswith("#"):
        return []
    problem = resource_problem(target, allowed) or "it names another file"
    return [f"url({target[:60]}) loads a file: {problem}"]


def _css_tokens(tokens: Iterable) -> Iterator:
    """Every CSS token, into blocks and functions (their arguments too)."""
    for token in tokens:
        yield token
        if token.type in ("() block", "[] block", "{} block"):
            yield from _css_tokens(token.content)
        elif token.type == "function":
            yield from _css_tokens(token.arguments)


class _Checker(HTMLParser):
    def __init__(self, allowed: Iterable[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = tuple(allowed)
        self.problems: list[Problem] = []
        self.text: list[tuple[int, str]] = []

    def _refuse(self, message: str) -> None:
        self.problems.append(Problem(self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed_attributes = ALLOWED_TAGS.get(tag)
        if allowed_attributes is None:
            self._refuse(f"<{tag}> is not allowed ({_why(tag)})")
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "", allowed_attributes)
        if tag == "input" and dict(attrs).get("type") != "checkbox":
            self._refuse("<input> is allowed only as a task list box (- [ ] item)")

    handle_startendtag = handle_starttag

    def _attribute(
        self, tag: str, name: str, value: str, allowed: frozenset[str]
    ) -> None:
        if name.startswith("on"):
            self._refuse(f"the event handler {name}= on <{tag}> runs code")
        elif name == "style":
            for problem in css_problems(value, self.allowed):
                self._refuse(f"style= on <{tag}>: {problem}")
        elif name in LINK_ATTRIBUTES and (name in allowed):
            problem = link_problem(value)
            if problem:
                self._refuse(f"{name}= on <{tag}>: {problem}")
        elif name in RESOURCE_ATTRIBUTES:
            problem = resource_problem(value, self.allowed) or "refused in raw HTML"
            self._refuse(f"{name}= on <{tag}> loads a file: {problem}")
        elif not (
            name in allowed
            or name in GLOBAL_ATTRIBUTES
            or name.startswith(GLOBAL_PREFIXES)
        ):
            self._refuse(f"the attribute {name}= is not allowed on <{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append((self.getpos()[0], data))

    def handle_comment(self, data: str) -> None:
        # Published in every page's source (and parsed differently by some
        # browsers): a note to oneself is a MyST comment, which is not.
        self._refuse("an HTML comment <!-- --> is published in the page's source")

    def handle_decl(self, decl: str) -> None:
        self._refuse(f"<!{decl[:20]}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self._refuse(f"<![{data[:20]}> is not allowed")

    def handle_pi(self, data: str) -> None:
        self._refuse(f"<?{data[:20]}> is not allowed")


def _why(tag: str) -> str:
    if tag in ("script", "noscript", "template"):
        return "nothing may run"
    if tag in ("iframe", "frame", "frameset", "object", "embed", "applet", "portal"):
        return "nothing may be loaded from other sites: link to the page instead"
    if tag in ("img", "picture", "source", "video", "audio", "track", "svg", "image"):
        return "show a picture with ![description](file.png) or {figure}"
    if tag in ("style", "link"):
        return "styles belong in the theme, not in a page"
    if tag in ("base", "meta"):
        return "it changes how the whole page loads"
    if tag in ("form", "button", "select", "textarea", "option", "fieldset"):
        return "the course has no forms; a printable sheet uses {fill-in}"
    return "only tags that shape text are"


def html_problems(markup: str, allowed: Iterable[str] = ()) -> list[Problem]:
    """Everything in ``markup`` that is not harmless, each at its line."""
    checker = _Checker(allowed)
    checker.feed(markup)
    checker.close()
    problems = checker.problems
    if not any("event handler" in problem.message for problem in problems):
        match = _EVENT_HANDLER.search(markup)
        if match:
            line = markup.count("\n", 0, match.start()) + 1
            problems.append(Problem(line, "an event handler (on...=) runs code"))
    # The tokenizer gives a tag it cannot finish back as text; a browser would
    # finish it with what follows on the page.
    text = "".join(data for _, data in checker.text)
    unfinished = re.search(r"<[A-Za-z/!?]", text)
    if unfinished:
        line = next(
            (line for line, data in checker.text if "<" in data), checker.text[0][0]
        )
        problems.append(
            Problem(
                line,
                f"{text[unfinished.start() :][:30]!r} is a tag never closed "
                "with '>' (write &lt; for a less-than sign)",
            )
        )
    return problems
