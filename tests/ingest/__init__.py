"""Tests of ``coursepress ingest``.

A package, so that its ``conftest`` does not shadow ``tests/conftest.py``.
"""
