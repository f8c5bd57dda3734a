"""A step is skipped only when a clean build would make the same thing.

Every stamp's key joins the step's own digest with the code that builds, the
``COURSEPRESS_*`` switches and, for dated outputs (zips), SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

from pathlib import Path

import coursepress.publishing.fingerprint
import pytest
from coursepress.publishing.stamps import forget, is_current, remember


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("COURSEPRESS_PDF_SPEEDUPS", raising=False)
    target = tmp_path / "book.pdf"
    target.write_bytes(b"%PDF")
    remember(target, "digest")
    remember(tmp_path / "kit.zip", "digest", dated=True)
    (tmp_path / "kit.zip").write_bytes(b"PK")
    return tmp_path


def test_the_same_inputs_are_current(made: Path) -> None:
    assert is_current(made / "book.pdf", "digest")
    assert is_current(made / "kit.zip", "digest", dated=True)
    assert not is_current(made / "book.pdf", "other digest")


def test_a_switch_makes_every_step_run_again(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSEPRESS_PDF_SPEEDUPS", "off")
    assert not is_current(made / "book.pdf", "digest")
    assert not is_current(made / "kit.zip", "digest", dated=True)


def test_new_code_makes_every_step_run_again(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        coursepress.publishing.fingerprint, "tool_digest", lambda: "upgraded"
    )
    assert not is_current(made / "book.pdf", "digest")


def test_a_new_date_remakes_only_what_is_dated(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert not is_current(made / "kit.zip", "digest", dated=True)
    assert is_current(made / "book.pdf", "digest")  # a PDF carries no date


def test_a_missing_target_or_a_forgotten_stamp_is_not_current(made: Path) -> None:
    forget(made / "book.pdf")
    assert not is_current(made / "book.pdf", "digest")
    (made / "kit.zip").unlink()
    assert not is_current(made / "kit.zip", "digest", dated=True)
    # A stamp of the old form (a bare digest) is simply not current.
    (made / ".old.pdf.stamp").write_text("digest")
    (made / "old.pdf").write_bytes(b"%PDF")
    assert not is_current(made / "old.pdf", "digest")
