"""The PDF engine: WeasyPrint and our guarded speed-ups, with no Sphinx in sight.

- ``render.py``: ``render_pdf``, skipped when its stamp (``stamp.py``) says the
  PDF is what the same HTML and the same engine made.
- ``speedups/``: one module per speed-up over WeasyPrint 70 and pydyf 0.13, each
  registered (``REGISTRY``) with the exact versions it was written for and the
  upstream issue it stands in for (``guard.py``).
- ``engine.py``: installs the speed-ups for one render, checks each really
  replaced its target, and restores everything it changed afterwards.

The environment variable ``COURSEPRESS_PDF_SPEEDUPS`` switches speed-ups off:
``off`` for all of them, ``-pagerefs,-gcpause`` for some (``switches.py``). A
speed-up on other library versions than its own is skipped, with an info line.
"""

from .errors import PDFRefusedError, PDFRenderError
from .render import render_pdf
from .stamp import engine_fingerprint

__all__ = ["PDFRefusedError", "PDFRenderError", "engine_fingerprint", "render_pdf"]
