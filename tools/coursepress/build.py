"""Build the outputs with strict Sphinx runs and publish them to ``build/site``.

Each output is its own ``sphinx-build`` process (so two run at once on two
cores) with its own output and doctree folders (so rebuilds are incremental).
Only when every requested build succeeded is ``build/site`` replaced, by a
rename: a failed build leaves the published site as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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
from .files import naming
from .kit.bundle import write_kit
from .netguard import ENV_VAR as NO_NETWORK
from .publishing import incremental
from .publishing.failures import describe
from .publishing.generations import Generations
from .publishing.lock import build_lock


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


class _Children:
    """The Sphinx processes running now, to stop them when the build is stopped.

    Ctrl-C in a terminal reaches them anyway (they are in its process group),
    but SIGTERM from CI, or SIGINT sent to coursepress alone, does not: without
    this they would run on as orphans and write after coursepress has gone.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self.stopping = False

    def run(self, command: list[str], cwd: Path) -> tuple[int, str]:
        # No builder may open a connection (netguard.py).
        env = {**os.environ, "PYTHONUNBUFFERED": "1", NO_NETWORK: "1"}
        with self._lock:
            if self.stopping:
                return -signal.SIGTERM, ""
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            self._running.add(process)
        try:
            output, _ = process.communicate()
        finally:
            with self._lock:
                self._running.discard(process)
        return process.returncode, output

    def stop(self) -> None:
        """Terminate every running build and wait for it (killed after 10 s)."""
        with self._lock:
            self.stopping = True
            running = list(self._running)
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


_CHILDREN = _Children()


def run_target(target: Target, root: Path) -> Outcome:
    start = time.perf_counter()
    unfinished = _unfinished_marker(root, target)
    unfinished.parent.mkdir(parents=True, exist_ok=True)
    unfinished.touch()
    returncode, output = _CHILDREN.run(target.command(root), root)
    if returncode >= 0:  # it ran to its end (a signal gives a negative code)
        unfinished.unlink(missing_ok=True)
    return Outcome(target, returncode, output.strip(), time.perf_counter() - start)


def _unfinished_marker(root: Path, target: Target) -> Path:
    """Present while ``target``'s Sphinx runs: a build killed midway leaves it."""
    return Layout(root).doctrees(target.name) / ".unfinished"


def recover_unfinished(root: Path, target: Target) -> None:
    """A build killed while writing may have left a page half-written in its
    output folder, newer than its source, which Sphinx would then keep: its next
    run reads and writes every page again."""
    marker = _unfinished_marker(root, target)
    if marker.exists():
        forget_environment(root, target)
        marker.unlink()


def forget_environment(root: Path, target: Target) -> None:
    """The next run of ``target`` reads and writes every page again: after a
    failed build, or when the code that builds changed (``incremental``).

    After a failure: Sphinx saves what it read before its checks after reading
    (consistency, formats, drafts) run, and on the next run reads only changed
    pages, so those checks would not run and the unchanged, still broken sources
    would pass.
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
    """Build ``names`` (keys of TARGETS), then publish; return an exit code.

    One build at a time per project (``publishing.lock``). Ctrl-C, SIGTERM, a
    full disk or a read-only folder end it with one line and exit status 130,
    143 or 1; ``build/site`` is then the last site published whole.
    """
    layout = Layout(root)
    try:
        with _terminate_as_interrupt(), build_lock(layout.build, console.info):
            return _build(names, root, console, jobs)
    except KeyboardInterrupt as stop:
        code = 143 if isinstance(stop, Terminated) else 130
        console.error(
            "stopped: nothing more was published; build/site is the last site "
            "published whole"
        )
        return code
    except OSError as err:
        console.error(describe(err, root))
        return 1
    except CourseFileError as err:
        console.error(f"{err}")
        return 1


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, ``kill``): stopped as Ctrl-C stops a build."""


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a test): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _build(names: list[str], root: Path, console: Console, jobs: int) -> int:
    date_the_build(root)
    # A project without printable sheets (book/sheets/conf.py) has no sheets to build.
    targets = [
        TARGETS[name]
        for name in names
        if TARGETS[name].confdir or (root / TARGETS[name].source / "conf.py").is_file()
    ]
    warn_without_address(root, console)
    for target in targets:
        recover_unfinished(root, target)
    # Outputs whose inputs did not change are skipped; the rest start longest first.
    plan = incremental.plan(targets, root)
    for target in plan.stale:
        if target.name in plan.reread:
            forget_environment(root, target)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        try:
            outcomes = list(pool.map(lambda t: run_target(t, root), plan.stale))
        except BaseException:
            # Before the pool's exit waits for its threads, and so for the builds.
            _CHILDREN.stop()
            raise
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
        with naming(Path(destination)):
            return shutil.copy2(source, destination)

    return copy


def publish(root: Path, console: Console) -> Path:
    """Assemble the site and its kit from the outputs built so far, then swap
    both in at once (``publishing.generations``); return ``build/site``."""
    layout = Layout(root)
    course = load_course(layout.book)
    generations = Generations(layout.build, layout.site.name, layout.kit.name)
    previous = generations.current()
    staging = generations.stage()
    try:
        site = staging / layout.site.name
        _assemble(layout, course.basename, site, previous and previous / site.name)
        write_kit(
            site,
            staging / layout.kit.name,
            course.title,
            published_url(course.base_url),
            earlier=previous and previous / layout.kit.name,
        )
        generations.commit(staging)
    except BaseException:
        generations.discard(staging)
        raise
    console.info(f"published {layout.site.relative_to(root)}/")
    return layout.site


def _assemble(layout: Layout, basename: str, site: Path, previous: Path | None) -> None:
    """``site`` from the builders' output folders; files unchanged since the
    ``previous`` site are linked from it rather than copied."""
    before = previous or site  # nothing published before: nothing to link
    html = layout.output("html")
    if html.is_dir():
        # _sources stays empty (html_copy_source is off): nothing there to publish.
        ignore = shutil.ignore_patterns(".buildinfo*", "_sources")
        shutil.copytree(html, site, ignore=ignore, copy_function=_reusing(before, html))
    else:
        site.mkdir(parents=True)
    slides = layout.output("slides")
    if slides.is_dir():
        # The decks' builder keeps working files beside them: publish only decks.
        ignore = shutil.ignore_patterns(".*", "_sources", "objects.inv")
        shutil.copytree(
            slides,
            site / SLIDES,
            ignore=ignore,
            copy_function=_reusing(before / SLIDES, slides),
        )
    downloads = site / DOWNLOADS
    for source in (
        *(layout.built(output) for output in Manifest(basename).downloads),
        # Each session's slides with notes (ext/session_print.py).
        *sorted((slides / SESSION_PDF_FOLDER).glob("*.pdf")),
    ):
        if source.is_file():
            downloads.mkdir(exist_ok=True)
            _reusing(before / DOWNLOADS, source.parent)(
                str(source), str(downloads / source.name)
            )
    sheets = sorted(layout.output("sheets").glob("*.pdf"))
    if sheets:
        printables = site / PRINTABLES
        printables.mkdir(parents=True, exist_ok=True)
        for source in sheets:
            _reusing(before / PRINTABLES, source.parent)(
                str(source), str(printables / source.name)
            )
