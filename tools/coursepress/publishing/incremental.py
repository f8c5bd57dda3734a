"""What ``coursepress build`` must rebuild, in which order, and when to publish.

- An output whose inputs and output folder are as its last good build left
  them is not rebuilt: Sphinx is not even started (see ``fingerprint``).
- The others start longest first, by the time their last build took, so two
  workers finish together instead of one waiting on the PDF at the end.
- An output last built by other code (this package, a dependency or Python
  upgraded) is read and written whole (``Plan.reread``): Sphinx rewrites only
  the pages whose sources changed, so the rest would keep the old code's HTML.
- ``build/site`` is republished only when an output changed or the site is
  not as the last publishing left it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ..course.layout import Layout
from .fingerprint import (
    Stamp,
    inputs_digest,
    listing_digest,
    project_digest,
    tool_digest,
)


class Target(Protocol):
    """An output to plan: ``build.Target`` (described here, so that ``build``
    calls this module and this module never needs ``build``)."""

    @property
    def name(self) -> str: ...

    @property
    def builder(self) -> str: ...

    def command(self, root: Path) -> list[str]: ...


T = TypeVar("T", bound=Target)


class _Outcome(Protocol):
    target: Target
    returncode: int
    seconds: float


def _output(root: Path, name: str) -> Path:
    return Layout(root).output(name)


@dataclass(frozen=True)
class Plan(Generic[T]):
    stale: list[T]  # to build, longest first
    fresh: list[str]  # names of outputs that are up to date
    digests: dict[str, str]  # name -> inputs digest
    tool: str  # the code that builds (fingerprint.tool_digest)
    reread: list[str]  # names of stale outputs last built by other code

    def record(self, root: Path, outcomes: Iterable[_Outcome]) -> None:
        """Stamp each output that built; forget the stamp of each that failed."""
        for outcome in outcomes:
            name = outcome.target.name
            stamp = Stamp(root, name)
            if outcome.returncode:
                stamp.forget()
                continue
            stamp.write(
                inputs=self.digests[name],
                tool=self.tool,
                output=listing_digest(_output(root, name)),
                seconds=round(outcome.seconds, 2),
            )


def plan(targets: Sequence[T], root: Path) -> Plan[T]:
    tool = tool_digest()
    project = project_digest(root, tool)
    stale: list[tuple[float, int, T]] = []
    fresh, reread, digests = [], [], {}
    for index, target in enumerate(targets):
        digest = inputs_digest(project, target.command(root))
        digests[target.name] = digest
        last = Stamp(root, target.name).read()
        output = _output(root, target.name)
        if (
            last.get("inputs") == digest
            and output.is_dir()
            and last.get("output") == listing_digest(output)
        ):
            fresh.append(target.name)
            continue
        if last.get("tool") != tool:
            reread.append(target.name)
        seconds = last.get("seconds")
        # Never built: PDFs (WeasyPrint) are the long ones.
        guess = 1e6 if "pdf" in target.builder else 0.0
        weight = float(seconds) if isinstance(seconds, (int, float)) else guess
        stale.append((-weight, index, target))
    ordered = [target for *_, target in sorted(stale)]
    return Plan(ordered, fresh, digests, tool, reread)


def _outputs_digest(root: Path, names: Iterable[str]) -> str:
    return "\n".join(
        f"{name}:{listing_digest(_output(root, name))}" for name in sorted(names)
    )


def site_is_current(root: Path, names: Iterable[str]) -> bool:
    """Whether ``build/site`` is what publishing the outputs ``names`` made."""
    last = Stamp(root, "site").read()
    site = Layout(root).site
    return (
        site.is_dir()
        and last.get("outputs") == _outputs_digest(root, names)
        and last.get("site") == listing_digest(site)
    )


def record_site(root: Path, names: Iterable[str]) -> None:
    Stamp(root, "site").write(
        outputs=_outputs_digest(root, names),
        site=listing_digest(Layout(root).site),
    )
