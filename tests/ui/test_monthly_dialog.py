"""Reports → Monthly SLA report…: the dialog lists the customers, computes off the GUI
thread and saves the report the service computes (both engines)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.annex import hosting_contract
from tests.support.people import People
from ui.dialogs.monthly_report import MonthlyReportDialog
from ui.tasks import TaskRunner

WAIT_MS = 20_000


@pytest.fixture
def dialog(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock
) -> Iterator[MonthlyReportDialog]:
    hosting_contract(services, people)
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="ERP down", service_type="managed_hosting",
        criticality="critical",
    ).number  # fmt: skip
    services.tickets.take(people.engineer, number)
    clock.set(datetime(2026, 4, 1, 9, tzinfo=UTC))
    services.outages.record(
        people.engineer, number, system="erp-prod",
        start=datetime(2026, 3, 5, 10, tzinfo=UTC), end=datetime(2026, 3, 5, 11, tzinfo=UTC),
    )  # fmt: skip
    runner = TaskRunner()
    widget = MonthlyReportDialog(services, people.manager, runner)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=WAIT_MS):
        widget.show()
    yield widget
    runner.shutdown()


def test_the_dialog_saves_the_services_figures(
    qtbot: QtBot, dialog: MonthlyReportDialog, services: Services, people: People, tmp_path: Path
) -> None:
    assert dialog.customer.currentData() == "ACME"
    assert dialog.ok_button.isEnabled()
    dialog.month.setDate(QDate(2026, 3, 1))
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    target = tmp_path / "acme.json"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save(target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    expected = services.monthly_reports.monthly_report(people.manager, "ACME", "2026-03")
    assert saved["month"] == "2026-03"
    assert [a["availability_pct"] for a in saved["availability"]] == [
        a.availability_pct for a in expected.availability
    ]
    assert dialog.error.text() == "Saved acme.json."

    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    pdf = tmp_path / "acme.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_month_not_begun_is_refused_in_the_dialog(
    qtbot: QtBot, dialog: MonthlyReportDialog, tmp_path: Path
) -> None:
    dialog.month.setDate(QDate(2030, 1, 1))
    dialog.save(tmp_path / "x.json")
    qtbot.waitUntil(lambda: "has not begun yet" in dialog.error.text(), timeout=WAIT_MS)
    assert not (tmp_path / "x.json").exists()
    assert dialog.ok_button.isEnabled()
