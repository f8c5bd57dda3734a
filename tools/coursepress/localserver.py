"""Serve a folder on 127.0.0.1 for as long as a ``with`` block runs.

The link check and the browser tests look at the site as a reader's browser
would, over HTTP, without sending anything off this machine: the server binds
the loopback address only, on a free port, and stops when the block ends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung client never keeps the process alive


@contextmanager
def serve_directory(root: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``root`` and yield its base URL (ending in ``/``)."""
    handler = partial(QuietHandler, directory=str(root))
    server = _Server((host, 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
