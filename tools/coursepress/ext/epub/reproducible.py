"""Same sources, same bytes: the EPUB's zip entries are dated from SOURCE_DATE_EPOCH.

Sphinx dates each EPUB entry with its file's modification time, so two builds of
the same commit differ. After the build, the archive is rewritten in the same
order (``mimetype`` first and uncompressed, as EPUB requires) with one fixed date.

Sphinx also rewrites the current year in ``copyright`` to SOURCE_DATE_EPOCH's year,
for projects that compute the year at build time. The course's copyright line is
a fact written in ``course.toml`` ("2026, ..."): a build dated earlier (an old
commit, a fixed epoch in a reproducibility check) must not change it, so the line
is put back as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coursepress.files import normalise_zip

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _keep_copyright_as_written(app: Sphinx, config: Config) -> None:
    if config.course_copyright:
        config.copyright = config.course_copyright
        config.epub_copyright = config.course_copyright


def _normalise_epub(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "epub":
        epub = Path(app.outdir, f"{app.config.epub_basename}.epub")
        if epub.is_file():
            normalise_zip(epub)


def setup_reproducible(app: Sphinx) -> None:
    app.add_config_value("course_copyright", "", "html", types=[str])
    app.connect("build-finished", _normalise_epub)
    # After Sphinx's own year rewrite (sphinx.config.correct_copyright_year, 800).
    app.connect("config-inited", _keep_copyright_as_written, priority=900)
