"""The command: exit codes, --out, --force, --dry-run, --rules, --glossary."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
from coursepress.ingest.cli import add_arguments, main, run

SOURCE = "The Quiet Room\n\nSaying More\n\nA paragraph.\n\nScroll to Top\n"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "saying-more.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def test_writes_draft_record_and_nothing_else(ingest, source, tmp_path, capsys):
    out = tmp_path / "out"
    assert ingest(source, "--out", out) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "saying-more.bib",
        "saying-more.md",
    ]
    err = capsys.readouterr().err
    assert f"wrote {out / 'saying-more.md'}" in err
    assert "removed 'Scroll to Top' (scroll-to-top)" in err


def test_default_out_is_build_drafts(ingest, source, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert ingest(source) == 0
    assert (tmp_path / "build" / "drafts" / "saying-more.md").is_file()


def test_never_overwrites_without_force(ingest, source, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "saying-more.md").write_text("mine", encoding="utf-8")
    assert ingest(source, "--out", out) == 1
    err = capsys.readouterr().err
    assert "already exist" in err and "--force" in err
    assert (out / "saying-more.md").read_text(encoding="utf-8") == "mine"
    assert not (out / "saying-more.bib").exists()  # all or nothing
    assert ingest(source, "--out", out, "--force") == 0
    assert "# Saying More" in (out / "saying-more.md").read_text(encoding="utf-8")


def test_atomic_writes_leave_no_temporary_files(ingest, source, tmp_path, capsys):
    out = tmp_path / "out"
    assert ingest(source, "--out", out) == 0
    assert ingest(source, "--out", out, "--force") == 0
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]


def test_dry_run_shows_and_writes_nothing(ingest, source, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert ingest(source, "--out", out, "--dry-run") == 0
    captured = capsys.readouterr()
    assert not out.exists()
    assert f"--- {out / 'saying-more.md'} (" in captured.out
    assert "# Saying More" in captured.out and "@misc{" in captured.out
    assert "wrote" not in captured.err


def test_dry_run_still_refuses_to_overwrite(ingest, source, tmp_path, capsys):
    out = tmp_path / "out"
    assert ingest(source, "--out", out) == 0
    assert ingest(source, "--out", out, "--dry-run") == 1


def test_missing_and_unreadable_files(ingest, tmp_path, capsys) -> None:
    assert ingest(tmp_path / "nope.txt", "--out", tmp_path / "out") == 1
    assert "nope.txt: no such file" in capsys.readouterr().err
    assert ingest(tmp_path, "--out", tmp_path / "out") == 1
    assert "cannot read it" in capsys.readouterr().err


def test_one_bad_file_does_not_stop_the_others(ingest, source, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert ingest(empty, source, "--out", tmp_path / "out") == 1
    assert (tmp_path / "out" / "saying-more.md").is_file()


def test_two_sources_with_one_title(ingest, source, tmp_path, capsys) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_text("Saying More\n\nAnother paragraph.\n", encoding="utf-8")
    assert ingest(source, twin, "--out", tmp_path / "out", "--force") == 1
    assert "give one of them another title" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [[], ["--bogus", "x.txt"], ["x.txt", "--rules"]],
    ids=["no-files", "unknown-option", "missing-value"],
)
def test_usage_errors_exit_2(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    assert "usage: coursepress ingest" in capsys.readouterr().err


def test_help_exits_0(capsys) -> None:
    assert main(["--help"]) == 0
    assert "--dry-run" in capsys.readouterr().out


def test_explicit_glossary_must_exist(source, tmp_path, capsys) -> None:
    missing = tmp_path / "glossary.md"
    assert main([str(source), "--glossary", str(missing)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_missing_default_glossary_is_a_note(source, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([str(source)]) == 0
    assert "no glossary at book/glossary.md" in capsys.readouterr().err


def test_rules_extend_the_defaults(ingest, source, tmp_path, capsys) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        "[[line]]\nname = 'our-footer'\npattern = '(?i)^a paragraph\\.$'\n\n"
        "[[line]]\nname = 'scroll-to-top'\npattern = 'x'\ndisabled = true\n",
        encoding="utf-8",
    )
    source.write_text(SOURCE + "\nMore text here.\n", encoding="utf-8")
    assert ingest(source, "--out", tmp_path / "out", "--rules", rules) == 0
    draft = (tmp_path / "out" / "saying-more.md").read_text(encoding="utf-8")
    assert "A paragraph." not in draft and "Scroll to Top" in draft
    assert "removed 'A paragraph.' (our-footer)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[line]\n", "not a valid TOML rules file"),
        ("[[line]]\nname = 'x'\npattern = '('\n", "bad regular expression"),
        ("[[line]]\npattern = 'x'\n", "needs a name"),
        ("[[line]]\nname = 'x'\npattern = 'x'\ncolour = 'red'\n", "unknown keys"),
        ("[tagline]\nmax_words = 'many'\n", "must be a whole number"),
    ],
)
def test_bad_rules_file_is_a_usage_error(source, tmp_path, capsys, content, message):
    rules = tmp_path / "rules.toml"
    rules.write_text(content, encoding="utf-8")
    assert main([str(source), "--rules", str(rules)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_run_is_callable_from_another_cli(source, tmp_path) -> None:
    """The shape the ``coursepress`` command uses: its own parser, our run."""
    parser = argparse.ArgumentParser(prog="coursepress")
    sub = parser.add_subparsers(dest="command")
    add_arguments(sub.add_parser("ingest"))
    args = parser.parse_args(["ingest", str(source), "--out", str(tmp_path / "o")])
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(args, stdout, stderr) == 0
    assert "wrote" in stderr.getvalue() and stdout.getvalue() == ""
