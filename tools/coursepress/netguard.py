"""No connection to any other machine while the course is built (no Sphinx here).

The sources are checked as they are read (``ext/authoring/activecontent.py``),
but a builder, a docutils directive or another extension may still open a
connection: a tracking channel from the build machine, and an output that
depends on the network. ``coursepress build`` sets ``COURSEPRESS_NO_NETWORK=1``
for its Sphinx processes; the extension (``ext/network.py``) then switches on
an audit hook (PEP 578) that refuses every name lookup and connection except
to the hosts the course allows and local sockets.

An audit hook cannot be removed, and the tests build in the pytest process:
the hook is installed once and only acts while a guarded build runs.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

#: Set (to 1) by ``coursepress build`` for each of its Sphinx processes.
ENV_VAR = "COURSEPRESS_NO_NETWORK"


class NetworkRefused(PermissionError):
    """A connection the build refused (an OSError, so callers handle it as one)."""


def refusal(host: str, port: object) -> str:
    return (
        f"the build does not use the network: a connection to {host} (port {port}) "
        "was refused. A page names an address on another site (an image, a style "
        "sheet, a :url:), or an extension fetches one: put the file in the project"
    )


class _Guard:
    def __init__(self) -> None:
        self.enabled = False
        self.installed = False
        self.allowed_hosts: frozenset[str] = frozenset()
        self.report: Callable[[str], None] = lambda message: None
        self.reporting = threading.local()

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.enabled:
            return
        if event == "socket.getaddrinfo":
            self.check(str(args[0]), args[1])
        elif event == "socket.connect":
            sock, address = args
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                self.check(str(address[0]), address[1])

    def check(self, host: str, port: object) -> None:
        if host.lower().rstrip(".") in self.allowed_hosts:
            return
        message = refusal(host, port)
        if not getattr(self.reporting, "active", False):
            # Reported as well as raised: a caller that swallows the OSError
            # (an image downloader warns and goes on) still fails the build.
            self.reporting.active = True
            try:
                self.report(message)
            finally:
                self.reporting.active = False
        raise NetworkRefused(message)


_GUARD = _Guard()


def switch_on(allowed_hosts: Iterable[str], report: Callable[[str], None]) -> None:
    """Refuse connections but to ``allowed_hosts`` until ``switch_off()``."""
    _GUARD.allowed_hosts = frozenset(host.lower() for host in allowed_hosts)
    _GUARD.report = report
    if not _GUARD.installed:
        sys.addaudithook(_GUARD.hook)
        _GUARD.installed = True
    _GUARD.enabled = True


def switch_off() -> None:
    _GUARD.enabled = False
