"""Check the links of the built course: ``python -m coursepress.linkcheck``.

Two parts, as ``nox -s linkcheck`` runs them:

1. **Internal** (blocking, offline): every link and ``#anchor`` between the
   pages of ``build/site`` (book, decks, downloads), with LinkChecker, over a
   server on 127.0.0.1 so pages are fetched as a reader's browser would. Every
   HTML page is a starting point, so a page nothing links to is checked too.
2. **External**: Sphinx's ``linkcheck`` builder on the book's sources, with the
   retries, timeout, ignores and allowed redirects of ``settings.linkcheck_settings``.
   When no external host can be reached at all (no network, as in CI), it says
   so and counts as *not checked*, never as passed; ``--require-network`` makes
   that a failure.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .console import Console
from .course.layout import Layout
from .localserver import serve_directory
from .netguard import ENV_VAR as NO_NETWORK

# LinkChecker's own settings: internal links only, and anchors checked. It paces
# itself to ~3 requests a second per host unless the server answers with a
# "LinkChecker" header, which our own local server does.
LINKCHECKER_RC = """\
[checking]
threads=4
timeout=30
maxrequestspersecond=200
[filtering]
checkextern=0
[AnchorCheck]
"""

# Errors that mean "could not reach the host at all", as opposed to an answer.
UNREACHABLE = (
    "NameResolutionError",
    "Failed to resolve",
    "Name or service not known",
    "Temporary failure in name resolution",
    "nodename nor servname",
    "Connection refused",
    "Network is unreachable",
    "No route to host",
    "ConnectTimeoutError",
    "ProxyError",
)


@dataclass
class InternalReport:
    pages: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)


def _html_pages(site: Path) -> list[str]:
    """The pages to start from: every HTML page outside the asset folders.

    ``_static`` holds theme leftovers that are not pages (pydata-sphinx-theme's
    ``webpack-macros.html`` is a Jinja macro file); what a page links there is
    still checked.
    """
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not any(
            part.startswith((".", "_")) for part in path.relative_to(site).parts[:-1]
        )
    )


def _is_reveal_route(anchor_warning: str) -> bool:
    # reveal.js addresses slides as #/3 or #/slide-id: routes, not anchors.
    return "Anchor `/" in anchor_warning


def check_internal(site: Path) -> InternalReport:
    """Every link and anchor inside ``site``, offline."""
    report = InternalReport()
    pages = _html_pages(site)
    report.pages = len(pages)
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        rc = Path(tmp, "linkcheckerrc")
        rc.write_text(LINKCHECKER_RC, encoding="utf-8")
        rc.chmod(0o644)  # LinkChecker drops root privileges to "nobody"
        Path(tmp).chmod(0o755)
        with serve_directory(site, headers={"LinkChecker": "local"}) as base:
            process = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "linkcheck",
                    "--config",
                    str(rc),
                    "--no-status",
                    "--verbose",  # every link, so the report can count them
                    "--output",
                    "csv",
                    *(base + page for page in pages),
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=600,
            )
    rows = [
        line
        for line in process.stdout.splitlines()
        if line and not line.startswith("#")
    ]
    if not rows:
        report.problems.append(f"LinkChecker did not run: {process.stderr.strip()}")
        return report
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        report.links += 1
        parent = row["parentname"].removeprefix(base) or "(start)"
        where = f"{parent}:{row['line']}" if row["line"] else parent
        target = row["url"].removeprefix(base)
        if row["valid"] != "True":
            report.problems.append(f"{where}: {target}: {row['result']}")
        elif "Anchor" in row["warningstring"] and not _is_reveal_route(
            row["warningstring"]
        ):
            report.problems.append(f"{where}: {target}: no such anchor")
    return report


@dataclass
class ExternalReport:
    returncode: int = 0
    results: list[dict] = field(default_factory=list)
    output: str = ""

    @property
    def checked(self) -> list[dict]:
        return [r for r in self.results if r["status"] not in ("ignored", "unchecked")]

    @property
    def unreachable(self) -> list[dict]:
        return [
            r
            for r in self.checked
            if r["status"] in ("broken", "timeout")
            and any(marker in r.get("info", "") for marker in UNREACHABLE)
        ]

    @property
    def no_network(self) -> bool:
        """No host answered at all: the links could not be checked here."""
        return bool(self.checked) and len(self.unreachable) == len(self.checked)

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.checked if r["status"] != "working"]


def check_external(
    source: Path, out: Path, doctrees: Path, overrides: dict[str, str] | None = None
) -> ExternalReport:
    """Sphinx's ``linkcheck`` builder on ``source``; its findings from output.json."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "linkcheck",
        "-n",  # nitpicky, as every build of the course
        "-W",  # a redirect that is not allowed is a warning: an error here
        "--keep-going",  # ...but report every link, not the first
        "-q",
        "-d",
        str(doctrees),
        *(f"-D{key}={value}" for key, value in (overrides or {}).items()),
        str(source),
        str(out),
    ]
    # The one build that needs the network (netguard.py).
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop(NO_NETWORK, None)
    process = subprocess.run(
        command, capture_output=True, text=True, check=False, env=env, timeout=1800
    )
    report = ExternalReport(process.returncode, output=process.stderr.strip())
    results = out / "output.json"
    if results.is_file():
        report.results = [
            json.loads(line)
            for line in results.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return report


def _describe(result: dict) -> str:
    where = f"{result.get('filename', '?')}:{result.get('lineno', '?')}"
    info = f" ({result['info']})" if result.get("info") else ""
    return f"{where}: {result['status']} {result['uri']}{info}"


def run(args: argparse.Namespace, console: Console) -> int:
    root: Path = args.root.resolve()
    layout = Layout(root)
    site = layout.site
    failed = False
    if not args.external_only:
        if not site.is_dir():
            console.error(f"{site} is missing: build the course first (nox -s build)")
            return 2
        internal = check_internal(site)
        for problem in internal.problems:
            console.error(f"internal link: {problem}")
        state = "FAILED" if internal.problems else "ok"
        console.info(
            f"internal links: {state}: {internal.links} addresses (links and "
            f"anchors) from {internal.pages} pages, {len(internal.problems)} broken"
        )
        failed |= bool(internal.problems)
    if not args.internal_only:
        overrides = {"linkcheck_timeout": str(args.timeout)} if args.timeout else None
        external = check_external(
            layout.book,
            layout.output("linkcheck"),
            layout.doctrees("linkcheck"),
            overrides,
        )
        if external.no_network:
            hosts = sorted({r["uri"].split("/")[2] for r in external.checked})
            message = (
                f"external links: NOT CHECKED: no network. None of the "
                f"{len(external.checked)} external links could be reached "
                f"({', '.join(hosts)}). Run this where the internet is reachable."
            )
            if args.require_network:
                console.error(message)
                failed = True
            else:
                console.info(f"warning: {message}")
        elif external.failures or external.returncode:
            for result in external.failures:
                console.error(f"external link: {_describe(result)}")
            if external.returncode and not external.failures:
                console.error(external.output or "the linkcheck build failed")
            console.info(
                f"external links: FAILED: {len(external.failures)} of "
                f"{len(external.checked)} broken (see build/linkcheck/output.txt)"
            )
            failed = True
        else:
            ignored = len(external.results) - len(external.checked)
            working = len(external.checked)
            console.info(f"external links: ok: {working} working, {ignored} ignored")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m coursepress.linkcheck", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--internal-only", action="store_true", help="only part 1")
    part.add_argument("--external-only", action="store_true", help="only part 2")
    parser.add_argument(
        "--require-network",
        action="store_true",
        help="fail when external links cannot be reached at all",
    )
    parser.add_argument(
        "--timeout", type=float, help="seconds per external request (overrides conf)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(_parser().parse_args(argv), Console())


if __name__ == "__main__":
    sys.exit(main())
