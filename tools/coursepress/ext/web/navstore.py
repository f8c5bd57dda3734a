"""The sidebars of ``navcache``, kept between builds beside the doctrees.

``navcache`` draws the book's sidebar once per folder; a rebuild after one
chapter's edit still drew it again for each folder it wrote a page in (0.43 s
of a 2.9 s rebuild at 100 chapters, profiled), although nothing the sidebar
shows had changed. Each drawn sidebar is now stored with a digest of
everything it is drawn from:

- the book's structure, as ``structure.structure_of`` digests it once a
  build: every page's contents entries and title, which page includes which,
  the section numbers, the labels and the chapters' numbers;
- the configuration values that make Sphinx rebuild HTML or re-read pages
  (the same stable hash Sphinx writes to ``.buildinfo``) and the tags;
- the code that draws it, as every kept result of the build holds it
  (``fingerprint.code_key``: this package with its templates, the installed
  distributions with Sphinx and the themes, the ``COURSEPRESS_*`` switches).

A stored sidebar is used only when the digest is equal; any change in these
draws it again. The store is one pickle file, written when the build ends.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursepress.files import write_atomic
from coursepress.publishing.fingerprint import code_key

from ..compat import rebuild_config_hash
from ..structure import structure_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

FILE = "course-sidebars.pickle"


def drawn_from(app: Sphinx) -> str:
    """The digest of what a sidebar is drawn from: the book's structure, the
    settings, and the code that draws it (``fingerprint.code_key``: this
    package, Sphinx, the themes)."""
    digest = hashlib.sha256(structure_of(app).encode())
    digest.update(rebuild_config_hash(app).encode())
    digest.update(code_key().encode())
    return digest.hexdigest()


@dataclass
class SidebarStore:
    """One builder's sidebars by key: drawn in this build, or kept from the last."""

    path: Path
    drawn: dict[Any, Any] = field(default_factory=dict)
    _kept: dict[Any, tuple[str, Any]] | None = None
    _digest: str | None = None

    def get(self, app: Sphinx, key: Any, draw: Callable[[], Any]) -> Any:
        if key in self.drawn:
            return self.drawn[key]
        if self._digest is None:  # the environment is complete once pages are written
            self._digest = drawn_from(app)
        kept = self._load().get(key)
        if kept is not None and kept[0] == self._digest:
            self.drawn[key] = kept[1]
        else:
            self.drawn[key] = draw()
        return self.drawn[key]

    def save(self) -> None:
        """Write the sidebars of this build, and the others still current."""
        if self._digest is None:  # no page drew a sidebar
            return
        kept = {k: v for k, v in self._load().items() if v[0] == self._digest}
        kept.update((key, (self._digest, drawn)) for key, drawn in self.drawn.items())
        if kept != self._load():
            write_atomic(self.path, pickle.dumps(kept, protocol=5))

    def _load(self) -> dict[Any, tuple[str, Any]]:
        if self._kept is None:
            try:
                self._kept = pickle.loads(self.path.read_bytes())
            except Exception:  # none yet, or unreadable: draw them again
                self._kept = {}
        return self._kept
