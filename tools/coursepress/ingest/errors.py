"""The two ways ingest refuses: a bad input file (exit 1) or a bad request (exit 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Note


class IngestError(Exception):
    """A problem with an input file; the message says what to do about it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.notes: list[Note] = []  # what was done before the problem showed


class UsageError(Exception):
    """A problem with the command line or a file named by an option."""
