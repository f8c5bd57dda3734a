"""The engine set up for one render, and put back as it was afterwards.

A render changes process-wide state: the speed-ups replace functions inside
WeasyPrint and pydyf, the collector runs with other thresholds, and WeasyPrint's
logger is quietened. Inside a Sphinx process (or a test run) none of that may
outlive the render, so ``engine()`` does all of it on entry and undoes it, in
reverse, on exit, whether the render returned or raised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from .guard import SpeedUp, TargetMissing
from .speedups import REGISTRY
from .switches import VARIABLE, switched_on

logger = logging.getLogger(__name__)


def plan(registry: tuple[SpeedUp, ...] = REGISTRY) -> dict[str, str]:
    """Each speed-up's state before a render: "on", "off" (switched) or why not.

    Reads no library code, only versions and the switch, so the render stamp
    can include it without loading WeasyPrint.
    """
    on = switched_on(speed_up.name for speed_up in registry)
    states = {}
    for speed_up in registry:
        mismatch = speed_up.mismatch()
        if speed_up.name not in on:
            states[speed_up.name] = f"off ({VARIABLE})"
        elif mismatch:
            states[speed_up.name] = f"skipped: {mismatch}"
        else:
            states[speed_up.name] = "on"
    return states


@contextmanager
def engine(registry: tuple[SpeedUp, ...] = REGISTRY) -> Iterator[list[str]]:
    """Install the speed-ups that are on and fit the libraries; restore on exit.

    Yields the names of the speed-ups installed. One whose versions do not match
    is skipped with an info line; one whose target is gone (renamed or moved
    upstream) with a warning. Either way the plain library renders.
    """
    states = plan(registry)
    with ExitStack() as undo:
        installed = []
        for speed_up in registry:
            state = states[speed_up.name]
            if state.startswith("skipped"):
                why = state.removeprefix("skipped: ")
                logger.info(
                    f"PDF speed-up {speed_up.name} not used ({why}): plain "
                    f"WeasyPrint and pydyf render instead (upstream issue: "
                    f"{speed_up.upstream or 'none found'})"
                )
            if state != "on":
                continue
            try:
                done = speed_up.install()
            except TargetMissing as err:
                logger.warning(
                    f"PDF speed-up {speed_up.name} not installed: {err} (renamed "
                    f"or moved upstream?); plain WeasyPrint and pydyf render "
                    f"instead. Update or remove {speed_up.module} (upstream issue: "
                    f"{speed_up.upstream or 'none found'})."
                )
                continue
            for one in done:  # the stack undoes them last first
                undo.callback(one.undo)
            installed.append(speed_up.name)
        # WeasyPrint logs every CSS property it does not support; keep errors.
        weasyprint_logger = logging.getLogger("weasyprint")
        undo.callback(weasyprint_logger.setLevel, weasyprint_logger.level)
        weasyprint_logger.setLevel(logging.ERROR)
        yield installed
