"""Build the outputs with strict Sphinx runs and publish them to ``build/site``.

Each output is its own ``sphinx-build`` process (so two run at once on two
cores) with its own output and doctree folders (so rebuilds are incremental).
Only when every requested build succeeded is ``build/site`` replaced, by a
rename: a failed build leaves the published site as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coursepress import incremental

from .console import Console
from .course.crisis import CourseFileError
from .course.facts import load_course, published_url
from .course.layout import (
    DOWNLOADS,
    PRINTABLES,
    SESSION_PDF_FOLDER,
    SLIDES,
    Layout,
    Manifest,
)
from .kit.bundle import write_kit


@dataclass(frozen=True)
class Target:
    name: str
    builder: str
    confdir: str | None = None  # None: the source folder's own conf.py
    source: str = "book"

    def command(self, root: Path) -> list[str]:
        layout = Layout(root)
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-n",  # nitpicky: every cross-reference must resolve
            "-W",  # warnings are errors...
            "--keep-going",  # ...but report all of them, not just the first
            "-q",  # only warnings and errors
            "-b",
            self.builder,
            "-d",
            str(layout.doctrees(self.name)),  # outside the published output
        ]
        if self.confdir:
            command += ["-c", str(root / self.confdir)]
        return [*command, str(root / self.source), str(layout.output(self.name))]


TARGETS: dict[str, Target] = {
    "html": Target("html", "html"),
    "slides": Target("slides", "decks", confdir="slides"),
    "pdf": Target("pdf", "coursepdf"),
    "epub": Target("epub", "epub"),
    "guide": Target("guide", "guidepdf"),
    "workbook": Target("workbook", "workbookpdf"),
    "sheets": Target("sheets", "sheetpdf", source="book/sheets"),
}


@dataclass(frozen=True)
class Outcome:
    target: Target
    returncode: int
    output: str
    seconds: float


def run_target(target: Target, root: Path) -> Outcome:
    start = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.run(
        target.command(root),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = (process.stdout + process.stderr).strip()
    return Outcome(target, process.returncode, output, time.perf_counter() - start)


def forget_environment(root: Path, target: Target) -> None:
    """After a failed build, its next run reads every page again.

    Sphinx saves what it read before its checks after reading (consistency,
    formats, drafts) run, and on the next run reads only changed pages, so those
    checks would not run and the unchanged, still broken sources would pass.
    """
    pickle = Layout(root).doctrees(target.name) / "environment.pickle"
    pickle.unlink(missing_ok=True)


def last_commit_time(root: Path) -> str | None:
    """The time of the sources' last commit (seconds since 1970), if they have one."""
    try:
        process = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None  # no git here (a source archive): the build's own time is used
    stamp = process.stdout.strip()
    return stamp if process.returncode == 0 and stamp.isdigit() else None


def date_the_build(root: Path) -> None:
    """Date every output from the last commit, unless SOURCE_DATE_EPOCH is set.

    Sphinx dates the EPUB from SOURCE_DATE_EPOCH and, when that year is older than
    the current one, rewrites the copyright year to it; the zips are dated from it
    too. The last commit's time makes builds of one commit alike and gives them
    that commit's year. Set here, it also reaches the fingerprints and the kit.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    stamp = last_commit_time(root)
    if stamp is not None:
        os.environ["SOURCE_DATE_EPOCH"] = stamp


def build(names: list[str], root: Path, console: Console, jobs: int = 2) -> int:
    """Build ``names`` (keys of TARGETS), then publish; return an exit code."""
    date_the_build(root)
    # A project without printable sheets (book/sheets/conf.py) has no sheets to build.
    targets = [
        TARGETS[name]
        for name in names
        if TARGETS[name].confdir or (root / TARGETS[name].source / "conf.py").is_file()
    ]
    warn_without_address(root, console)
    # Outputs whose inputs did not change are skipped; the rest start longest first.
    plan = incremental.plan(targets, root)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(lambda t: run_target(t, root), plan.stale))
    plan.record(root, outcomes)
    for name in plan.fresh:
        console.info(f"{name:7} {'ok':6} unchanged")
    failed = [o for o in outcomes if o.returncode != 0]
    for outcome in failed:
        forget_environment(root, outcome.target)
    for outcome in outcomes:
        state = "failed" if outcome.returncode else "ok"
        console.info(f"{outcome.target.name:7} {state:6} {outcome.seconds:6.1f} s")
        if outcome.output:
            console.info(_indent(outcome.output))
    if failed:
        names = ", ".join(o.target.name for o in failed)
        console.error(
            f"the {names} build failed: fix the files named above. "
            "build/site was left as it was."
        )
        return 1
    if not outcomes and incremental.site_is_current(root, TARGETS):
        console.info("build/site is up to date")
        return 0
    publish(root, console)
    incremental.record_site(root, TARGETS)
    return 0


def warn_without_address(root: Path, console: Console) -> None:
    """Say loudly that the course has no published address (not an error).

    A course may be built long before it has a home; its outputs then leave
    the address and QR code out rather than print one that leads nowhere.
    """
    try:
        configured = load_course(Layout(root).book).base_url
    except CourseFileError:
        return  # the builds report it, with the file and line
    if published_url(configured):
        return
    found = (
        f"base_url = {configured!r} is a placeholder"
        if configured
        else "base_url is empty"
    )
    console.warning(
        f"no published address: in book/course.toml, {found}. Decks, handouts and "
        "the workshop kit leave the book's address and QR code out. Set base_url "
        "to the https:// address where build/site is published."
    )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _reusing(previous: Path, source_root: Path) -> Callable[[str, str], object]:
    """A ``copytree`` copy function that hard-links files unchanged since ``previous``.

    Only ``publish`` ever writes into ``build/site``, so a published file with the
    same size and modification time as its source (``copy2`` keeps the time) is
    the same file: linking it costs nothing, and the old site can still be
    removed. Sources are never linked: Sphinx rewrites its outputs in place.
    """

    def copy(source: str, destination: str) -> object:
        new = Path(source)
        old = previous / new.relative_to(source_root)
        try:
            new_status, old_status = new.stat(), old.stat()
            if (new_status.st_size, new_status.st_mtime_ns) == (
                old_status.st_size,
                old_status.st_mtime_ns,
            ):
                Path(destination).hardlink_to(old)
                return destination
        except OSError:
            pass  # not published before, or no hard links here: copy it
        return shutil.copy2(source, destination)

    return copy


def publish(root: Path, console: Console) -> Path:
    """Assemble ``build/site`` from the outputs built so far, then swap it in."""
    layout = Layout(root)
    build_dir = layout.build
    course = load_course(layout.book)
    site, old = layout.site, build_dir / ".site-old"
    staging = build_dir / ".site-staging"
    shutil.rmtree(staging, ignore_errors=True)
    html = layout.output("html")
    if html.is_dir():
        # _sources stays empty (html_copy_source is off): nothing there to publish.
        ignore = shutil.ignore_patterns(".buildinfo*", "_sources")
        shutil.copytree(
            html, staging, ignore=ignore, copy_function=_reusing(site, html)
        )
    else:
        staging.mkdir(parents=True)
    slides = layout.output("slides")
    if slides.is_dir():
        # The decks' builder keeps working files beside them: publish only decks.
        ignore = shutil.ignore_patterns(".*", "_sources", "objects.inv")
        shutil.copytree(
            slides,
            staging / SLIDES,
            ignore=ignore,
            copy_function=_reusing(site / SLIDES, slides),
        )
    downloads = staging / DOWNLOADS
    for source in (
        *(layout.built(output) for output in Manifest(course.basename).downloads),
        # Each session's slides with notes (ext/session_print.py).
        *sorted((slides / SESSION_PDF_FOLDER).glob("*.pdf")),
    ):
        if source.is_file():
            downloads.mkdir(exist_ok=True)
            _reusing(site / DOWNLOADS, source.parent)(
                str(source), str(downloads / source.name)
            )
    sheets = sorted(layout.output("sheets").glob("*.pdf"))
    if sheets:
        printables = staging / PRINTABLES
        printables.mkdir(parents=True, exist_ok=True)
        for source in sheets:
            _reusing(site / PRINTABLES, source.parent)(
                str(source), str(printables / source.name)
            )
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    write_kit(
        site,
        layout.kit,
        course.title,
        published_url(course.base_url),
    )
    console.info(f"published {site.relative_to(root)}/")
    return site
