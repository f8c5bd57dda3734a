"""The one place the command line writes to: messages for people, on stderr."""

from __future__ import annotations

import sys
from typing import TextIO


class Console:
    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def info(self, message: str) -> None:
        self.err.write(message + "\n")
        self.err.flush()

    def warning(self, message: str) -> None:
        self.err.write(f"warning: {message}\n")
        self.err.flush()

    def error(self, message: str) -> None:
        self.err.write(f"error: {message}\n")
        self.err.flush()

    def result(self, message: str) -> None:
        """Output a script may read (stdout)."""
        self.out.write(message + "\n")
        self.out.flush()
