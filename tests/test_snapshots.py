"""What each audience's builder makes of every course directive, as doctree snapshots.

The small course (tests/roots/test-course) is built in-process once per builder:
readers (``html``, ``epub``, ``coursepdf``), participants in print
(``workbookpdf``), facilitators (``guidepdf``) and the room (``decks``). For each
directive, the node subtrees it became in each build (after every post-transform,
as the writer sees them) are compared with ``tests/snapshots/<directive>.txt``.
A change of behaviour shows as a readable diff; after an intended one, rewrite
them with ``nox -s tests -- tests/test_snapshots.py --update-snapshots`` and read
the diff before committing it.

A directive's subtree is found from the marker word in its content (or its
exercise id, or its class): the largest node around the marker whose text holds
no other marker of the test course. "(not shown)" means the audience never sees
it, which is the point for facilitator notes and debriefs. A text's trailing
space is written as U+2423, so no editor strips it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, CourseTestApp, production_layout, warnings_of
from coursepress.ext.authoring.activecontent import WITHOUT_URL
from coursepress.ext.authoring.paths import CHECKED_DIRECTIVES
from coursepress.ext.authoring.unsupported import INSTEAD
from docutils import nodes
from docutils.parsers.rst import directives as docutils_directives

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
#: Audience builders, in the order the snapshots list them.
BUILDERS = ("html", "epub", "coursepdf", "workbookpdf", "guidepdf", "decks")
#: Builders whose ``finish`` renders PDFs with WeasyPrint (the decks: each
#: session's slides with notes): every doctree is resolved before it.
RENDERING = frozenset({"coursepdf", "workbookpdf", "guidepdf", "decks"})
#: Marker words of the test course: FACILITATOR-SECTION-TEXT, SOLO-TEXT...
MARKER = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")

#: The printable sheets' directives: their own project (book/sheets/conf.py).
SHEET_DIRECTIVES = frozenset({"write-space", "fill-in", "new-page", "choices"})
#: Directive names registered by coursepress in the audience builds.
REGISTERED: set[str] = set()

#: Directive -> how to find what it became: ("marker", word), ("id", exercise
#: name) or ("class", class name).
DIRECTIVES: dict[str, list[tuple[str, str]]] = {
    "content-note": [("marker", "CONTENT-NOTE-TEXT")],
    "objectives": [("marker", "OBJECTIVE-TEXT")],
    "keypoints": [("marker", "KEYPOINT-TEXT")],
    "discussion": [("marker", "DISCUSSION-TEXT")],
    "slide": [("marker", "SLIDE-BULLET-TEXT"), ("marker", "SECOND-SLIDE-BULLET")],
    "facilitator": [
        ("marker", "FACILITATOR-INTRO-TEXT"),
        ("marker", "FACILITATOR-SECTION-TEXT"),
    ],
    "exercise": [("id", "ex-sample"), ("id", "ex-other")],
    "prompts": [("marker", "PROMPT-TEXT")],
    "debrief": [("marker", "DEBRIEF-TEXT")],
    "solo": [("marker", "SOLO-TEXT")],
    "crisis-lines": [("marker", "CRISIS-LINE-TEXT")],
    "course-sources": [("class", "course-sources")],
    "course-downloads": [("class", "course-downloads")],
    "dropdown": [("marker", "DROPDOWN-TEXT")],
    "margin": [("marker", "MARGIN-TEXT")],
}


def _markers(node: nodes.Node) -> set[str]:
    return set(MARKER.findall(node.astext()))


def _around_marker(tree: nodes.document, word: str) -> list[nodes.Element]:
    """For each text holding ``word``: its largest ancestor holding no other marker."""
    found: list[nodes.Element] = []
    for text in tree.findall(nodes.Text):
        if word not in text:
            continue
        node = text.parent
        while (
            node.parent is not None
            and not isinstance(node.parent, nodes.document)
            and _markers(node.parent) <= {word}
        ):
            node = node.parent
        if not any(node is seen for seen in found):
            found.append(node)
    return found


def _by_id(tree: nodes.document, node_id: str) -> list[nodes.Element]:
    return [n for n in tree.findall(nodes.Element) if node_id in n.get("ids", [])][:1]


def _by_class(tree: nodes.document, name: str) -> list[nodes.Element]:
    return [n for n in tree.findall(nodes.Element) if name in n.get("classes", [])]


FINDERS: dict[str, Callable[[nodes.document, str], list[nodes.Element]]] = {
    "marker": _around_marker,
    "id": _by_id,
    "class": _by_class,
}


def _pformat(node: nodes.Element) -> str:
    text = node.pformat(indent="  ").replace(str(ROOT), "<root>")
    # A space ending a text is shown (a space a line ends with is easily lost).
    return "\n".join(
        line.rstrip(" ") + "\u2423" * (len(line) - len(line.rstrip(" ")))
        for line in text.rstrip().splitlines()
    )


@pytest.fixture(scope="session")
def doctrees(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, dict[str, nodes.document]]:
    """Every resolved doctree of each audience's build: builder -> docname -> tree."""
    result: dict[str, dict[str, nodes.document]] = {}
    for builder in BUILDERS:
        trees: dict[str, nodes.document] = {}
        app = CourseTestApp(
            builder,
            builddir=tmp_path_factory.mktemp(f"snapshot-{builder}"),
            **production_layout(ROOT, builder),
        )
        try:
            # After every other handler (the sources list is filled in at this
            # event): the tree as the writer gets it.
            app.connect(
                "doctree-resolved",
                lambda _app, tree, docname, trees=trees: trees.__setitem__(
                    docname, tree.deepcopy()
                ),
                priority=900,
            )
            if builder in RENDERING:
                # WeasyPrint renders are the full tier's business; the doctrees
                # are complete before them.
                app.builder.finish = lambda: None  # type: ignore[method-assign]
            app.build()
            assert warnings_of(app) == "", (builder, warnings_of(app))
            REGISTERED.update(
                name
                for name, directive in docutils_directives._directives.items()
                if getattr(directive, "__module__", "").startswith("coursepress")
            )
        finally:
            app.cleanup()
        result[builder] = trees
    return result


def snapshot(directive: str, doctrees: dict[str, dict[str, nodes.document]]) -> str:
    lines = [
        f"# What {{{directive}}} becomes in each audience's build of the test course.",
        "# Made by tests/test_snapshots.py: rewrite with --update-snapshots.",
    ]
    for builder in BUILDERS:
        lines += ["", f"== {builder} =="]
        shown = []
        for docname, tree in sorted(doctrees[builder].items()):
            for how, key in DIRECTIVES[directive]:
                for node in FINDERS[how](tree, key):
                    shown.append(f"-- {docname}: {how} {key}\n{_pformat(node)}")
        lines += shown or ["(not shown)"]
    return "\n".join(lines) + "\n"


def test_every_directive_has_a_snapshot(
    doctrees: dict[str, dict[str, nodes.document]],
) -> None:
    """A new directive of the extension needs a row in DIRECTIVES (and a use in
    the test course), or its behaviour would go unrecorded."""
    assert "facilitator" in REGISTERED  # the registry was read
    refused = set(INSTEAD)  # each only fails the build, saying what to use
    refused |= set(WITHOUT_URL)  # docutils' own, with :url: refused
    checked = set(CHECKED_DIRECTIVES)  # Sphinx's own, with a path check
    assert REGISTERED - SHEET_DIRECTIVES - refused - checked - {
        "printable-sheets"
    } == set(DIRECTIVES)


@pytest.mark.parametrize("directive", sorted(DIRECTIVES))
def test_directive_snapshot(
    directive: str,
    doctrees: dict[str, dict[str, nodes.document]],
    request: pytest.FixtureRequest,
) -> None:
    path = SNAPSHOTS / f"{directive}.txt"
    actual = snapshot(directive, doctrees)
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path.name}: run with --update-snapshots"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"snapshots/{path.name}",
                "this build",
            )
        )
        pytest.fail(
            f"{{{directive}}} changed (if intended: --update-snapshots)\n{diff}",
            pytrace=False,
        )
