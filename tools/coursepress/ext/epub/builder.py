"""The course's EPUB builder: Sphinx's EPUB 3, with everything the e-book needs.

Registered as ``epub`` in place of Sphinx's own, so ``-b epub`` builds it. What
it adds, each in its own module and applied here, in the order Sphinx writes:

- accessibility metadata in ``content.opf`` (``a11y.py``) and the package
  repairs (``package.py``), before the book is zipped;
- the zip is made only when what goes into it changed (``stamp.py``);
- every entry of the zip is dated from SOURCE_DATE_EPOCH, so the same sources
  give the same bytes (``reproducible.py``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.builders.epub3 import Epub3Builder
from sphinx.util import logging

from coursepress.files import normalise_zip
from coursepress.publishing.stamps import forget, is_current, remember

from ..audience import Audience, Medium
from ..outputs import keep, prune
from ..web.a11y import AccessibleHTML5Translator
from .a11y import add_accessibility_meta
from .package import repair_package
from .stamp import epub_digest

logger = logging.getLogger(__name__)


class CourseEpubBuilder(Epub3Builder):
    """``-b epub``: ``<outdir>/<epub_basename>.epub``, accessible and reproducible."""

    course_audience = Audience.READER
    course_medium = Medium.FILE
    # Citations as list items: epubcheck warns that doc-biblioentry is deprecated.
    default_translator_class = AccessibleHTML5Translator

    def handle_finish(self) -> None:
        # Before the package is made: Sphinx packs every file of the folder.
        prune(self, keep={Path(self.outdir, self.config.epub_basename + ".epub")})
        super().handle_finish()

    def build_content(self) -> None:
        super().build_content()
        opf = self.outdir / "content.opf"
        text = add_accessibility_meta(opf.read_text(encoding="utf-8"))
        cover = self.config.epub_cover[0] if self.config.epub_cover else None
        opf.write_text(repair_package(text, cover, Path(self.outdir)), encoding="utf-8")

    def build_epub(self) -> None:
        target = Path(self.outdir, self.config.epub_basename + ".epub")
        # The stamp lives in the doctree folder: the builder packs every file
        # of its output folder.
        folder = Path(self.doctreedir)
        digest = epub_digest(Path(self.outdir), list(self.files))
        if is_current(target, digest, folder, dated=True):
            logger.info(f"{target.name} is up to date: its content did not change")
        else:
            forget(target, folder)
            super().build_epub()
            remember(target, digest, folder, dated=True)
        normalise_zip(target)
        keep(target)
