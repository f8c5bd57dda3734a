"""SVG pictures that are pictures: no script, no handler, nothing loaded.

An SVG file is a document: opened on its own (a reader following the image's
address, the decks, the kit) it runs its ``<script>`` and its ``onload`` on the
site's origin, and WeasyPrint fetches what its ``<image>`` or ``url()`` name.
Each SVG a page shows is parsed (expat, with entity declarations refused as
defusedxml does, so an entity cannot expand a billion times or read a file)
and refused, at the line of the SVG that holds it, for ``<script>``,
``<foreignObject>`` (HTML inside the picture), an ``on...`` attribute, a
``javascript:`` address, and any reference out of the file: ``href``,
``xlink:href`` and ``url()`` may only name a ``#fragment`` of the same file
(a gradient, a symbol), and ``<image>`` an embedded PNG, JPEG, GIF or WebP
(``data:image/png;base64,...``). A link (``<a href>``) may go to a web page.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

from .safemarkup import Problem, css_problems, is_active, link_problem, normalised

_REFUSED_ELEMENTS = {
    "script": "a <script> runs code",
    "foreignobject": "a <foreignObject> holds HTML inside the picture",
    "iframe": "an <iframe> loads another page",
    "embed": "an <embed> loads another file",
    "object": "an <object> loads another file",
    "handler": "a <handler> runs code",
    "listener": "a <listener> runs code",
}
_EMBEDDED_PICTURE = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]")
_URL_IN_ATTRIBUTE = re.compile(r"url\(", re.IGNORECASE)
SVG_ADVICE = (
    "export the drawing again as a plain SVG (Inkscape: Save As, Optimized "
    "SVG, or File, Export, Plain SVG) with its pictures embedded, or as PNG"
)


Refuse = Callable[[str], None]


class _Refused(Exception):
    pass


def svg_problems(path: Path) -> list[Problem]:
    """What in the SVG file ``path`` runs or loads something, each at its line."""
    checker = _SvgChecker()
    try:
        opener = gzip.open if path.suffix.lower() == ".svgz" else open
        with opener(path, "rb") as stream:
            checker.parser.ParseFile(stream)
    except _Refused as refusal:
        checker.refuse(str(refusal))
    except (OSError, EOFError) as err:  # a .svgz that is not gzip data
        checker.problems.append(Problem(1, f"it cannot be read ({err})"))
    except expat.ExpatError as err:
        message = expat.errors.messages[err.code]
        checker.problems.append(
            Problem(err.lineno, f"it is not well-formed XML ({message})")
        )
    return checker.problems


class _SvgChecker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.in_style: list[bool] = []
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.EntityDeclHandler = self.no_entities
        parser.UnparsedEntityDeclHandler = self.no_entities
        parser.ExternalEntityRefHandler = self.no_entities
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser = parser

    def refuse(self, message: str) -> None:
        self.problems.append(Problem(self.parser.CurrentLineNumber, message))

    def no_entities(self, *args: object) -> None:
        raise _Refused("it declares an XML entity")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        element = name.rpartition(" ")[2]  # the namespace left out
        self.in_style.append(element == "style")
        if element.lower() in _REFUSED_ELEMENTS:
            self.refuse(_REFUSED_ELEMENTS[element.lower()])
        animated = next(
            (v for k, v in attributes.items() if k.endswith("attributeName")), ""
        )
        if animated.lower().rpartition(":")[2] == "href":
            # <set attributeName="href" to="..."> would load what it names.
            self.refuse(f"<{element}> changes an href while the picture is shown")
        for attribute, value in attributes.items():
            _attribute(element, attribute.rpartition(" ")[2], value, self.refuse)

    def end(self, name: str) -> None:
        self.in_style.pop()

    def text(self, data: str) -> None:
        if self.in_style and self.in_style[-1]:
            for problem in css_problems(data, local_ok=True):
                self.refuse(f"<style>: {problem}")


def _attribute(element: str, name: str, value: str, refuse: Refuse) -> None:
    if name.lower().startswith("on"):
        refuse(f"the event handler {name}= on <{element}> runs code")
    elif name == "href":
        _reference(element, value, refuse)
    elif name == "style":
        for problem in css_problems(value, local_ok=True):
            refuse(f"style= on <{element}>: {problem}")
    elif _URL_IN_ATTRIBUTE.search(value):
        for problem in css_problems(value, local_ok=True):
            refuse(f"{name}= on <{element}>: {problem}")
    elif is_active(value) and not _EMBEDDED_PICTURE.match(normalised(value)):
        # <set to="javascript:...">, <animate values="...">: code by the back door.
        refuse(f"{name}= on <{element}> holds an address that runs code")


def _reference(element: str, value: str, refuse: Refuse) -> None:
    """``href`` (``xlink:href`` too, namespaces stripped) of ``element``."""
    target = normalised(value)
    if target.startswith("#"):
        return
    if element == "a":
        problem = link_problem(value)
        if problem:
            refuse(f"href= on <a>: {problem}")
        return
    if element == "image" and _EMBEDDED_PICTURE.match(target):
        return
    refuse(
        f"href= on <{element}> names {value.strip()[:60]!r}, outside the file "
        "(only a #fragment of the same file, or an embedded picture)"
    )
