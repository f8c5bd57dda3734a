"""Outputs by audience: every builder says who reads it, and nothing else asks.

The transforms keep or remove facilitator material by ``audience()``; these
tests check that each builder of the course's projects has the audience its
readers need, and that no module of the extension decides by a builder's name
or class again (the question had eight answers before ``ext/audience.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import coursepress.ext
import pytest
from conftest import CourseTestApp, production_layout
from coursepress.ext.audience import Audience, Medium, audience, medium

EXT = Path(coursepress.ext.__file__).parent
#: Builder -> (audience, medium): what each output's readers are given.
EXPECTED = {
    "html": (Audience.READER, Medium.SITE),
    "dirhtml": (Audience.READER, Medium.SITE),
    "epub": (Audience.READER, Medium.FILE),
    "singlehtml": (Audience.READER, Medium.FILE),
    "linkcheck": (Audience.READER, Medium.FILE),
    "dummy": (Audience.READER, Medium.FILE),
    "coursepdf": (Audience.READER, Medium.PRINT),
    "workbookpdf": (Audience.READER, Medium.PRINT),
    "sheetpdf": (Audience.READER, Medium.PRINT),
    "guidepdf": (Audience.FACILITATOR, Medium.PRINT),
    "decks": (Audience.ROOM, Medium.DECKS),
    "revealjs": (Audience.ROOM, Medium.DECKS),
    "dirrevealjs": (Audience.ROOM, Medium.DECKS),
}
#: Modules that may look at a builder's name or class, and why.
ALLOWED = {
    # The answer itself: Sphinx's own builders are known by name.
    "audience.py",
    # A speed-up of the html builder's sidebar, tied to its page layout: a
    # question of how that builder writes, not of who reads it.
    "web/navcache.py",
    # Sphinx numbers a joined page's figures only for a builder named
    # "singlehtml": the print builders borrow that name while numbering.
    "compat.py",
}


#: Builders of the slides project (slides/conf.py); the rest are the book's.
SLIDES_BUILDERS = frozenset({"decks", "revealjs", "dirrevealjs"})


def _layout(rootdir: Path, name: str) -> dict[str, Path]:
    """The test course's folders for ``name``. The printable sheets' builder is
    set up by the book's extension too: the test course has no sheets project."""
    project = "decks" if name in SLIDES_BUILDERS else "html"
    return production_layout(rootdir / "test-course", project)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_each_builder_has_its_audience(rootdir, tmp_path, name, expected):
    app = CourseTestApp(name, **_layout(rootdir, name), builddir=tmp_path)
    try:
        assert (audience(app), medium(app)) == expected
        assert (audience(app.env), medium(app.env)) == expected
    finally:
        app.cleanup()


def test_the_course_builders_declare_theirs(rootdir, tmp_path):
    """Ours say it themselves; only Sphinx's and sphinx-revealjs's are mapped."""
    ours = {}
    for project in ("html", "decks"):  # the book's extension, then the slides'
        app = CourseTestApp(project, **_layout(rootdir, project), builddir=tmp_path)
        try:
            ours |= {
                name: builder
                for name, builder in app.registry.builders.items()
                if builder.__module__.startswith("coursepress.")
            }
        finally:
            app.cleanup()
    assert set(ours) >= {"coursepdf", "guidepdf", "workbookpdf", "sheetpdf", "epub"}
    assert "decks" in ours
    for name, builder in ours.items():
        assert isinstance(builder.course_audience, Audience), name
        assert isinstance(builder.course_medium, Medium), name


def _asks_for_a_builder(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "name":
        owner = node.value
        return (isinstance(owner, ast.Name) and owner.id == "builder") or (
            isinstance(owner, ast.Attribute) and owner.attr == "builder"
        )
    if isinstance(node, ast.Name):
        return node.id.endswith("_BUILDERS")
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "isinstance"
        and len(node.args) == 2
        and "Builder" in ast.unparse(node.args[1])
    )


def _builder_questions(tree: ast.AST) -> list[int]:
    """Lines that ask which builder this is: ``….builder.name``, a builder-name
    set, or ``isinstance(…, SomethingBuilder)``."""
    return sorted(node.lineno for node in ast.walk(tree) if _asks_for_a_builder(node))


def test_the_finder_sees_each_way_of_asking():
    source = (
        "a = app.builder.name == 'html'\n"
        "b = builder.name in X\n"
        "c = isinstance(app.builder, SingleFileHTMLBuilder)\n"
        "d = name in DECK_BUILDERS\n"
        "e = audience(app)\n"
    )
    assert _builder_questions(ast.parse(source)) == [1, 2, 3, 4]


def test_no_module_asks_for_a_builder_by_name():
    found = []
    for path in sorted(EXT.rglob("*.py")):
        relative = path.relative_to(EXT).as_posix()
        if relative in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"ext/{relative}:{line}" for line in _builder_questions(tree)]
    assert found == [], "ask ext/audience.py instead: " + ", ".join(found)
