"""Same sources, same bytes: the EPUB's zip entries are dated from SOURCE_DATE_EPOCH.

Sphinx dates each EPUB entry with its file's modification time, so two builds of
the same commit differ. The course's EPUB builder (``builder.py``) rewrites the
archive in the same order (``mimetype`` first and uncompressed, as EPUB requires)
with one fixed date (``coursepress.files``).

Sphinx also rewrites the current year in ``copyright`` to SOURCE_DATE_EPOCH's year,
for projects that compute the year at build time. The course's copyright line is
a fact written in ``course.toml`` ("2026, ..."): a build dated earlier (an old
commit, a fixed epoch in a reproducibility check) must not change it, so the line
is put back as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _keep_copyright_as_written(app: Sphinx, config: Config) -> None:
    if config.course_copyright:
        config.copyright = config.course_copyright
        config.epub_copyright = config.course_copyright


def setup_reproducible(app: Sphinx) -> None:
    # After Sphinx's own year rewrite (sphinx.config.correct_copyright_year, 800).
    app.connect("config-inited", _keep_copyright_as_written, priority=900)
