"""Shared fixtures: small Sphinx projects in tests/roots, built by sphinx.testing."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


def warnings_of(app) -> str:
    """Everything the build warned about (the fixtures capture it in a stream)."""
    return app.warning.getvalue()
