"""The manager opens the dashboard: charts and the at-risk list load in the background,
a click on a figure opens the tickets behind it, and a period report exports with
progress and can be cancelled."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.services.auth import Passwords
from tests.support.people import People, make_people
from tests.support.report_data import Month, build_month
from ui.tasks import TaskRunner
from ui.views.dashboard import DashboardView

WAIT_MS = 10_000


@pytest.fixture
def desk(
    sqlite_url: str, clock: FakeClock, fast_passwords: Passwords
) -> Iterator[tuple[Services, People, Month, str]]:
    services = open_services(sqlite_url, clock=clock, passwords=fast_passwords)
    people = make_people(services)
    month = build_month(services, people, clock)
    urgent = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Payments fail",
        service_type="second_level_support",
        criticality="critical",
    ).number
    services.tickets.take(people.engineer, urgent)
    clock.advance(timedelta(minutes=50))
    services.sla.scan()
    yield services, people, month, urgent
    services.db.dispose()


@pytest.fixture
def view(qtbot: QtBot, desk: tuple[Services, People, Month, str]) -> Iterator[DashboardView]:
    services, people, _, _ = desk
    runner = TaskRunner()
    widget = DashboardView(services, people.manager, runner)
    qtbot.addWidget(widget)
    # Results arrive through the event loop, so waiting after construction misses nothing.
    with qtbot.waitSignal(widget.loaded, timeout=WAIT_MS):
        widget.show()
    yield widget
    runner.shutdown()


def test_dashboard_shows_the_figures_and_opens_the_tickets_behind_them(
    qtbot: QtBot, view: DashboardView, desk: tuple[Services, People, Month, str], qtmodeltester: Any
) -> None:
    _, _, month, urgent = desk
    qtmodeltester.check(view.at_risk)
    assert view.at_risk.numbers() == [month.e, urgent]
    assert "2 open tickets, 2 at risk or breached" in view.status.text()
    assert view.trend_view.chart().title() == "SLA met, per week (%)"

    # The backlog's "1-3 days" bar of P4 holds ticket E.
    ages = [s.label() for s in view.bar_sets("backlog")]
    assert ages == ["under 1 day", "1-3 days"]
    with qtbot.waitSignal(view.open_tickets, timeout=WAIT_MS) as opened:
        view.bar_sets("backlog")[1].clicked.emit(3)  # category 3 = P4
    assert opened.args == [[month.e]]

    # Eli's bar in "open tickets per engineer".
    with qtbot.waitSignal(view.open_tickets, timeout=WAIT_MS) as opened:
        view.bar_sets("load")[0].clicked.emit(0)
    assert opened.args == [[urgent]]

    # A double-click on the at-risk list opens that one ticket.
    with qtbot.waitSignal(view.open_tickets, timeout=WAIT_MS) as opened:
        view.at_risk_table.doubleClicked.emit(view.at_risk.index(1, 3))
    assert opened.args == [[urgent]]


def test_period_report_exports_with_progress(
    qtbot: QtBot, view: DashboardView, tmp_path: Path
) -> None:
    out = tmp_path / "march.json"
    with qtbot.waitSignal(view.export_finished, timeout=WAIT_MS) as done:
        view.export_period(out, "ACME", date(2026, 3, 1), date(2026, 3, 31), "json")
    assert done.args == [str(out)]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["report"], data["scope"], data["opened"]) == ("period", "ACME", 6)
    assert view.progress.isHidden() and view.export_button.isEnabled()
    assert "saved" in view.status.text()


def test_a_long_period_report_can_be_cancelled(
    qtbot: QtBot,
    view: DashboardView,
    desk: tuple[Services, People, Month, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = desk[0]
    gate = threading.Event()
    real = services.reports.period_report

    def slow(actor: Any, **kwargs: Any) -> Any:
        gate.wait(WAIT_MS / 1000)  # the report is "long": still running when Cancel comes
        return real(actor, **kwargs)

    monkeypatch.setattr(services.reports, "period_report", slow)
    out = tmp_path / "never.csv"
    with qtbot.waitSignal(view.export_finished, timeout=WAIT_MS) as done:
        view.export_period(out, None, date(2026, 3, 1), date(2026, 3, 31), "csv")
        assert view.cancel_button.isVisible() and not view.export_button.isEnabled()
        view.cancel_button.click()
        gate.set()
    assert done.args == [""]
    assert not out.exists()
    assert view.status.text() == "The period report was cancelled."
    assert view.export_button.isEnabled()


def test_the_charts_take_the_desks_palette(qtbot: QtBot, view: DashboardView) -> None:
    """Seen under Xvfb: in the dark theme the charts stayed white with black text."""
    from PySide6.QtGui import QColor, QPalette

    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    view.setPalette(dark)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.refresh()
    for chart_view in (view.trend_view, view.backlog_view, view.load_view):
        chart = chart_view.chart()
        assert chart.backgroundBrush().color() == QColor("#1e1f22")
        assert chart.titleBrush().color() == QColor("#e6e6e6")
        assert all(axis.labelsBrush().color() == QColor("#e6e6e6") for axis in chart.axes())
