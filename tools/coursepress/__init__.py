"""coursepress: publish one MyST course source as a book, a PDF, an EPUB and decks."""

__version__ = "0.1.0"
