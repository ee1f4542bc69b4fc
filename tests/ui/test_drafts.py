"""Composer drafts survive until sent: kept atomically, restored, discarded when sent."""

from __future__ import annotations

from pathlib import Path

from ui.drafts import Draft, DraftStore


def test_a_draft_is_kept_restored_and_discarded(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save("SD-000001", Draft("Half-written reply", internal=True, minutes=15))

    again = DraftStore(tmp_path / "drafts")  # as after a crash and restart
    assert again.load("SD-000001") == Draft("Half-written reply", True, 15)
    assert again.tickets() == ["SD-000001"]

    again.discard("SD-000001")
    assert again.load("SD-000001") is None


def test_an_empty_draft_removes_the_file_and_no_temporary_files_are_left(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("SD-000002", Draft("text"))
    store.save("SD-000002", Draft("  "))
    assert store.load("SD-000002") is None
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_draft_file_reads_as_no_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("SD-000003", Draft("text"))
    (tmp_path / "SD-000003.json").write_text("{not json", encoding="utf-8")
    assert store.load("SD-000003") is None


def test_ticket_numbers_cannot_escape_the_drafts_folder(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "d")
    store.save("../../evil", Draft("x"))
    assert [p.parent for p in (tmp_path / "d").iterdir()] == [tmp_path / "d"]
