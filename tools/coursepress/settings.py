"""Sphinx settings shared by the book and the slides: each ``conf.py`` is two lines.

The course's facts (title, author, base address...) live in ``book/course.toml``;
everything else is decided here once, so the book, PDF, EPUB and decks agree.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from .course.errors import CourseFileError
from .course.facts import Course, load_course, published_url
from .course.layout import CHAPTERS, SHEETS, Layout
from .resources import STATIC


def _load_for_sphinx(book_dir: Path) -> tuple[Course, list[str]]:
    """``load_course`` for a ``conf.py``: the course, and what is wrong with it.

    A conf.py that raises makes Sphinx print a traceback; instead the error goes
    to ``course_toml_error``, which the extension reports as a build error
    naming the file and the line (see ``ext/crisis.py``).
    """
    try:
        return load_course(book_dir), []
    except CourseFileError as err:
        location = f"{err.path}:{err.line}"
        return Course(), [location, err.message]


def _epub_uid(course: Course) -> str:
    """A UUID derived from the course address: stable across builds and releases."""
    # An XML name without colons: EPUB uses it as an id as well.
    return "course-" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, published_url(course.base_url) or course.title)
    )


def _project_root(conf_file: str | Path) -> Layout:
    """The project whose ``book/conf.py`` or ``slides/conf.py`` this is."""
    return Layout(Path(conf_file).resolve().parent.parent)


def linkcheck_settings(course: Course) -> dict[str, Any]:
    """External links (``nox -s linkcheck``): patient, but bounded, and honest."""
    return {
        # A slow site gets 20 s, three tries, before it counts as broken: readers
        # would give up sooner, and CI's time is bounded.
        "linkcheck_timeout": 20,
        "linkcheck_retries": 3,
        "linkcheck_report_timeouts_as_broken": True,
        "linkcheck_rate_limit_timeout": 60.0,  # a 429 waits at most a minute
        # The course's own address: it is published from this build, so it cannot
        # exist before it; the site's own links are checked offline instead.
        # The crisis page's tel: and sms: links dial a number: there is no page
        # to fetch, so Sphinx would call them broken.
        "linkcheck_ignore": [
            "^tel:",
            "^sms:",
            *(
                ["^" + re.escape(course.base_url.rstrip("/"))]
                if course.base_url
                else []
            ),
        ],
        # A DOI always redirects to its publisher's page: that is how DOIs work.
        # Any other redirect is reported, so a moved page gets its new address.
        "linkcheck_allowed_redirects": {r"https://doi\.org/.*": r"https://.*"},
    }


def book_settings(conf_file: str | Path) -> dict[str, Any]:
    """Settings of ``book/conf.py`` (book HTML, the PDF builder and the EPUB)."""
    layout = _project_root(conf_file)
    course, course_error = _load_for_sphinx(layout.book)
    return {
        "project": course.title,
        "author": course.author,
        "copyright": course.copyright,
        "course_copyright": course.copyright,  # kept as written: ext/reproducible.py
        "release": course.release,
        "version": course.release,
        "language": course.language,
        "extensions": [
            "myst_parser",
            "sphinxcontrib.bibtex",
            "coursepress.ext",  # every course feature, builder and repair
        ],
        "source_suffix": {".md": "markdown"},
        "root_doc": "index",
        # Printable sheets are a project of their own (sheets/conf.py).
        "exclude_patterns": ["**/README.md", SHEETS],
        "nitpicky": True,
        # The MyST syntax AUTHORING.md lists ("MyST features"); anything else
        # would print as literal text. Math is drawn at build time (ext/math).
        "myst_enable_extensions": [
            "colon_fence",
            "deflist",
            "dollarmath",
            "tasklist",
            "attrs_block",
            "substitution",
        ],
        "myst_substitutions": dict(course.substitutions),
        "myst_update_mathjax": False,  # no MathJax: no mathjax_ignore classes
        # "$5 and $10" stays prices: no math closing before a digit, none
        # opening or closing on a space.
        "myst_dmath_allow_digits": False,
        "myst_dmath_allow_space": False,
        # Figures, tables and code blocks numbered, so {numref} works everywhere.
        "numfig": True,
        # Citations: author-year in the text, full entries on the references page.
        # Absolute: sphinxcontrib-bibtex resolves them against the conf.py folder.
        "bibtex_bibfiles": [str(path) for path in layout.bib_files()],
        "bibtex_reference_style": "coursepress",
        # Entries labelled as they are cited and sorted by name (ext/bibliography).
        "bibtex_default_style": "coursepress",
        # Course extension
        "course_chapters_dir": CHAPTERS,
        "course_exercises_dir": str(layout.exercises),
        "course_source_dirs": [str(path) for path in layout.sources],
        "course_basename": course.basename,
        # Only a real address: a placeholder is left out of every output.
        "course_base_url": published_url(course.base_url),
        "course_formats_dir": str(layout.formats),
        "course_content_note": course.content_note,
        "course_agreements": list(course.agreements),
        "course_crisis": course.crisis,
        "course_toml_error": course_error,
        "course_allow_remote": list(course.allow_remote),
        # Online book: sphinx-book-theme, nothing loaded from elsewhere, no sources.
        "html_theme": "sphinx_book_theme",
        "html_title": course.title,
        "html_copy_source": False,  # the sources hold facilitator notes
        "html_show_sourcelink": False,
        "html_last_updated_fmt": None,
        "html_static_path": [str(STATIC / "book")],
        "html_css_files": ["course.css", "crisis.css"],
        # The course's mark (made for it): sidebar logo and browser tab icon.
        "html_logo": str(STATIC / "book" / "logo.svg"),
        "html_favicon": str(STATIC / "book" / "logo.svg"),
        "html_context": {
            "course_subtitle": course.subtitle,
            "course_kind": course.kind,
        },
        "html_theme_options": {
            "home_page_in_toc": True,
            "show_toc_level": 2,
            "use_download_button": False,
            "use_fullscreen_button": False,
            "use_source_button": False,
            "use_repository_button": False,
            "search_bar_text": "Search the course…",
            "navigation_with_keys": True,
            "show_prev_next": True,
            # No pydata-sphinx-theme header: sphinx-book-theme 1.4 leaves its
            # navbar empty, but pydata-sphinx-theme 0.20 fills navbar_persistent
            # with a search box when it is unset, and so renders a header whose
            # hidden menu button the theme's script binds first (the phone menu
            # did nothing) and whose search box doubled the sidebar's.
            "navbar_persistent": [],
            "logo": {"text": course.title},  # the mark and the title beside it
        },
        # EPUB 3
        "epub_basename": course.basename,
        "epub_title": course.title,
        "epub_author": course.author,
        "epub_publisher": course.author,
        "epub_contributor": course.author,
        # Drawn from the course facts at build time (coursepress.ext.cover).
        "epub_cover": ("_static/cover.svg", "course-epub-cover.html"),
        "epub_css_files": ["course-epub.css"],
        "epub_copyright": course.copyright,
        "epub_language": course.language,
        # The NCX and the OPF must carry the same identifier: a stable UUID.
        "epub_identifier": _epub_uid(course),
        "epub_scheme": "uuid",
        "epub_uid": _epub_uid(course),
        "epub_theme": "epub",
        "epub_show_urls": "no",
        "epub_use_index": False,
        # Sphinx keeps the old .buildinfo as .buildinfo.bak when the settings change;
        # without this the next EPUB build warns (and -W fails) on its mimetype.
        "epub_exclude_files": [
            ".buildinfo.bak",
            # Files no page of the book uses: the basic theme's stylesheet (the
            # EPUB theme's own replaces it) and tree-view icons. file.png stays:
            # the EPUB theme's stylesheet names it, and epubcheck wants it there.
            "_static/basic.css",
            "_static/plus.png",
            "_static/minus.png",
            # The online book's own files.
            "_static/course.css",
            "_static/course-search.js",
            "_static/course-highlight.js",
            "_static/crisis.css",
            "_static/logo.svg",
            # The print covers' mark (ext/epub/cover.py): the EPUB's cover has it.
            "_static/cover-mark.svg",
            # Written by the EPUB builder itself from epub_cover: the copy a
            # previous build left would be packed twice (epubcheck RSC-005).
            "epub-cover.xhtml",
        ],
        "epub_description": course.subtitle,
        "html_use_index": False,
        **linkcheck_settings(course),
    }


def slides_settings(conf_file: str | Path) -> dict[str, Any]:
    """Settings of ``slides/conf.py``: the decks, read from the book's sources."""
    settings = book_settings(conf_file)
    settings["extensions"] = [
        "myst_parser",
        "sphinxcontrib.bibtex",
        "coursepress.ext.decks",  # coursepress.ext, sphinx-revealjs and the decks
    ]
    for key in [k for k in settings if k.startswith(("html_theme", "epub_"))]:
        del settings[key]
    settings.update(
        {
            "html_static_path": [],
            "html_css_files": [],
            # Citations appear only in the speaker notes, where no one hovers for
            # a tooltip; formatting each reference a second time for one was a
            # tenth of a deck rebuild.
            "bibtex_tooltips": False,
            "revealjs_style_theme": "white",
            "revealjs_script_conf": {
                # A 16:9 canvas for projectors and screens; deck.css sizes type for it.
                "width": 1280,
                "height": 720,
                "hash": True,
                "slideNumber": "c/t",
                "transition": "none",
                "center": False,
            },
        }
    )
    return settings


def sheets_settings(conf_file: str | Path) -> dict[str, Any]:
    """Settings of ``book/sheets/conf.py``: the printable sheets, each its own PDF."""
    book = Path(conf_file).resolve().parent.parent
    layout = Layout(book.parent)
    course, course_error = _load_for_sphinx(book)
    return {
        "project": course.title,
        "author": course.author,
        "copyright": course.copyright,
        "release": course.release,
        "version": course.release,
        "language": course.language,
        "extensions": ["myst_parser", "coursepress.ext"],
        "source_suffix": {".md": "markdown"},
        "root_doc": "index",
        "exclude_patterns": ["**/README.md"],
        "nitpicky": True,
        "myst_enable_extensions": ["colon_fence", "deflist"],
        "course_base_url": course.base_url,
        "course_source_dirs": [str(path) for path in layout.sources],
        "course_crisis": course.crisis,
        "course_toml_error": course_error,
        "course_allow_remote": list(course.allow_remote),
        "html_title": course.title,
        "html_copy_source": False,
        "html_show_sourcelink": False,
        "html_last_updated_fmt": None,
        "html_use_index": False,
        "html_context": {"course_subtitle": course.subtitle},
    }
