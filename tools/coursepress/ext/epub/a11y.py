"""EPUB accessibility metadata (schema.org terms, as EPUB Accessibility 1.1 asks).

Reading systems and shops show these to readers who choose books by how they can
read them. Sphinx's ``content.opf`` template has no place for them and no config
for them, so the course's EPUB builder (``builder.py``) adds them to the
package metadata before the book is zipped.

The claims are what the book is: text, and two images with text alternatives
that say all they show (the cover, which repeats the title and subtitle, and the
push-and-pull cycle diagram); a table of contents, structural navigation and a
reading order; no flashing, motion or sound. It claims no WCAG conformance
(``dcterms:conformsTo``): that needs an audit the pipeline cannot make.
"""

from __future__ import annotations

from html import escape

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


def add_accessibility_meta(opf: str) -> str:
    """``content.opf`` with the accessibility metadata, added once."""
    if "schema:accessMode" in opf:
        return opf
    head, tail = opf.split("</metadata>", 1)
    head = head.rstrip(" ") + accessibility_meta() + "  "
    return f"{head}</metadata>{tail}"
