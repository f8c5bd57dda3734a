"""The decks: ``extensions = ["coursepress.ext.decks"]`` in the slides project.

Kept apart from ``coursepress.ext`` because sphinx-revealjs is not parallel-read
safe: the book reads in parallel, the slides project does not.
"""

from .builder import setup

__all__ = ["setup"]
