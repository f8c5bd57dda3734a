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

WeasyPrint sees the build's files under one address, ``BUILD_URL``, whatever
folder the checkout is in: it names each picture in the PDF after the MD5 of
its address, so with real paths two checkouts of one commit made different
PDFs, and a PDF carried the build machine's folder names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher


#: Where the files of a build appear to WeasyPrint (``page_url``).
BUILD_URL = "file:///coursepress-build/"


def page_url(html: Path, root: Path) -> str:
    """The address WeasyPrint reads ``html`` from: under ``BUILD_URL``, so the
    pictures and style sheets it names resolve there too."""
    return BUILD_URL + quote(html.resolve().relative_to(root.resolve()).as_posix())


def _real(url: str, root: Path) -> str:
    """``url`` under ``BUILD_URL`` as the file of the build it stands for."""
    if not url.startswith(BUILD_URL):
        return url
    relative = unquote(urlsplit(url).path).removeprefix(urlsplit(BUILD_URL).path)
    return (root.resolve() / relative).as_uri()


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
            real = _real(url, root)
            problem = refusal(real, root)
            if problem:
                refused.append(f"{url} ({problem})")
                raise ValueError(f"refused: {url}: {problem}")
            response = super().fetch(real, headers)
            # What it names resolves against the address asked for, not the
            # real folder (a style sheet's url(), a page's pictures).
            response.url = url
            return response

    # No HTTP at all: the protocols list is a second lock behind ``refusal``.
    return BuildOnlyFetcher(allowed_protocols=("file", "data")), refused
