"""``coursepress prose``: the course text's quality checks, with a report per chapter.

Exit codes: 0 every check passed (warnings, such as each long sentence, allowed);
1 problems, listed as ``file:line: message``; 2 a usage problem (no book here, no
such --sources folder, textstat missing).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..console import Console

#: The source texts, relative to the project folder (the course brief's layout).
DEFAULT_SOURCES = Path("..") / "shared" / "sources"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources",
        type=Path,
        default=None,
        metavar="DIR",
        help="the source texts that no course text may copy from "
        f"(default: {DEFAULT_SOURCES} from the project folder; "
        "the check is skipped when it is absent)",
    )


def run(args: argparse.Namespace, root: Path, console: Console) -> int:
    # Imported here, not above: other subcommands should not pay for them.
    from ..course.layout import Layout
    from .readability import ReadabilityUnavailable
    from .report import check_course, render

    if not Layout(root).book.is_dir():
        console.error(
            f"{root} has no book/ folder: run this in the project folder or pass --root"
        )
        return 2
    if args.sources is not None and not args.sources.is_dir():
        console.error(f"--sources {args.sources}: no such folder")
        return 2
    sources = args.sources.resolve() if args.sources else root / DEFAULT_SOURCES
    try:
        report = check_course(root, sources)
    except ReadabilityUnavailable as err:
        console.error(str(err))
        return 2
    for line in render(report):
        console.result(line)
    for note in report.notes:
        console.info(note)
    return 0 if report.ok else 1
