"""File › Export queue (CSV) writes what the queue shows — its view, filters and sort,
every page — with formula-looking text defused and the time zone named."""

from __future__ import annotations

import csv
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, wait


def test_the_queue_exports_as_shown_to_a_csv_file(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    for subject in ('=HYPERLINK("http://x") backup', "Mail down", "Backup failed"):
        services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        )
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    queue = window.queue
    wait(qtbot, lambda: queue.model.rowCount() == 3)
    qtbot.keyClicks(queue.search, "backup")
    wait(qtbot, lambda: queue.model.rowCount() == 2)
    target = tmp_path / "queue.csv"
    with qtbot.waitSignal(window.commands.notice, timeout=10_000) as said:
        window.commands.export_queue(queue.filter, queue.model.sort_order, target)
    assert "Exported 2 tickets" in said.args[0]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["Number", "Priority", "Status"]
    assert rows[0][-1].startswith("Updated (")  # the zone is named
    subjects = sorted(r[3] for r in rows[1:])
    assert subjects == ['\'=HYPERLINK("http://x") backup', "Backup failed"]
    assert not (tmp_path / "queue.csv.part").exists()
    close(window)
