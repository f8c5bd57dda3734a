"""Run one command and measure it: wall time, CPU time and peak memory.

``python -m coursepress.bench.measure -- COMMAND...`` runs COMMAND and writes
one JSON line to stdout. It is its own process because the kernel reports the
CPU time and peak memory of a process's *waited-for children* as a running
total and maximum (``getrusage(RUSAGE_CHILDREN)``): only a fresh process gives
the figures of one command alone. Peak memory is the resident size of the
largest single process the command ran (Linux's ``ru_maxrss``), not the sum of
processes that ran at the same time.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds
    cpu: float  # seconds, user + system, of every process the command ran
    peak_mb: float  # resident memory of the largest process, MiB
    returncode: int
    output: str = ""  # stdout and stderr, for the report when a command fails


def measure(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> Measure:
    """Run ``command`` in a fresh measuring process and return its figures."""
    process = subprocess.run(
        [sys.executable, "-m", "coursepress.bench.measure", "--", *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if process.returncode != 0 or not process.stdout.strip():
        return Measure(0.0, 0.0, 0.0, process.returncode or 1, process.stderr[-4000:])
    return Measure(**json.loads(process.stdout.strip().splitlines()[-1]))


def _run(command: list[str]) -> Measure:
    start = time.perf_counter()
    process = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Measure(
        wall=round(wall, 3),
        cpu=round(usage.ru_utime + usage.ru_stime, 3),
        peak_mb=round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        returncode=process.returncode,
        output=process.stdout[-4000:] if process.returncode else "",
    )


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        sys.stderr.write("usage: python -m coursepress.bench.measure -- COMMAND...\n")
        return 2
    result = _run(command)
    sys.stdout.write(json.dumps(asdict(result)) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main(sys.argv[1:]))
