"""``coursepress bench``: measure the pipeline on a synthetic course, write a report."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from ..console import Console
from .report import write
from .runner import all_outputs, run_nox, run_size


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--chapters",
        type=int,
        nargs="+",
        default=[100],
        metavar="N",
        help="course sizes to measure, e.g. --chapters 100 300 (default: 100)",
    )
    parser.add_argument(
        "--outputs",
        nargs="+",
        default=None,
        metavar="OUTPUT",
        help=f"outputs to measure (default: all of {', '.join(all_outputs())})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run each clean build and floor N times and keep the fastest "
        "(steadier figures on a busy machine; default: 1)",
    )
    parser.add_argument(
        "--no-nox",
        dest="nox",
        action="store_false",
        help="leave out the nox figures (nox -s build against an empty session)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        help="folder for report.md and report.json (default: build/bench)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the synthetic courses (their folder is printed)",
    )


def run(args: argparse.Namespace, root: Path, console: Console) -> int:
    outputs = args.outputs or all_outputs()
    unknown = [name for name in outputs if name not in all_outputs()]
    if unknown or any(n < 1 for n in [*args.chapters, args.repeat]):
        console.error(
            f"unknown output {unknown[0]!r}: choose from {', '.join(all_outputs())}"
            if unknown
            else "--chapters and --repeat take whole numbers of 1 or more"
        )
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="coursepress-bench-"))
    runs = []
    for chapters in sorted(set(args.chapters)):
        runs.append(
            run_size(root, workdir, chapters, outputs, console.info, args.repeat)
        )
    nox = []
    if args.nox:
        course = workdir / f"course-{runs[0].chapters}"
        nox = run_nox(root, workdir, course, console.info)
    report = args.report or root / "build" / "bench"
    _, md_path = write(report, runs, outputs, nox)
    if args.keep:
        console.info(f"the synthetic courses are in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    console.info(md_path.read_text(encoding="utf-8"))
    console.result(str(md_path))
    failed = [row for run in runs for row in run.rows if row.measure.returncode] + [
        row for row in nox if row.measure.returncode
    ]
    if failed:
        console.error(
            "some builds failed: "
            + ", ".join(f"{row.scenario}/{row.output}" for row in failed)
        )
        return 1
    return 0
