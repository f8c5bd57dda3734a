"""The network guard (``coursepress/netguard.py``) around each guarded build.

On with ``COURSEPRESS_NO_NETWORK=1`` (``coursepress build`` sets it; the link
check, which needs the network, runs Sphinx without it: ``linkcheck.py``); off
when the build finishes, so an in-process build leaves the process as it found
it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx.util import logging

from coursepress import netguard

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _report(message: str) -> None:
    logger.error(message, type="course", subtype="network")


def _switch_on(app: Sphinx) -> None:
    if os.environ.get(netguard.ENV_VAR) != "1":
        return
    # The sites whose pictures the course allows ([privacy] allow_remote): the
    # EPUB builder downloads them.
    hosts = {urlsplit(origin).hostname for origin in app.config.course_allow_remote}
    netguard.switch_on({host for host in hosts if host}, _report)


def _switch_off(app: Sphinx, exception: BaseException | None) -> None:
    netguard.switch_off()


def setup_network(app: Sphinx) -> None:
    app.connect("builder-inited", _switch_on)
    app.connect("build-finished", _switch_off)
