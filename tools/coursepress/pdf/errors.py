"""The PDF engine's one error: the builders turn it into their own build error."""

from __future__ import annotations


class PDFRenderError(Exception):
    """No PDF was written: WeasyPrint failed, or the engine was set up wrongly."""
