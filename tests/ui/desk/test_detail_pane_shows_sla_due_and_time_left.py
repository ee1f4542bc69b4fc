"""The detail pane shows the SLA due time (zone named) and the time left, not only the
queue's cell and its tooltip."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.support.tickets import gold_checkout_ticket
from tests.ui.desk import close, log_in, open_ticket_number, wait


def test_the_detail_pane_says_when_the_sla_is_due_and_how_long_is_left(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = gold_checkout_ticket(services, people, "critical")
    sla = services.sla.show(people.care, number)
    assert sla.due_at is not None
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    shown = window.detail.info["sla"]
    wait(qtbot, lambda: shown.text().startswith("Due "))
    # "Due 02/03/2026 09:30 UTC · overdue 3d 4h · Breached · Gold, 24x7" (the locale's date)
    assert re.match(
        r"Due \d\d/\d\d/\d{4} \d\d:\d\d \S+ · (overdue )?[\dhdm ]+( left)? · ", shown.text()
    )
    assert "Gold" in shown.text()
    close(window)
