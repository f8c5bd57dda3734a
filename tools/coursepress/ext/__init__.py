"""The course's Sphinx extension: ``extensions = ["coursepress.ext"]``.

It sets up everything the book project needs (and the printable sheets' project
too): the course's directives and nodes, the transforms that shape each output
for its audience (``audience.py``), and the builders with the repairs each one
owns. The slides project loads ``coursepress.ext.decks``, which adds the decks.

One module per feature, each with a ``setup_<feature>(app)``, in the manner of
sphinx-design. Cross-document data lives in ``env`` with purge and merge
handlers, so reading in parallel is safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from coursepress import __version__
from coursepress.resources import THEMES

from .authoring.activecontent import setup_activecontent
from .authoring.bibfiles import setup_bibfiles
from .authoring.bibliography import setup_bibliography
from .authoring.blocks import setup_blocks
from .authoring.chapterrefs import setup_chapterrefs
from .authoring.chapters import setup_chapters
from .authoring.crisis import setup_crisis
from .authoring.crisiscall import setup_crisiscall
from .authoring.drafts import setup_drafts
from .authoring.dropdown import setup_dropdown
from .authoring.encoding import setup_encoding
from .authoring.exercises import setup_exercises
from .authoring.fences import setup_fences
from .authoring.images import setup_images
from .authoring.margin import setup_margin
from .authoring.math import setup_math
from .authoring.paths import setup_paths
from .authoring.sessions import setup_format_check
from .authoring.sheetlist import setup_sheetlist
from .authoring.sources import setup_sources
from .authoring.tasklist import setup_tasklist
from .authoring.unsupported import setup_unsupported
from .config import setup_config
from .epub.builder import CourseEpubBuilder
from .epub.cover import setup_cover
from .epub.reproducible import setup_reproducible
from .network import setup_network
from .nodes import ALL_NODES, depart_speaker_notes, speaker_notes, visit_speaker_notes
from .outputs import setup_outputs
from .paper.downloads import setup_printed_downloads
from .paper.handouts import GuideBuilder, WorkbookBuilder
from .paper.pagewords import setup_pagewords
from .paper.pdf import CoursePDFBuilder
from .paper.sheets import setup_sheets
from .readers import setup_readers
from .speedups.bibcache import setup_bibcache
from .speedups.fignumbers import setup_fignumbers
from .speedups.plugincache import setup_plugincache
from .speedups.templatecache import setup_templatecache
from .structure import setup_structure
from .web.a11y import setup_a11y
from .web.links import setup_links
from .web.navcache import setup_navcache
from .web.offline import setup_offline
from .web.search import setup_search
from .web.searchentries import setup_searchentries

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _skip(self: Any, node: nodes.Node) -> None:
    # Course nodes are rewritten by a post-transform before writing; one that
    # slips through is dropped rather than leaking facilitator text.
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_network(app)  # with COURSEPRESS_NO_NETWORK=1: no connection at all
    for node_class in ALL_NODES:
        if node_class is speaker_notes:
            app.add_node(node_class, html=(visit_speaker_notes, depart_speaker_notes))
        else:
            app.add_node(node_class, html=(_skip, None))
    # Speed-ups first: they wrap what the features below register.
    setup_plugincache(app)
    setup_bibcache(app)
    setup_fignumbers(app)
    setup_navcache(app)
    setup_templatecache(app)
    # Authoring: directives, roles, and the data read from the sources.
    setup_fences(app)  # an unclosed ``` or ::: fails, naming the line
    setup_bibliography(app)
    setup_bibfiles(app)  # a .bib file that cannot be read fails at its line
    setup_blocks(app)
    setup_chapters(app)
    setup_chapterrefs(app)  # {chapter}`label`: "Chapter 3", linked
    setup_exercises(app)
    setup_encoding(app)
    setup_paths(app)  # a file named from outside the course fails, unread
    setup_images(app)  # an image that is not a usable picture fails
    setup_activecontent(app)  # nothing that runs, nothing from other sites
    setup_math(app)
    setup_dropdown(app)
    setup_margin(app)
    setup_tasklist(app)
    setup_unsupported(app)
    setup_sources(app)
    setup_crisis(app)
    setup_crisiscall(app)  # "call {{ helpline }}": the crisis line as a link
    setup_sheetlist(app)
    setup_drafts(app)  # TODO markers and unverified sources fail the build
    setup_format_check(app)  # formats schedule; every module is in a session
    # Each output's shape, chosen by its audience and medium (audience.py).
    setup_readers(app)
    setup_links(app)
    setup_pagewords(app)  # on paper, "the X (page 9)", not "the X (page 9) page"
    setup_search(app)
    setup_searchentries(app)  # glossary terms kept in the search index (#12599)
    setup_offline(app)
    setup_a11y(app)  # axe-core repairs to docutils and theme markup
    setup_cover(app)
    setup_reproducible(app)
    setup_outputs(app)  # each output folder holds only what this build made
    setup_structure(app)  # a new structure writes every page (#5506)
    # The builders; each owns its repairs (print markup, EPUB package and zip).
    app.add_builder(CoursePDFBuilder)
    app.add_builder(GuideBuilder)
    app.add_builder(WorkbookBuilder)
    app.add_builder(CourseEpubBuilder, override=True)  # in place of Sphinx's epub
    app.add_html_theme("coursepress-print", str(THEMES / "print"))
    setup_sheets(app)  # the sheetpdf builder, its theme and its directives
    setup_printed_downloads(app)  # on paper: the site's copy, never a file: link
    return {
        "version": __version__,
        # env_version: bump when the shape of env.course_* data changes, or when
        # a setting whose effect is stored at reading must be read again (2: the
        # bibliography style, which sphinxcontrib-bibtex keeps in the env;
        # 3: exercises' debrief and transition minutes).
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
