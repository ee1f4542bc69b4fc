"""The same ticket shows the same opening time, with its zone named, in the detail pane,
the queue and the ticket PDF (it was 13:40 unlabelled on screen and 15:40 in the PDF)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, open_ticket_number, wait
from tests.ui.desk.pdf_text import pdf_text
from ui.printing import write_pdf
from ui.timefmt import user_zone_name


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SUPPORTDESK_TZ", "America/New_York")
    user_zone_name.cache_clear()
    yield
    user_zone_name.cache_clear()


def test_screen_and_pdf_show_the_same_time_in_the_named_zone(
    qtbot: QtBot,
    new_york: None,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    # The test clock opens tickets at 09:00 UTC on Monday 2 March 2026: 04:00 in New York.
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Mail down", service_type="managed_hosting"
    ).number
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    opened = window.detail.info["created"].text()
    assert opened.startswith("02/03/2026 04:00 EST"), opened  # the locale's date (en_GB)
    assert "America/New_York" in window.statusBar().zone.text()  # type: ignore[attr-defined]
    model = window.queue.model
    row = model.row_of(number)
    assert row is not None
    wait(qtbot, lambda: any("04:00" in str(model.index(row, c).data()) for c in range(8)))
    close(window)

    pdf = tmp_path / "ticket.pdf"
    write_pdf(services.reports.ticket_report(people.care, number), pdf, {"name": "Desk"})
    text = pdf_text(pdf)
    assert "04:00" in text and "America/New_York" in text
    assert "11:00" not in text  # Athens, where the PDF used to be
