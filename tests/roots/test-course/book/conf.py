"""Sphinx configuration of the book (HTML, PDF, EPUB): see coursepress.settings."""

from coursepress.settings import book_settings

globals().update(book_settings(__file__))
