"""What the browser tests share: the pages of the built site, axe-core, Chromium."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
SITE = PROJECT / "build" / "site"
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Debian's chromium in a container: no sandbox (root), no GPU, and none of the
# browser's own calls home, which would count as requests off the site.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Everything but "minor": moderate findings (content outside landmarks, a nested
# main) are real barriers for screen-reader users moving by landmark.
BLOCKING_IMPACTS = ("moderate", "serious", "critical")


def chromium_executable() -> str | None:
    """Debian's ``chromium`` (CHROMIUM_PATH overrides it)."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@dataclass
class SitePages:
    """The site's HTML pages by kind, as paths relative to the site root."""

    book: list[str] = field(default_factory=list)  # the theme's pages: dark mode
    decks: list[str] = field(default_factory=list)  # reveal.js decks
    other: list[str] = field(default_factory=list)  # deck indexes and the like


def discover_pages(site: Path = SITE) -> SitePages:
    """Every page a reader can open, whatever the builds put in ``site``."""
    pages = SitePages()
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        # _static/_images hold assets (reveal.js's speaker-view.html is the
        # notes plugin's popup, tested through a deck); dot folders are not served.
        if any(part.startswith(("_", ".")) for part in relative.parts[:-1]):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if 'class="reveal"' in text:
            pages.decks.append(relative.as_posix())
        elif "theme-switch-button" in text:
            pages.book.append(relative.as_posix())
        else:
            pages.other.append(relative.as_posix())
    return pages


class ForeignRequests(list[str]):
    """URLs a browser context tried to load from anywhere but the local server."""


def is_on_site(url: str, base_url: str) -> bool:
    """Whether a request stays on the local server (inline data is fine too)."""
    if urlsplit(url).scheme in ("data", "blob", "about"):
        return True
    return url.startswith(base_url)


def format_violations(violations: list[dict]) -> str:
    """axe-core's violations as lines a person can act on."""
    lines = []
    for violation in violations:
        targets = ", ".join(
            " ".join(map(str, node["target"])) for node in violation["nodes"][:5]
        )
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(violation['nodes'])} elements: {targets}]"
        )
    return "\n".join(lines)
