"""``coursepress``: the command line of the course pipeline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursepress import __version__

from .build import TARGETS, build
from .console import Console
from .course.layout import Layout


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursepress", description="Publish the course from its MyST sources."
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the project folder (with book/, slides/, exercises/); default: here",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser(
        "build", help="build outputs and publish build/site"
    )
    build_parser.add_argument(
        "outputs",
        nargs="*",
        metavar="OUTPUT",
        help=f"what to build: {', '.join(TARGETS)} or all (default: all)",
    )
    build_parser.add_argument(
        "--jobs", "-j", type=int, default=2, help="builds to run at once (default: 2)"
    )
    # Also after "build", so `nox -s build -- --root DIR` works.
    build_parser.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    # Only the chosen command's own arguments are loaded: the other stages import
    # parsers that would add a quarter of a second to every `coursepress build`.
    words = set(sys.argv[1:] if argv is None else argv)
    bench_parser = commands.add_parser(
        "bench",
        help="measure every output on a synthetic course; write build/bench/report.md",
    )
    if "bench" in words:
        from .bench.cli import add_arguments as add_bench_arguments

        add_bench_arguments(bench_parser)
    ingest_parser = commands.add_parser(
        "ingest", help="turn source texts into MyST chapter drafts and exercise stubs"
    )
    if "ingest" in words:
        try:
            from .ingest.cli import add_arguments
        except ImportError:  # the ingest stage is optional for building
            ingest_parser.set_defaults(unavailable=True)
        else:
            add_arguments(ingest_parser)
    prose_parser = commands.add_parser(
        "prose",
        help="check the course text: structure, citations, glossary, "
        "overlap with the sources, reading grade",
    )
    if "prose" in words:
        from .prose.cli import add_arguments as add_prose_arguments

        add_prose_arguments(prose_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser(argv).parse_args(argv)
    console = Console()
    root = args.root.resolve()
    if args.command == "bench":
        from .bench.cli import run as run_bench

        return run_bench(args, root, console)
    if args.command == "build":
        if not (Layout(root).book / "conf.py").is_file():
            console.error(
                f"{root} has no book/conf.py: "
                "run this in the project folder or pass --root"
            )
            return 2
        unknown = [name for name in args.outputs if name not in [*TARGETS, "all"]]
        if unknown:
            console.error(
                f"unknown output {unknown[0]!r}: "
                f"choose from {', '.join(TARGETS)} or all"
            )
            return 2
        names = (
            list(TARGETS)
            if not args.outputs or "all" in args.outputs
            else list(dict.fromkeys(args.outputs))
        )
        return build(names, root, console, jobs=args.jobs)
    if args.command == "ingest":
        if getattr(args, "unavailable", False):
            console.error("the ingest stage is not installed")
            return 2
        from .ingest.cli import run

        return run(args, console.out, console.err)
    if args.command == "prose":
        from .prose.cli import run as run_prose

        return run_prose(args, root, console)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
