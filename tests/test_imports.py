"""The package's modules import each other without a cycle.

Read from the sources with ``ast`` (nothing is imported), every import counts,
also those only made for type checking: a cycle there is two modules that need
each other, which is the design fault this test guards against. A package's
``__init__`` importing its own modules is the one exception Python itself makes
(importing ``a.b`` runs ``a/__init__.py`` first), so the parent a module sits in
is not counted as one of its imports.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import coursepress

PACKAGE = Path(coursepress.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["coursepress", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The package's modules that ``name`` imports, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import mod`` imports the module pkg.mod, if there is one.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            # ``import a.b.c`` of a name that is not a module: its module.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imports(name, path, known)) for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's method)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_finder_sees_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_relative_and_type_only_imports():
    graph = import_graph()
    # ``from .fingerprint import ...`` and ``from ..compat import ...``
    assert (
        "coursepress.publishing.fingerprint"
        in graph["coursepress.publishing.incremental"]
    )
    assert "coursepress.ext.nodes" in graph["coursepress.ext.readers"]
    # ``from coursepress import __version__`` is the package, not a module in it.
    assert "coursepress" in graph["coursepress.ext"]


def test_no_import_cycles():
    cycles = find_cycles(import_graph())
    assert cycles == [], "modules that import each other: " + "; ".join(
        " <-> ".join(group) for group in cycles
    )
