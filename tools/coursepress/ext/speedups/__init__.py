"""Speed-ups over Sphinx, its themes and sphinxcontrib-bibtex (per-process caches)."""
