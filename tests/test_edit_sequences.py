"""Whatever was built before, the next build publishes what a clean build does.

Random sequences of what authors do (edit, add, remove and rename chapters,
pictures, printable sheets and exercises, commit), each followed by
``coursepress build all`` in the same checkout; after every step the published
site and kit are compared, file by file and byte for byte, with a clean build of
the same sources in another folder. The sequences are seeded: a failure names
its seed and steps.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import run_coursepress
from PIL import Image
from test_removed_sources import CHAPTER, SHEET, SHEETS_CONF

PLAN_END = '"home:ex-other", "check-out"'


@dataclass
class Course:
    """The sources' state, enough to choose a next step that keeps them valid."""

    root: Path
    plan: str  # the format's text as the tests found it
    chapters: dict[int, str] = field(default_factory=dict)  # module -> file stem
    pictures: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    counter: int = 0

    def next(self) -> int:
        self.counter += 1
        return self.counter

    def write_plan(self) -> None:
        modules = sorted(self.chapters)
        text = self.plan.replace(
            PLAN_END, PLAN_END.replace(", ", ", " + "".join(f"{m}, " for m in modules))
        )
        text = text.replace("length = 90", f"length = {90 + 10 * len(modules)}", 1)
        (self.root / "slides" / "formats" / "short.toml").write_text(text, "utf-8")


def _chapters(course: Course) -> Path:
    return course.root / "book" / "chapters"


def add_chapter(course: Course, rng: random.Random) -> bool:
    free = [m for m in (4, 5) if m not in course.chapters]
    if not free:
        return False
    module, n = rng.choice(free), course.next()
    stem = f"0{module}-added-{n}"
    text = CHAPTER.format(
        module=module,
        label=f"ch-added-{n}",
        title=f"Added chapter {n}",
        marker=f"ADDED-{n}-TEXT",
        extra="",
    )
    (_chapters(course) / f"{stem}.md").write_text(text, encoding="utf-8")
    course.chapters[module] = stem
    course.write_plan()
    return True


def _added(course: Course, rng: random.Random) -> int | None:
    """The module of an added chapter, chosen at random, or None."""
    return rng.choice(sorted(course.chapters)) if course.chapters else None


def remove_chapter(course: Course, rng: random.Random) -> bool:
    if (module := _added(course, rng)) is None:
        return False
    (_chapters(course) / f"{course.chapters.pop(module)}.md").unlink()
    course.write_plan()
    return True


def rename_chapter(course: Course, rng: random.Random) -> bool:
    if (module := _added(course, rng)) is None:
        return False
    stem = f"0{module}-renamed-{course.next()}"
    (_chapters(course) / f"{course.chapters[module]}.md").rename(
        _chapters(course) / f"{stem}.md"
    )
    course.chapters[module] = stem
    return True


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit_text(course: Course, rng: random.Random) -> bool:
    where = rng.choice(
        [
            course.root / "book" / "chapters" / "03-sample.md",
            course.root / "exercises" / "ex-other.md",
            *(course.root / "book" / "sheets" / f"{s}.md" for s in course.sheets),
        ]
    )
    _append(where, f"\nEDIT-{course.next()} is new here.\n")
    return True


def add_picture(course: Course, rng: random.Random) -> bool:
    n = course.next()
    name = f"picture-{n}.png"
    Image.new("RGB", (30, 20), (rng.randrange(256), 40, 90)).save(
        _chapters(course) / name
    )
    _append(_chapters(course) / "03-sample.md", f"\n![Picture {n}]({name})\n")
    course.pictures.append(name)
    return True


def _take(names: list[str], rng: random.Random) -> str | None:
    """One of ``names``, removed from the list, or None if there is none."""
    return names.pop(rng.randrange(len(names))) if names else None


def remove_picture(course: Course, rng: random.Random) -> bool:
    if (name := _take(course.pictures, rng)) is None:
        return False
    chapter = _chapters(course) / "03-sample.md"
    text = chapter.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if f"]({name})" in line)
    chapter.write_text(text.replace(f"\n{line}\n", "\n"), encoding="utf-8")
    (_chapters(course) / name).unlink()
    return True


def add_sheet(course: Course, rng: random.Random) -> bool:
    sheets = course.root / "book" / "sheets"
    if not sheets.is_dir():
        sheets.mkdir()
        (sheets / "conf.py").write_text(SHEETS_CONF, encoding="utf-8")
        (sheets / "index.md").write_text(
            "# Printable sheets\n\n```{toctree}\n:hidden:\n:glob:\n\n*\n```\n", "utf-8"
        )
    n = course.next()
    name = f"sheet-{n}"
    text = SHEET.format(name=f"Sheet {n}", order=n, marker=f"SHEET-{n}-TEXT")
    (sheets / f"{name}.md").write_text(text, encoding="utf-8")
    course.sheets.append(name)
    return True


def remove_sheet(course: Course, rng: random.Random) -> bool:
    # The last one stays: a sheets folder holds at least one sheet.
    if len(course.sheets) < 2 or (name := _take(course.sheets, rng)) is None:
        return False
    (course.root / "book" / "sheets" / f"{name}.md").unlink()
    return True


def new_commit(course: Course, rng: random.Random) -> bool:
    """A commit: the build dates its outputs from it (nothing else changes)."""
    os.environ["SOURCE_DATE_EPOCH"] = str(1700000000 + 86400 * course.next())
    return True


STEPS: list[Callable[[Course, random.Random], bool]] = [
    add_chapter,
    remove_chapter,
    rename_chapter,
    edit_text,
    add_picture,
    remove_picture,
    add_sheet,
    remove_sheet,
    new_commit,
]


def _published(root: Path) -> dict[str, str]:
    """The digest of every published file, and of every member of the kit."""
    site = (root / "build" / "site").resolve()
    found = {
        f"site/{p.relative_to(site)}": hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }
    kit = (root / "build" / "workshop-kit.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(kit)) as archive:
        for member in archive.namelist():
            digest = hashlib.sha256(archive.read(member)).hexdigest()
            found[f"kit/{member}"] = digest
    found["kit"] = hashlib.sha256(kit).hexdigest()
    return found


def _build(root: Path) -> dict[str, str]:
    result = run_coursepress(root, "build", "all")
    assert result.returncode == 0, result.stderr
    return _published(root)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_every_build_after_edits_equals_a_clean_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    rng = random.Random(seed)
    plan = (project / "slides" / "formats" / "short.toml").read_text("utf-8")
    course = Course(project, plan)
    add_sheet(course, rng)  # a sheet from the start, so sheets can go
    _build(project)
    done: list[str] = []
    for step in range(4):
        while True:
            change = rng.choice(STEPS)
            if change(course, rng):
                break
        done.append(change.__name__)
        after = _build(project)
        clean = tmp_path / f"clean-{step}"
        for part in ("book", "exercises", "slides"):
            shutil.copytree(project / part, clean / part)
        expected = _build(clean)
        differ = sorted(
            name
            for name in after.keys() | expected.keys()
            if after.get(name) != expected.get(name)
        )
        assert differ == [], f"seed {seed}, after {done}: {differ}"
        shutil.rmtree(clean)
