"""Keep the themes' compiled Jinja templates between builds.

Sphinx compiles every template it renders from source in each new process:
for the book theme that is 35 templates and about a tenth of a one-chapter
rebuild, spent before the first page is written. Jinja's own bytecode cache
stores each compiled template beside the doctrees, keyed by its file and
checked against a hash of its source, so an edited template is compiled again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _use_bytecode_cache(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:  # builders that render no templates
        return
    from jinja2 import FileSystemBytecodeCache

    folder = Path(app.doctreedir) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup_templatecache(app: Sphinx) -> None:
    app.connect("builder-inited", _use_bytecode_cache)
