"""EPUB accessibility metadata (schema.org terms, as EPUB Accessibility 1.1 asks).

Reading systems and shops show these to readers who choose books by how they can
read them. Sphinx's ``content.opf`` template has no place for them and no config
for them, so the ``epub`` builder is replaced by a subclass that adds them to the
package metadata before the book is zipped.

The claims are what the book is: text, and two images with text alternatives
that say all they show (the cover, which repeats the title and subtitle, and the
push-and-pull cycle diagram); a table of contents, structural navigation and a
reading order; no flashing, motion or sound. It claims no WCAG conformance
(``dcterms:conformsTo``): that needs an audit the pipeline cannot make.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder

from .package import repair_package

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ACCESSIBILITY: list[tuple[str, str]] = [
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),
    # Every image has alternative text that says what it shows (tests check).
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
]
SUMMARY = (
    "A text book with a table of contents, headings for every chapter and "
    "section, and a logical reading order. Its one diagram has a text "
    "alternative that describes it in full, and the chapter's text explains it "
    "too. It contains no sound, no motion and no flashing content."
)


def accessibility_meta(summary: str = SUMMARY) -> str:
    """The ``<meta>`` elements to add to ``content.opf``'s ``<metadata>``."""
    lines = [
        f'    <meta property="{name}">{escape(value)}</meta>'
        for name, value in [*ACCESSIBILITY, ("schema:accessibilitySummary", summary)]
    ]
    return "\n".join(lines) + "\n"


class AccessibleEpub3Builder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with accessibility metadata in ``content.opf``
    (and the package repairs of ``coursepress.ext.epub_package``)."""

    def build_content(self) -> None:
        super().build_content()
        opf = self.outdir / "content.opf"
        text = opf.read_text(encoding="utf-8")
        if "schema:accessMode" not in text:
            head, tail = text.split("</metadata>", 1)
            head = head.rstrip(" ") + accessibility_meta() + "  "
            text = f"{head}</metadata>{tail}"
        cover = self.config.epub_cover[0] if self.config.epub_cover else None
        opf.write_text(repair_package(text, cover, self.outdir), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(AccessibleEpub3Builder, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
