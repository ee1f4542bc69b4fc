"""An open ticket six days past its SLA reads "breached" in its PDF, as in the queue,
not "open"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.queue import QueueFilter, QueueSort, SavedView
from tests.support.people import People
from tests.support.tickets import gold_checkout_ticket
from tests.ui.desk.pdf_text import pdf_text
from ui.printing import write_pdf


def test_an_overdue_open_ticket_reads_breached_in_its_pdf(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    number = gold_checkout_ticket(services, people, "high")
    clock.set(clock.now() + timedelta(days=6))
    services.sla.scan()  # the desk's minute job keeps the queue's SLA column current
    rows = services.queue.page(people.care, QueueFilter(view=SavedView.ALL), QueueSort()).rows
    assert [(r.number, r.sla_state) for r in rows] == [(number, "breached")]

    report = services.reports.ticket_report(people.care, number)
    assert (report.response_state, report.resolution_state) == ("breached", "breached")
    pdf = tmp_path / "ticket.pdf"
    write_pdf(report, pdf, {"name": "Test desk"})
    text = pdf_text(pdf)
    assert text.count("breached") >= 2  # both clocks, and the overall outcome
    assert "\nopen\n" not in f"\n{text}\n"
