"""``coursepress ingest FILE...``: source texts -> chapter drafts, stubs and records.

Exit codes: 0 done; 1 a problem with an input file (the message names the file
and, where it applies, the line), including a draft written with ERROR lines
(text ingest may have lost); 2 a usage problem (options, rules, glossary).
"""

from __future__ import annotations

import argparse
import codecs
import logging
import sys
from pathlib import Path
from typing import TextIO

from ..files import write_atomic
from .errors import IngestError, UsageError
from .model import Note
from .pipeline import Options, Result, ingest
from .rules import load_rules
from .wikilinks import load_glossary
from .writer import plan, show

logger = logging.getLogger(__name__)

DEFAULT_OUT = Path("build/drafts")
DEFAULT_GLOSSARY = Path("book/glossary.md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="source texts"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
        help=f"folder for the drafts (default: {DEFAULT_OUT})",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be written; write nothing",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="read the sources in this encoding (default: UTF-8)",
    )
    parser.add_argument(
        "--rules", type=Path, action="append", default=[], metavar="FILE",
        help="extra chrome rules (TOML) on top of the defaults; may repeat",
    )  # fmt: skip
    parser.add_argument(
        "--glossary", type=Path, default=None, metavar="FILE",
        help=f"the book's glossary, for [[wiki links]] (default: {DEFAULT_GLOSSARY})",
    )  # fmt: skip


def _say(stderr: TextIO, message: str) -> None:
    """Every message of the command goes through here, to stderr."""
    stderr.write(f"{message}\n")


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _report(path: Path, notes: list[Note], stderr: TextIO) -> None:
    """Errors (article text that may be lost) first, then the notes by line."""
    for note in sorted(notes, key=lambda n: (not n.error, n.line is None, n.line or 0)):
        kind = f"ERROR: {note.kind}" if note.error else note.kind
        _say(stderr, f"{_where(path, note.line)}: {kind}: {note.message}")
    errors = sum(1 for note in notes if note.error)
    if errors:
        _say(
            stderr,
            f"{path}: {errors} error{'s' if errors != 1 else ''}: ingest may have "
            "removed article text (the ERROR lines above); check them in the source",
        )


def _options(args: argparse.Namespace) -> tuple[Options, list[str]]:
    """Options from the command line; UsageError for a bad one."""
    messages: list[str] = []
    if args.encoding is not None:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"--encoding {args.encoding}: no such encoding") from None
    rules = load_rules(args.rules)
    glossary_path = args.glossary or DEFAULT_GLOSSARY
    glossary = load_glossary(glossary_path)
    if glossary is None:
        if args.glossary is not None:
            raise UsageError(f"--glossary {args.glossary}: no such file")
        messages.append(
            f"note: no glossary at {glossary_path}: wiki links become plain text"
        )
    return Options(rules=rules, glossary=glossary, encoding=args.encoding), messages


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        options, messages = _options(args)
    except UsageError as err:
        _say(stderr, f"coursepress ingest: {err}")
        return 2
    for message in messages:
        _say(stderr, message)
    status = 0
    written: dict[Path, Path] = {}
    for path in args.files:
        if not _ingest_one(path, args, options, written, stdout, stderr):
            status = 1
    return status


def _ingest_one(
    path: Path,
    args: argparse.Namespace,
    options: Options,
    written: dict[Path, Path],
    stdout: TextIO,
    stderr: TextIO,
) -> bool:
    """Ingest one file and report; False if it failed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        _say(stderr, f"{path}: no such file")
        return False
    except OSError as err:
        _say(stderr, f"{path}: cannot read it ({err.strerror or err})")
        return False
    try:
        result = ingest(data, path.name, options)
    except IngestError as err:
        _report(path, err.notes, stderr)
        _say(stderr, f"{_where(path, err.line)}: {err.message}")
        return False
    except Exception as err:  # a bug must not show a reader a traceback
        logger.debug("ingest failed on %s", path, exc_info=True)
        _say(
            stderr,
            f"{path}: internal error in coursepress ingest "
            f"({type(err).__name__}: {err})",
        )
        return False
    _report(path, result.notes, stderr)
    # The draft is written either way, but a run that lost text does not pass.
    written_ok = _write(path, result, args, written, stdout, stderr)
    return written_ok and not any(note.error for note in result.notes)


def _write(
    path: Path,
    result: Result,
    args: argparse.Namespace,
    written: dict[Path, Path],
    stdout: TextIO,
    stderr: TextIO,
) -> bool:
    draft = args.out / f"{result.slug}.md"
    if draft in written:
        _say(
            stderr,
            f"{path}: its draft would be {draft}, the draft of {written[draft]} "
            "in this run: "
            "give one of them another title",
        )
        return False
    try:
        targets = plan(args.out, result.files, args.force)
        for target, content in targets:
            if args.dry_run:
                show(target, content, stdout)
            else:
                write_atomic(target, content)
                _say(stderr, f"wrote {target}")
    except IngestError as err:
        _say(stderr, f"{path}: {err.message}")
        return False
    except OSError as err:
        _say(
            stderr,
            f"{path}: cannot write the draft ({err.strerror or err}: {err.filename})",
        )
        return False
    written[draft] = path
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="coursepress ingest",
        description="Turn source texts into chapter drafts, stubs and records.",
    )
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse's way to report usage errors (code 2)
        return int(exit_.code or 0)
    return run(args, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
