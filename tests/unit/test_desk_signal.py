"""The desks-first signal (issue 19, item 5): a desk waiting for SQLite's write lock is
seen by the background job, also from the same process, and only while it waits."""

from __future__ import annotations

import stat
from pathlib import Path

from app.persistence.desk_signal import Waiting, desk_waiting, side_file


def test_a_waiting_desk_is_seen_only_while_it_waits(tmp_path: Path) -> None:
    database = str(tmp_path / "desk.db")
    assert not desk_waiting(database)
    wait = Waiting(database)
    wait.say()
    try:
        assert desk_waiting(database)  # another open file of this process sees it
        assert desk_waiting(database)  # looking does not take it away
    finally:
        wait.close()
    assert not desk_waiting(database)
    side = Path(side_file(database) or "")
    assert stat.S_IMODE(side.stat().st_mode) == 0o600  # private like the database


def test_no_signal_for_in_memory_databases() -> None:
    assert side_file(":memory:") is None and side_file(None) is None
    Waiting(":memory:").say()  # nothing to say it with: no error either
    assert not desk_waiting(":memory:")
