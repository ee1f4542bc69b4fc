"""Every desk runs the SLA scan and the dispatch of waiting tickets in the background."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.people import People
from ui.housekeeping import Housekeeping, Round
from ui.tasks import TaskRunner

ATHENS = ZoneInfo("Europe/Athens")


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_a_round_escalates_a_late_ticket_once(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, runner: TaskRunner
) -> None:
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["first_level_support"],
        valid_from=date(2026, 1, 1),
    )
    clock.set(datetime(2026, 3, 9, 9, 0, tzinfo=ATHENS))  # a Monday morning
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Mail is down",
        criticality="high",
        service_type="first_level_support",
    ).number
    clock.set(datetime(2026, 3, 10, 9, 0, tzinfo=ATHENS))  # long past every target
    keeper = Housekeeping(services, people.manager, runner, interval_ms=3_600_000)
    with qtbot.waitSignal(keeper.finished, timeout=10_000) as first:
        keeper.run_now()
    assert isinstance(first.args[0], Round)
    assert first.args[0].escalations >= 1
    with qtbot.waitSignal(keeper.finished, timeout=10_000) as second:
        keeper.run_now()
    assert second.args[0].escalations == 0  # never twice
    history = services.tickets.show(people.manager, number).history
    assert any(e.field == "sla_state" and e.new_value == "breached" for e in history)
