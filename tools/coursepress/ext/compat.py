"""The one place that reaches into Sphinx internals, so an upgrade touches one file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def current_builder(env: BuildEnvironment) -> Builder:
    # Sphinx 9 deprecates Transform.app; its own post-transforms use env._app.
    return env._app.builder
