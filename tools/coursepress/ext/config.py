"""Every setting of the course extension, in one place, each with what it is for.

``settings.py`` fills them from ``book/course.toml`` for the book, the slides and
the sheets; a small test project sets them in its ``conf.py``. "env" settings
change what is read (a change re-reads every document); "html" ones only what
is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_config(app: Sphinx) -> None:
    add = app.add_config_value
    # Where the course's sources are, beside the book's own documents.
    # The chapters' folder (in the source folder): its documents are modules.
    add("course_chapters_dir", "chapters", "env", types=[str])
    # The folder of the exercise files ``{exercise}`` includes (absolute).
    add("course_exercises_dir", "", "env", types=[str])
    # The folder of the workshop formats (``slides/formats/*.toml``).
    add("course_formats_dir", "", "env", types=[str])
    # The course's own folders (absolute): every file a page includes, shows
    # or offers for download must be inside one (course/bounds.py). Empty: the
    # source folder only.
    add("course_source_dirs", [], "env", types=[list])
    # Pages the extension links to: how the course uses its sources (each
    # chapter's "Based on" line), and the facilitator guide's own page.
    add("course_sources_page", "sources", "env", types=[str])
    add("course_guide_page", "facilitator-guide", "env", types=[str])

    # The course's facts (course.toml).
    # The name of the PDF and the EPUB in downloads/ (the web book links them).
    add("course_basename", "course", "env", types=[str])
    # The published address: QR codes, the sheets' links read offline. Empty
    # when the course has none yet (a placeholder is left out of every output).
    add("course_base_url", "", "html", types=[str])
    # The copyright line as written: SOURCE_DATE_EPOCH must not change its year.
    add("course_copyright", "", "html", types=[str])
    # The content note that opens each session deck and the workbook.
    add("course_content_note", "", "html", types=[str])
    # The group agreements: the session decks and the workbook list them.
    add("course_agreements", [], "html", types=[list])
    # The crisis lines (the only numbers any output may print).
    add("course_crisis", (), "env", types=[tuple, list])
    # What is wrong with course.toml, if anything: [location, message], which
    # the extension reports as a build error instead of a traceback.
    add("course_toml_error", [], "env", types=[list])
    # Origins (``https://host``) whose pictures a page may show although they
    # are on another site ([privacy] allow_remote); everything else is refused.
    add("course_allow_remote", [], "env", types=[list, tuple])

    # Speed: the book's sidebar rendered once per folder (speedups/navcache.py).
    add("course_fast_navigation", True, "html", types=[bool])
