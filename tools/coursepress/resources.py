"""Where the package keeps its data files: themes, templates and static files."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
THEMES = PACKAGE / "themes"
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
