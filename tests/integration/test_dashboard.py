"""The manager dashboard's figures and the tickets behind them, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import PermissionDenied
from tests.support.people import People
from tests.support.report_data import build_month


def test_dashboard_shows_trend_backlog_load_and_risk(
    services: Services, people: People, clock: FakeClock
) -> None:
    month = build_month(services, people, clock)  # the clock is now Tue 31 March, 12:00
    # A critical ticket taken by Eli, unanswered for 50 of its 60 minutes: at risk.
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

    figures = services.dashboard.figures(people.manager, weeks=8)
    trend = [(p.resolved, p.sla_known, p.sla_met_pct) for p in figures.trend]
    # Week 5 (from Tue 3 March 12:50): A, B, C and BETA's F (no SLA); week 8: D.
    assert trend == [(0, 0, None)] * 4 + [(4, 3, 66.7), (0, 0, None), (0, 0, None), (1, 1, 100.0)]
    assert [(c.priority, c.age, c.tickets) for c in figures.backlog] == [
        (1, "under 1 day", 1),
        (4, "1-3 days", 1),
    ]
    assert [(e.username, e.name, e.open_tickets) for e in figures.load] == [
        ("eng", "Eli Engineer", 1)
    ]
    # E has had no answer for 10 h 50 min of business time against 8 h: breached.
    assert [(t.number, t.state, t.assignee) for t in figures.at_risk] == [
        (month.e, "breached", None),
        (urgent, "at_risk", "eng"),
    ]

    behind = services.dashboard.tickets_behind
    assert behind(people.manager, "backlog", (4, "1-3 days")) == [month.e]
    assert behind(people.manager, "load", "eng") == [urgent]
    week5 = figures.trend[4].start
    assert sorted(behind(people.manager, "trend", week5)) == sorted(
        [month.a, month.b, month.c, month.f]
    )


def test_only_managers_open_the_dashboard(services: Services, people: People) -> None:
    with pytest.raises(PermissionDenied, match="dashboard"):
        services.dashboard.figures(people.engineer)
