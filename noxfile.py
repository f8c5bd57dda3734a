"""Every command of the project: ``nox -l`` lists them, CONTRIBUTING.md explains them.

``nox -s build`` is the one command a maintainer needs: it builds the online book,
the slides, the PDF and the EPUB and publishes them to ``build/site``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import nox
from packaging.specifiers import SpecifierSet

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]
# A session whose interpreter cannot be found fails instead of being skipped with
# exit status 0, which would let a build "pass" with nothing built.
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
#: The build backend (hatchling) and its dependencies, with hashes.
BUILD_CONSTRAINTS = ROOT / "requirements" / "build.txt"
# Sessions run on the interpreter nox itself runs under (None): any supported
# Python works, and an unsupported one is refused loudly below.
PYTHON = None
# One folder of environments per interpreter (.nox/py3.11/tests...): nox reuses
# an environment without checking its Python, so `python3.13 -m nox -s tests`
# would otherwise run in the one `python3.11 -m nox` made.
nox.options.envdir = str(
    ROOT / ".nox" / f"py{sys.version_info[0]}.{sys.version_info[1]}"
)
# Read with a pattern, not tomllib: the refusal must work on Pythons without it.
SUPPORTED = SpecifierSet(
    re.search(
        r'^requires-python\s*=\s*"([^"]+)"',
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
        re.MULTILINE,
    ).group(1)
)

_VERSION = ".".join(map(str, sys.version_info[:3]))
if _VERSION not in SUPPORTED:
    # Refused before any session makes a virtual environment on it.
    sys.exit(
        f"nox: Python {_VERSION} is not supported (pyproject.toml: requires-python "
        f"{SUPPORTED}): run nox with a supported Python, e.g. python3.12 -m nox"
    )


def install(session: nox.Session, *extras: str) -> None:
    """Install the project with pinned versions, unless that exact set is installed.

    A stamp of the pins and the project metadata makes a second run skip the
    installer entirely, which keeps a no-change ``nox -s build`` fast.
    """
    spec = f".[{','.join(extras)}]" if extras else "."
    digest = hashlib.sha256(
        CONSTRAINTS.read_bytes()
        + BUILD_CONSTRAINTS.read_bytes()
        + (ROOT / "pyproject.toml").read_bytes()
        + spec.encode()
        + b"hashes"  # venvs stamped before installs were hash-checked
    ).hexdigest()
    stamp = Path(session.virtualenv.location) / ".coursepress-installed"
    if stamp.is_file() and stamp.read_text() == digest:
        return
    # The dependencies first, every file checked against its hash in the
    # constraints (uv reads them from pyproject.toml without the project)...
    session.install(
        "--require-hashes",
        "-c",
        str(CONSTRAINTS),
        "-r",
        "pyproject.toml",
        *(f"--extra={extra}" for extra in extras),
    )
    # ...then the project itself, editable: hash-checking refuses a local
    # project, so it is installed alone, its build backend hash-checked too.
    session.install(
        "--no-deps", "--build-constraint", str(BUILD_CONSTRAINTS), "-e", "."
    )
    if session.run("python", "-c", "", silent=True) is None:
        return  # --install-only: nothing runs, so nothing to compile (nor a stamp)
    # uv installs no bytecode, and where PYTHONDONTWRITEBYTECODE is set (CI
    # images) every Sphinx process would compile Sphinx and its themes again:
    # about a second of CPU each. Compiled once here, they load from .pyc.
    session.run(
        "python",
        "-m",
        "compileall",
        "-q",
        "-j",
        "0",
        _site_packages(session),
        silent=True,
    )
    stamp.write_text(digest)


def _site_packages(session: nox.Session) -> str:
    return session.run(
        "python",
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        silent=True,
    ).strip()


def _build(session: nox.Session, *outputs: str) -> None:
    install(session)
    session.run("coursepress", "build", *outputs, *session.posargs)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build everything (book, slides, PDF, EPUB) and publish build/site."""
    _build(session, "all")


@nox.session(python=PYTHON)
def html(session: nox.Session) -> None:
    """Build the online book only (build/site)."""
    _build(session, "html")


@nox.session(python=PYTHON)
def slides(session: nox.Session) -> None:
    """Build the reveal.js decks only (build/site/slides)."""
    _build(session, "slides")


@nox.session(python=PYTHON)
def pdf(session: nox.Session) -> None:
    """Build the book's PDF only (build/site/downloads)."""
    _build(session, "pdf")


@nox.session(python=PYTHON)
def epub(session: nox.Session) -> None:
    """Build the book's EPUB only (build/site/downloads)."""
    _build(session, "epub")


@nox.session(python=PYTHON)
def handouts(session: nox.Session) -> None:
    """Build only the facilitator guide, the workbooks and the printable sheets."""
    _build(session, "guide", "workbook", "sheets")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmark every output on a synthetic course: -- --chapters 100 300."""
    install(session)
    session.run("coursepress", "bench", *session.posargs)


def _pytest(session: nox.Session, *selection: str) -> None:
    install(session, "test")
    session.run("pytest", *selection, *(session.posargs or ["-q"]))


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The fast tier of the tests (about a minute); pytest options after --.

    Unit tests, in-process Sphinx builds of the small test course and the
    directives' doctree snapshots; leaves out the tests marked slow (see
    tests/conftest.py), which ``nox -s tests-full`` runs too. E.g. -- -k deck.
    """
    _pytest(session, "-m", "not slow")


@nox.session(python=PYTHON, name="tests-full")
def tests_full(session: nox.Session) -> None:
    """Every test but the browser tests (about 10 minutes); pytest options after --.

    The fast tier and the slow one: builds of the real course, WeasyPrint
    renders, reproducibility, ``coursepress build`` of bad input.
    """
    _pytest(session)


@nox.session(python=PYTHON)
def linkcheck(session: nox.Session) -> None:
    """Check links: build/site's own links and anchors (offline, blocking), then
    external links with Sphinx's linkcheck (said to be unchecked without a network).

    Builds the site first (incremental). ``nox -s linkcheck -- --require-network``
    fails when no external host can be reached, for a machine that should reach them.
    """
    install(session, "linkcheck")
    session.run("coursepress", "build", "all")
    session.run("python", "-m", "coursepress.linkcheck", *session.posargs)


E2E = ROOT / "tests" / "e2e"


def npm_install(session: nox.Session) -> None:
    """axe-core and vnu-jar at the versions in tests/e2e/package-lock.json, once."""
    lock = (E2E / "package-lock.json").read_bytes()
    stamp = E2E / "node_modules" / ".coursepress-installed"
    digest = hashlib.sha256(lock).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest:
        return
    # --ignore-scripts: vnu-jar's postinstall would fetch a Java; we use the system's.
    session.run(
        "npm",
        "ci",
        "--prefix",
        str(E2E),
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        external=True,
    )
    if stamp.parent.is_dir():  # not with --install-only, which runs nothing
        stamp.write_text(digest)


@nox.session(python=PYTHON)
def e2e(session: nox.Session) -> None:
    """Browser tests of build/site in headless Chromium: axe-core (light and dark),
    search, navigation, dark mode, decks and speaker view, downloads, no request off
    the site, and the Nu Html Checker. Builds the site first (incremental).

    Needs Debian's ``chromium``, Java and npm (``.ci/run`` installs them).
    """
    install(session, "test", "e2e")
    npm_install(session)
    session.run("coursepress", "build", "all")
    session.run("pytest", "tests/e2e", "--e2e", *(session.posargs or ["-q"]))


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """pre-commit over every file: ruff, ruff format, codespell, whitespace, YAML.

    The hooks are defined once, in .pre-commit-config.yaml, and run the tools
    pinned in requirements/constraints.txt (nothing is fetched: works offline).

    Options after -- go to ``pre-commit run``, e.g. -- ruff-check.
    """
    install(session, "lint")
    session.run(
        "pre-commit", "run", "--all-files", "--show-diff-on-failure", *session.posargs
    )


@nox.session(python=PYTHON)
def prose(session: nox.Session) -> None:
    """Check the course text: spelling, structure, citations, glossary, copying, grade.

    Options after -- go to `coursepress prose`, e.g. -- --sources DIR.
    """
    install(session, "prose")
    session.run("codespell", "book", "exercises")
    session.run("coursepress", "prose", *session.posargs)


@nox.session(python=PYTHON)
def preview(session: nox.Session) -> None:
    """Serve the book on http://127.0.0.1:8000 and rebuild it on every save."""
    install(session, "preview")
    session.run(
        "sphinx-autobuild",
        "-n",
        # As strict as `nox -s build` (a warning fails the build and the page is
        # not refreshed), but keep serving and watching while you fix things.
        "-W",
        "--keep-going",
        "--watch",
        "exercises",  # exercises live outside book/
        "-d",
        "build/.doctrees/preview",
        "--host",
        "127.0.0.1",
        "book",
        "build/preview",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def ingest(session: nox.Session) -> None:
    """Turn source texts into chapter drafts: nox -s ingest -- FILE [FILE...]."""
    if not session.posargs:
        session.error("name the source files: nox -s ingest -- path/to/source.md")
    install(session)
    session.run("coursepress", "ingest", *session.posargs)


@nox.session(python=PYTHON, venv_backend="uv")
def lock(session: nox.Session) -> None:
    """Re-pin every dependency in requirements/*.txt with hashes (needs the network)."""
    session.install("--require-hashes", "-r", "requirements/tools.txt")
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--all-extras",
        "--generate-hashes",
        "--python-version",
        # The oldest supported Python: the pins must install on all of them.
        min(SUPPORTED, key=lambda spec: spec.version).version,
        "--no-header",
        "-o",
        str(CONSTRAINTS),
    )
    # nox and uv (.ci/run and the README install them with pip
    # --require-hashes) and the build backend (install()'s --build-constraint).
    # --universal: one file for every platform.
    for name in ("tools", "build"):
        session.run(
            "uv",
            "pip",
            "compile",
            f"requirements/{name}.in",
            "--generate-hashes",
            "--universal",
            "--python-version",
            min(SUPPORTED, key=lambda spec: spec.version).version,
            "--no-header",
            "-o",
            f"requirements/{name}.txt",
        )
