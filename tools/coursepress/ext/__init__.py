"""The course's Sphinx extension: ``extensions = ["coursepress.ext"]``.

One module per feature, each with a ``setup_<feature>(app)``, in the manner of
sphinx-design. Cross-document data lives in ``env`` with purge and merge
handlers, so reading in parallel is safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from coursepress import __version__

from .authoring.bibliography import setup_bibliography
from .authoring.blocks import setup_blocks
from .authoring.chapters import setup_chapters
from .authoring.crisis import setup_crisis
from .authoring.crisiscall import setup_crisiscall
from .authoring.dropdown import setup_dropdown
from .authoring.encoding import setup_encoding
from .authoring.exercises import setup_exercises
from .authoring.margin import setup_margin
from .authoring.math import setup_math
from .authoring.sessions import setup_sessions
from .authoring.sheetlist import setup_sheetlist
from .authoring.sources import setup_sources
from .authoring.tasklist import setup_tasklist
from .authoring.unsupported import setup_unsupported
from .decks.builder import depart_speaker_notes, setup_decks, visit_speaker_notes
from .epub.cover import setup_cover
from .epub.reproducible import setup_reproducible
from .epub.stamp import setup_epub_stamp
from .nodes import ALL_NODES, speaker_notes
from .readers import setup_readers
from .speedups.plugincache import setup_plugincache
from .speedups.templatecache import setup_templatecache
from .web.links import setup_links
from .web.navcache import setup_navcache
from .web.offline import setup_offline
from .web.search import setup_search

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _skip(self: Any, node: nodes.Node) -> None:
    # Course nodes are rewritten by a post-transform before writing; one that
    # slips through is dropped rather than leaking facilitator text.
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    for node_class in ALL_NODES:
        if node_class is speaker_notes:
            app.add_node(node_class, html=(visit_speaker_notes, depart_speaker_notes))
        else:
            app.add_node(node_class, html=(_skip, None))
    setup_plugincache(app)
    setup_navcache(app)
    setup_epub_stamp(app)
    setup_templatecache(app)
    setup_bibliography(app)
    setup_blocks(app)
    setup_chapters(app)
    setup_cover(app)
    setup_exercises(app)
    setup_encoding(app)
    setup_math(app)
    setup_dropdown(app)
    setup_margin(app)
    setup_tasklist(app)
    setup_unsupported(app)
    setup_sources(app)
    setup_sessions(app)
    setup_reproducible(app)
    setup_readers(app)
    setup_links(app)
    setup_search(app)
    setup_crisis(app)
    setup_crisiscall(app)
    setup_sheetlist(app)
    setup_offline(app)
    setup_decks(app)
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
