"""The queue header gives the exact number of matching tickets, like the dashboard: it
may say "1,000+" while counting, never a capped "1,000" as the final word."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueFilter, SavedView
from app.services.auth import Passwords
from tests.support.people import People
from tests.support.queue_data import bulk_tickets
from tests.ui.desk import close, log_in, wait


def test_the_header_count_goes_past_the_thousand_cap(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    bulk_tickets(services.db.engine, 1_500)
    exact = services.queue.count(people.care, QueueFilter(view=SavedView.ALL), cap=None)
    assert exact > 1_000  # the case the header used to cap
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    window.sidebar.select(SavedView.ALL)
    wait(qtbot, lambda: window.queue.total.text() == f"{exact:,} tickets")
    assert not window.queue.model.total_capped
    close(window)
