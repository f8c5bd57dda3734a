"""Publishing under faults: build/site and the kit are always one whole build's.

Each fault is real where the machine allows it: a process killed with SIGKILL
at each step of publishing, a small tmpfs that fills up, a read-only bind
mount, a second process holding the build lock. After each, ``build/site`` is
the old site or the new one, whole, with the kit zipped from it, and the next
publishing gives what publishing on a clean build folder gives.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from coursepress.build import publish
from coursepress.console import Console
from coursepress.publishing.failures import describe
from coursepress.publishing.generations import FOLDER, Generations
from coursepress.publishing.lock import build_lock
from helpers import run_coursepress
from test_publish import _later, _project

KIT = "workshop-kit.zip"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _kit(build: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(build / KIT) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _published(root: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    build = root / "build"
    return _tree(build / "site"), _kit(build)


def _clean_publish(root: Path, tmp_path: Path) -> tuple[dict, dict]:
    """What publishing the same builder outputs gives in a new build folder."""
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir()
    shutil.copytree(root / "book", clean / "book")
    for name in ("html", "slides", "guide"):
        shutil.copytree(root / "build" / name, clean / "build" / name)
    publish(clean, Console())
    return _published(clean)


def _generations(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "build" / FOLDER).glob("g-*"))


def test_site_and_kit_are_links_into_one_generation(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build = root / "build"
    publish(root, Console())
    publish(root, Console())
    publish(root, Console())
    assert (build / "site").is_symlink()
    assert (build / KIT).is_symlink()
    assert (build / "site").resolve().parent == (build / KIT).resolve().parent
    # The current generation and the one it replaced, nothing older.
    assert len(_generations(root)) == 2
    assert not (build / "site").readlink().is_absolute()  # the project can move


def test_a_site_published_before_generations_is_taken_over(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build = root / "build"
    (build / "site").mkdir()
    (build / "site" / "old.html").write_text("old")
    (build / KIT).write_bytes(b"old kit")
    publish(root, Console())
    assert (build / "site").is_symlink()
    assert not (build / "site" / "old.html").exists()
    assert "workshop-kit/index.html" in _kit(build)
    publish(root, Console())
    assert len(_generations(root)) == 2


def test_an_observer_always_sees_a_whole_site_and_its_own_kit(tmp_path: Path) -> None:
    """A reader polling while 20 publishings run never sees a missing site, a
    missing page, or a kit that is not the site's own."""
    root = _project(tmp_path)
    build = root / "build"
    chapter = root / "build" / "html" / "chapter.html"
    publish(root, Console())
    stop = threading.Event()
    seen: list[str] = []

    def observe() -> None:
        while not stop.is_set():
            names = {entry.name for entry in (build / "site").iterdir()}
            if not {"index.html", "chapter.html", "downloads"} <= names:
                seen.append(f"incomplete site: {sorted(names)}")
            generation = build / FOLDER / (build / FOLDER / "current").readlink()
            page = (generation / "site" / "chapter.html").read_bytes()
            with zipfile.ZipFile(generation / KIT) as archive:
                if archive.read("workshop-kit/chapter.html") != page:
                    seen.append("the kit is not the site's")
            seen.append("ok")

    observer = threading.Thread(target=observe)
    observer.start()
    try:
        for version in range(20):
            _later(chapter, f"<p>version {version}</p>")
            publish(root, Console())
    finally:
        stop.set()
        observer.join()
    assert seen and set(seen) == {"ok"}, [s for s in seen if s != "ok"][:3]


# Where the publishing process kills itself: each patch wraps one step.
_KILL_POINTS = {
    # While the new site is being copied, after its first file.
    "copying": "shutil.copy2",
    # While the kit is zipped, after its first member.
    "zipping": "coursepress.kit.bundle.reproducible_zip",
    # After the new generation is complete, before it is made current.
    "before the swap": "coursepress.publishing.generations.Path.replace",
    # Right after the swap, before the old generations are removed.
    "after the swap": "coursepress.publishing.generations.Generations.sweep",
}

_KILLER = textwrap.dedent(
    """
    import os, signal, sys, shutil
    from pathlib import Path
    import coursepress.build as build
    import coursepress.kit.bundle as bundle
    import coursepress.publishing.generations as generations
    from coursepress.console import Console

    point = sys.argv[2]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "copying":
        real_copy = shutil.copy2
        def copy2(*args, **kwargs):
            result = real_copy(*args, **kwargs)
            die()
        build.shutil.copy2 = copy2
    elif point == "zipping":
        real_zip = bundle.reproducible_zip
        from contextlib import contextmanager
        @contextmanager
        def reproducible_zip(target):
            with real_zip(target) as archive:
                real_write = archive.writestr
                def writestr(*args, **kwargs):
                    real_write(*args, **kwargs)
                    die()
                archive.writestr = writestr
                yield archive
        bundle.reproducible_zip = reproducible_zip
    elif point == "before the swap":
        real_replace = Path.replace
        def replace(self, target):
            if Path(target).name == "current":
                die()
            return real_replace(self, target)
        generations.Path.replace = replace
    elif point == "after the swap":
        def sweep(self, keep=None):
            if keep is not None or self.current() is not None:
                die()
        generations.Generations.sweep = sweep
    build.publish(Path(sys.argv[1]), Console())
    """
)


@pytest.mark.parametrize("point", sorted(_KILL_POINTS))
def test_a_publishing_killed_at_any_step_leaves_a_whole_site(
    tmp_path: Path, point: str
) -> None:
    root = _project(tmp_path)
    publish(root, Console())
    before = _published(root)
    _later(root / "build" / "html" / "chapter.html", "<p>second</p>")
    (root / "build" / "html" / "extra.png").write_bytes(os.urandom(2000))
    script = tmp_path / "killer.py"
    script.write_text(_KILLER)
    killed = subprocess.run(
        [sys.executable, str(script), str(root), point],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    site, kit = _published(root)
    expected_after = _clean_publish(root, tmp_path)
    assert (site, kit) in (before, expected_after), point
    # The kit is always the one zipped from the site that is published.
    assert kit["workshop-kit/chapter.html"] == site["chapter.html"]
    # The next publishing repairs everything and leaves no debris.
    publish(root, Console())
    assert _published(root) == expected_after
    assert len(_generations(root)) <= 2


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """``build/`` of a project on a 600 kB tmpfs (needs root, as in CI)."""
    root = _project(tmp_path)
    build = root / "build"
    keep = tmp_path / "outputs"
    shutil.move(build, keep)
    build.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(build)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    try:
        for entry in keep.iterdir():
            shutil.copytree(entry, build / entry.name)
        yield root
    finally:
        subprocess.run(["umount", "-l", str(build)], check=False)


def test_a_full_disk_leaves_the_site_as_it_was(small_disk: Path) -> None:
    root = small_disk
    publish(root, Console())
    before = _published(root)
    # Incompressible: the new site and its kit need twice this, which is more
    # than is left.
    (root / "build" / "html" / "photo.png").write_bytes(os.urandom(250_000))
    with pytest.raises(OSError) as raised:
        publish(root, Console())
    assert raised.value.errno == errno.ENOSPC
    assert _published(root) == before
    assert len(_generations(root)) == 1  # the half-written one was removed
    message = describe(raised.value, root)
    assert message.startswith("no space left on the device while writing build/")


def test_a_read_only_build_folder_leaves_the_site_as_it_was(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    publish(root, Console())
    before = _published(root)
    published = root / "build" / FOLDER
    bound = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(published), str(published)],
        capture_output=True,
        check=False,
    )
    if bound.returncode:
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    try:
        _later(root / "build" / "html" / "chapter.html", "<p>second</p>")
        with pytest.raises(OSError) as raised:
            publish(root, Console())
    finally:
        subprocess.run(["umount", "-l", str(published)], check=False)
    assert raised.value.errno == errno.EROFS
    assert _published(root) == before
    assert describe(raised.value, root).startswith(f"cannot write build/{FOLDER}")


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    build = tmp_path / "build"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from coursepress.publishing.lock import build_lock\n"
            "with build_lock(Path(sys.argv[1]), print):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(1.5)\n",
            str(build),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    said: list[str] = []
    start = time.monotonic()
    with build_lock(build, said.append):
        waited = time.monotonic() - start
    holder.wait()
    assert waited > 0.5
    assert said == [
        f"another coursepress build is running in this project (process "
        f"{holder.pid}): waiting for it to finish (Ctrl-C to stop)"
    ]
    # A killed holder releases the lock: the kernel drops it with the process.
    with build_lock(build, said.append):
        pass
    assert len(said) == 1


def test_generations_remove_what_a_killed_publishing_left(tmp_path: Path) -> None:
    build = tmp_path / "build"
    generations = Generations(build, "site", KIT)
    first = generations.stage()
    (first / "site").mkdir()
    generations.commit(first)
    unfinished = generations.stage()
    (unfinished / "site").mkdir()  # killed here: never committed
    again = generations.stage()
    assert not unfinished.exists()
    assert generations.current() == first
    assert again.is_dir()


def _start_build(root: Path, *outputs: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coursepress", "--root", str(root), "build", *outputs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def _sphinx_running(root: Path) -> list[str]:
    """The command lines of the Sphinx processes building ``root`` (Linux)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended meanwhile
            continue
        line = " ".join(word.decode(errors="replace") for word in words)
        if "sphinx" in line and str(root) in line:
            found.append(line)
    return found


@pytest.mark.parametrize(
    ("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)]
)
def test_a_build_stopped_midway_says_so_and_stops_its_sphinx(
    project: Path, stop: signal.Signals, code: int
) -> None:
    """Ctrl-C or a CI cancel sent to coursepress alone (not its process group):
    one line, its exit status, no traceback, no Sphinx left running, the site
    as it was, and the next build whole."""
    assert run_coursepress(project, "build", "html").returncode == 0
    site = project / "build" / "site"
    before = _tree(site)
    (project / "book" / "index.md").write_text(
        (project / "book" / "index.md").read_text() + "\nA new sentence.\n"
    )
    build = _start_build(project, "html")
    _wait_for(project / "build" / ".doctrees" / "html" / ".unfinished", build)
    build.send_signal(stop)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == code, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("error: stopped: ")
    assert _sphinx_running(project) == []
    # Stopped, not left to finish: the edit never reached the builder's folder.
    assert "A new sentence." not in (project / "build/html/index.html").read_text()
    assert _tree(site) == before
    again = run_coursepress(project, "build", "html")
    assert again.returncode == 0, again.stderr
    assert "A new sentence." in (site / "index.html").read_text()


def test_two_builds_at_once_take_turns(project: Path) -> None:
    first = _start_build(project, "html")
    _wait_for(project / "build" / ".doctrees" / "html" / ".unfinished", first)
    second = _start_build(project, "html")
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert "waiting for it to finish" in second_err
    assert "Traceback" not in first_err + second_err
    assert (project / "build" / "site" / "index.html").is_file()


@pytest.mark.parametrize("delay", [0.0, 1.5, 4.0])
def test_a_build_killed_with_its_sphinx_is_repaired_by_the_next(
    project: Path, tmp_path: Path, delay: float
) -> None:
    """SIGKILL to the whole process group (a CI runner killed, a power cut of the
    job) while Sphinx reads or writes: the site stays whole, and the next build
    gives what a clean build of the same sources gives."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    first = subprocess.run(
        [sys.executable, "-m", "coursepress", "--root", str(project), "build", "html"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    before = _tree(project / "build" / "site")
    index = project / "book" / "index.md"
    index.write_text(index.read_text() + "\nA sentence added before the kill.\n")
    build = subprocess.Popen(
        [sys.executable, "-m", "coursepress", "--root", str(project), "build", "html"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    marker = project / "build" / ".doctrees" / "html" / ".unfinished"
    deadline = time.monotonic() + 120
    while not marker.exists() and build.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(delay)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    site = _tree(project / "build" / "site")
    clean_root = tmp_path / "clean"
    for part in ("book", "exercises", "slides"):
        shutil.copytree(project / part, clean_root / part)
    clean = subprocess.run(
        [
            sys.executable,
            "-m",
            "coursepress",
            "--root",
            str(clean_root),
            "build",
            "html",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert clean.returncode == 0, clean.stderr
    expected = _tree(clean_root / "build" / "site")
    assert site in (before, expected)
    again = subprocess.run(
        [sys.executable, "-m", "coursepress", "--root", str(project), "build", "html"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert _tree(project / "build" / "site") == expected
