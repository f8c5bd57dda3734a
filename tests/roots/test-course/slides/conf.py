"""Sphinx configuration of the decks, built from book/: see coursepress.settings."""

from coursepress.settings import slides_settings

globals().update(slides_settings(__file__))
