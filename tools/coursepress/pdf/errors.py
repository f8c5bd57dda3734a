"""The PDF engine's errors: the builders turn them into their own build errors."""

from __future__ import annotations


class PDFRenderError(Exception):
    """No PDF was written: WeasyPrint failed, or the engine was set up wrongly."""


class PDFRefusedError(PDFRenderError):
    """No PDF was written: its page asks for what a PDF may not hold (a file
    outside the build, a web address, a link to a file of the build machine).
    The author's to fix, not a failure of the engine."""
