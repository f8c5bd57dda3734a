"""The benchmark's scenarios: each output, the floors, everything, rebuilds, nox.

Every figure comes from a fresh measuring process (``measure``), on a synthetic
course (``generate``) in a temporary folder, through ``coursepress build``
exactly as a maintainer runs it. The floors are the same content through
plain tools: ``sphinx-build -b html`` with Sphinx's ``basic`` theme, and plain
WeasyPrint on a ``basic`` single-page HTML.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..build import TARGETS
from ..course.facts import load_course
from .generate import edit_chapter, edit_facilitator_note, generate
from .measure import Measure, measure

EMPTY_NOXFILE = '''"""A nox session that does nothing: what starting one costs."""

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"


@nox.session(python="{python}")
def empty(session: nox.Session) -> None:
    """Nothing."""
'''


@dataclass
class Row:
    scenario: str  # what was run, e.g. "clean", "floor", "edit one chapter"
    output: str  # which output, e.g. "html", or "all"
    measure: Measure
    note: str = ""


@dataclass
class Run:
    """Every figure measured for one course size."""

    chapters: int
    rows: list[Row] = field(default_factory=list)

    def find(self, scenario: str, output: str) -> Measure | None:
        for row in self.rows:
            if row.scenario == scenario and row.output == output:
                return row.measure
        return None


def _coursepress(*args: str) -> list[str]:
    return [sys.executable, "-m", "coursepress", *args]


def _sphinx_floor(builder: str, root: Path, out: Path) -> list[str]:
    """Plain ``sphinx-build`` with the ``basic`` theme: no -n, -W or book theme."""
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-b",
        builder,
        "-D",
        "html_theme=basic",
        "-d",
        str(out / f"doctrees-{builder}"),
        str(root / "book"),
        str(out / builder),
    ]


def _weasyprint(html: Path, pdf: Path) -> list[str]:
    return [sys.executable, "-m", "weasyprint", "-q", str(html), str(pdf)]


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.is_file() else 0


def _downloads(root: Path) -> dict[str, Path]:
    """The book's PDF and EPUB, where their builders write them."""
    basename = load_course(root / "book").basename
    return {
        "pdf": root / "build" / "pdf" / f"{basename}.pdf",
        "epub": root / "build" / "epub" / f"{basename}.epub",
    }


def run_size(
    project: Path,
    workdir: Path,
    chapters: int,
    outputs: list[str],
    progress: Callable[[str], None],
    repeat: int = 1,
) -> Run:
    """Measure every scenario for a course of ``chapters`` chapters.

    Clean builds and floors run ``repeat`` times and keep the fastest: on a
    shared machine, the least disturbed run is the best estimate.
    """
    root = workdir / f"course-{chapters}"
    shutil.rmtree(root, ignore_errors=True)
    generate(project, root, chapters)
    run = Run(chapters)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    def step(
        scenario: str,
        output: str,
        command: list[str],
        times: int = 1,
        prepare: Callable[[], object] = lambda: None,
    ) -> Row:
        progress(f"{chapters} chapters: {scenario}: {output}")
        measures = []
        for _ in range(times):
            prepare()
            measures.append(measure(command, root, env))
        failed = [m for m in measures if m.returncode]
        best = failed[0] if failed else min(measures, key=lambda m: m.wall)
        row = Row(scenario, output, best)
        if row.measure.returncode:
            progress(f"  failed ({row.measure.returncode}):\n{row.measure.output}")
        run.rows.append(row)
        return row

    # Each output alone, from nothing.
    def clean() -> None:
        shutil.rmtree(root / "build", ignore_errors=True)

    for name in outputs:
        command = _coursepress("--root", str(root), "build", name)
        step("clean", name, command, repeat, clean)
    # The floors: the same content through plain Sphinx and plain WeasyPrint.
    floor = root / "build" / "floor"

    def clean_floor() -> None:
        shutil.rmtree(floor, ignore_errors=True)

    html_floor = _sphinx_floor("html", root, floor)
    step("floor", "html (basic theme)", html_floor, repeat, clean_floor)
    single = _sphinx_floor("singlehtml", root, floor)
    step("floor", "singlehtml (basic theme)", single, repeat, clean_floor)
    step(
        "floor",
        "WeasyPrint (basic singlehtml)",
        _weasyprint(floor / "singlehtml" / "index.html", floor / "floor.pdf"),
        repeat,
    )
    # Everything at once, from nothing, then again with nothing changed.
    step(
        "clean",
        "all",
        _coursepress("--root", str(root), "build", *outputs),
        repeat,
        clean,
    )
    step("no change", "all", _coursepress("--root", str(root), "build", *outputs))
    if "pdf" in outputs:
        ours = root / "build" / "pdf" / "index.html"
        step(
            "WeasyPrint only",
            "pdf (plain WeasyPrint on our print HTML)",
            _weasyprint(ours, root / "build" / "plain.pdf"),
        )
    # An author edits the prose of one chapter: each output rebuilt on its own.
    edit_chapter(root)
    downloads = _downloads(root)
    for name in outputs:
        before = _mtime(downloads[name]) if name in downloads else 0
        row = step(
            "edit one chapter", name, _coursepress("--root", str(root), "build", name)
        )
        if name in downloads:
            changed = _mtime(downloads[name]) != before
            row.note = "rewritten" if changed else "not rewritten"
    # A facilitator note only: the decks change, the book's PDF and EPUB do not.
    edit_facilitator_note(root)
    before = {name: _mtime(path) for name, path in downloads.items()}
    row = step(
        "edit a facilitator note",
        "all",
        _coursepress("--root", str(root), "build", *outputs),
    )
    row.note = ", ".join(
        f"{name} {'rewritten' if _mtime(path) != before[name] else 'not rewritten'}"
        for name, path in downloads.items()
        if name in outputs
    )
    return run


def run_nox(
    project: Path, workdir: Path, root: Path, progress: Callable[[str], None]
) -> list[Row]:
    """``nox -s build`` with nothing changed, against a nox session doing nothing.

    Each is run once first, untimed: that creates (or reuses) its environment
    and, for ``build``, brings the course's outputs up to date.
    """
    nox = shutil.which("nox")
    if nox is None:
        progress("nox is not on PATH: the nox figures are left out")
        return []
    empty = workdir / "nox-empty"
    empty.mkdir(exist_ok=True)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    (empty / "noxfile.py").write_text(EMPTY_NOXFILE.format(python=python))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("VIRTUAL_ENV", None)  # nox refuses some backends inside another venv
    commands = {
        "empty session": [nox, "-f", str(empty / "noxfile.py"), "-s", "empty"],
        "build, nothing changed": [
            nox,
            "-f",
            str(project / "noxfile.py"),
            "-s",
            "build",
            "--",
            "--root",
            str(root),
        ],
    }
    rows = []
    for name, command in commands.items():
        progress(f"nox: {name} (first run, untimed)")
        warm = measure(command, project, env)
        if warm.returncode:
            progress(f"  failed ({warm.returncode}):\n{warm.output}")
            return rows
        progress(f"nox: {name}")
        rows.append(Row("nox", name, measure(command, project, env)))
    return rows


def all_outputs() -> list[str]:
    return list(TARGETS)
