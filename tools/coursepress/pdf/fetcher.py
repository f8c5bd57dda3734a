"""What WeasyPrint may load for a PDF: the files of the build, nothing else.

WeasyPrint's own fetcher opens every URL a page names: ``file:`` anywhere on
the disk (a ``<a rel="attachment" href="file:///etc/passwd">`` embeds that
file in the PDF), ``http:`` and ``https:`` (the build machine would fetch what
a chapter names, and the PDF would depend on the network). This one opens only
``file:`` URLs inside the folder the builder wrote (its ``_static/`` and
``_images/``, where Sphinx copied the theme and the pictures), and ``data:``
URLs, which carry their content in themselves. Everything else is refused and
recorded: WeasyPrint logs a failed load and goes on, so ``render_pdf`` fails
the render on the record instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher


def refusal(url: str, root: Path) -> str:
    """Why the PDF of a build in ``root`` may not load ``url``, or ""."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return ""
    if scheme != "file":
        return "only files of the build are used in a PDF, nothing from the network"
    if parts.netloc not in ("", "localhost"):
        return "a file on another machine"
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if path.is_relative_to(root.resolve()):
        return ""
    return "a file outside the build's folder"


def build_only_fetcher(root: Path) -> tuple[URLFetcher, list[str]]:
    """A WeasyPrint URL fetcher for the build in ``root``, and its refusals.

    Each refusal is recorded as "URL (why)". Imported here: WeasyPrint loads
    Pango at import, which only a render needs.
    """
    from weasyprint.urls import URLFetcher

    refused: list[str] = []

    class BuildOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            problem = refusal(url, root)
            if problem:
                refused.append(f"{url} ({problem})")
                raise ValueError(f"refused: {url}: {problem}")
            return super().fetch(url, headers)

    # No HTTP at all: the protocols list is a second lock behind ``refusal``.
    return BuildOnlyFetcher(allowed_protocols=("file", "data")), refused
