"""Benchmark of the publishing pipeline: ``coursepress bench`` / ``nox -s bench``."""
