"""The PDF engine: WeasyPrint and our guarded speed-ups, with no Sphinx in sight."""

from .render import PDFRenderError, engine_fingerprint, render_pdf

__all__ = ["PDFRenderError", "engine_fingerprint", "render_pdf"]
