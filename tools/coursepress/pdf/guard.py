"""A speed-up over WeasyPrint or pydyf, and what guards it: versions and a check.

Each speed-up replaces something inside a library release that it was read
against. A new release may rename the function, move it, or change what its
callers expect; a patch written for the old one could then do nothing, or write
a wrong PDF. So each speed-up names the exact versions it was written for and
installs only on those (otherwise the plain library renders), and after
installing it checks that the library now really holds our replacement.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

logger = logging.getLogger(__name__)


class TargetMissing(LookupError):
    """The library no longer has what a speed-up replaces (renamed or moved)."""


@dataclass(frozen=True)
class Installed:
    """One replacement in place: how to check it is still ours, how to undo it."""

    holds: Callable[[], bool]
    undo: Callable[[], None]


class Target(Protocol):
    """Something a speed-up replaces for the length of a render."""

    @property
    def name(self) -> str: ...

    def current(self) -> Any:
        """What the library holds now: compared before, during and after."""

    def install(self) -> Installed: ...


@dataclass(frozen=True)
class Attribute:
    """An attribute of a library module or class: ``module``, then dotted ``path``.

    ``make`` receives the library's own object (to wrap it, where the speed-up
    only filters what reaches it) and returns ours. The raw object is read and
    written (``inspect.getattr_static``, ``setattr``), so a property is replaced
    as a property and a method as a function, and restored as exactly itself.
    """

    module: str
    path: str
    make: Callable[[Any], Any]

    @property
    def name(self) -> str:
        return f"{self.module}.{self.path}"

    def _owner(self) -> tuple[Any, str]:
        *parents, attribute = self.path.split(".")
        try:
            owner: Any = importlib.import_module(self.module)
            for parent in parents:
                owner = getattr(owner, parent)
        except (ImportError, AttributeError) as err:
            raise TargetMissing(f"{self.name} is gone") from err
        return owner, attribute

    def current(self) -> Any:
        """The object the library holds now (raises ``TargetMissing``)."""
        owner, attribute = self._owner()
        try:
            return inspect.getattr_static(owner, attribute)
        except AttributeError as err:
            raise TargetMissing(f"{self.name} is gone") from err

    def install(self) -> Installed:
        owner, attribute = self._owner()
        original = self.current()
        try:
            ours = self.make(original)
        except (ImportError, AttributeError) as err:
            # What the replacement itself needs from the library is gone.
            raise TargetMissing(f"{self.name}'s replacement needs {err}") from err
        setattr(owner, attribute, ours)
        return Installed(
            holds=lambda: self.current() is ours,
            undo=lambda: setattr(owner, attribute, original),
        )


@dataclass(frozen=True)
class SpeedUp:
    """A registered speed-up (``coursepress.pdf.speedups.REGISTRY``).

    ``versions``: each distribution it depends on and the exact version (as
    ``importlib.metadata`` spells it) it was written and measured against.
    ``upstream``: the upstream issue it stands in for, or ``None`` where none
    was found (the module's docstring says so, and how close the link is).
    ``module``: the module holding its code, whose source is part of the
    render stamp (``stamp.engine_fingerprint``).
    """

    name: str
    module: str
    targets: tuple[Target, ...]
    versions: Mapping[str, str]
    upstream: str | None

    def mismatch(self) -> str | None:
        """Why the installed libraries are not the ones it was written for."""
        for distribution, wanted in self.versions.items():
            try:
                found = metadata.version(distribution)
            except metadata.PackageNotFoundError:
                found = "not installed"
            if found != wanted:
                return f"written for {distribution} {wanted}, found {found}"
        return None

    def source(self) -> str:
        """The code of the speed-up as loaded (read, never imported again)."""
        return Path(sys.modules[self.module].__file__ or "").read_text(encoding="utf-8")

    def install(self) -> list[Installed]:
        """Replace every target, then check each really holds ours.

        Raises ``TargetMissing`` (after undoing what it did) when the library
        no longer has a target, or lost our replacement the moment it was set.
        """
        done: list[Installed] = []
        try:
            for target in self.targets:
                installed = target.install()
                done.append(installed)
                if not installed.holds():
                    raise TargetMissing(f"{target.name} did not keep our replacement")
        except BaseException:
            for installed in reversed(done):
                installed.undo()
            raise
        return done
