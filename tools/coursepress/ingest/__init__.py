"""``coursepress ingest``: source texts -> MyST chapter drafts, exercise stubs, records.

The stages, one module each: ``reader`` (bytes, encoding, format),
``frontmatter``, ``metadata`` (title, site, episode, date), ``textparse`` /
``mdparse`` / ``htmlparse`` (to the neutral blocks of ``model``), ``chrome``
(rules from ``rules.toml``), ``structure``, ``wikilinks``, then ``render``,
``draft``, ``stubs`` and ``bibrecord`` for the output and ``writer`` to save it.
"""

from .errors import IngestError, UsageError
from .pipeline import Options, Result, ingest

__all__ = ["IngestError", "Options", "Result", "UsageError", "ingest"]
