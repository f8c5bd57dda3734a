"""Serve a folder on 127.0.0.1 for as long as a ``with`` block runs.

The link check and the browser tests look at the site as a reader's browser
would, over HTTP, without sending anything off this machine: the server binds
the loopback address only, on a free port, and stops when the block ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request, with any extra headers."""

    extra_headers: dict[str, str] = {}  # noqa: RUF012  (set per server)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung client never keeps the process alive

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Checkers hang up once they have the headers of a big file: not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_directory(
    root: Path, host: str = "127.0.0.1", headers: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve ``root`` and yield its base URL (ending in ``/``)."""
    handler_class = type("Handler", (QuietHandler,), {"extra_headers": headers or {}})
    handler = partial(handler_class, directory=str(root))
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
