"""Report figures against hand-computed expectations, on SQLite and PostgreSQL.

The month of tickets is described in tests/support/report_data.py; the expected figures
below are worked out by hand from those times (Athens business hours 09:00–17:00).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import PermissionDenied, ValidationError
from app.persistence.orm_reports import TicketFacts
from app.services.report_model import GroupFigures, PeriodReport
from tests.support.people import People
from tests.support.report_data import Month, build_month

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def month(services: Services, people: People, clock: FakeClock) -> Month:
    return build_month(services, people, clock)


def by_priority(report: PeriodReport) -> dict[str, GroupFigures]:
    return {g.key: g for g in report.by_priority}


def test_ticket_report_of_a_ticket_that_waited_on_the_customer(
    services: Services, people: People, month: Month
) -> None:
    report = services.reports.ticket_report(people.care, month.a)
    assert report.customer_name == "Acme Corp"
    assert report.priority == 2
    assert report.problem_nature == "The mail relay rejected messages over 10 MB."
    assert report.solution == "Raised the relay's size limit and re-sent the queue."
    # Answered after one hour; resolved 29 h after opening, of which 24 h waiting.
    assert (report.response_wall_minutes, report.response_business_minutes) == (60, 60)
    assert (report.resolution_wall_minutes, report.resolution_business_minutes) == (1740, 300)
    assert report.waiting_minutes == 1440
    assert report.response_met is True and report.resolution_met is True
    assert report.sla_outcome == "met"
    assert (report.reassignments, report.reopenings) == (0, 0)
    assert [(p.person, p.minutes) for p in report.time_logged] == [("Eli Engineer", 90)]
    assert report.status == "closed"
    texts = [e.what for e in report.history]
    assert texts[0].startswith("Ticket opened")
    assert "Comment: We are looking into the mail queue." in texts
    assert not any("Traced the stuck queue" in t for t in texts)  # internal work note


def test_ticket_report_counts_the_reopening_and_the_reassignment(
    services: Services, people: People, month: Month
) -> None:
    report = services.reports.ticket_report(people.engineer, month.b)
    assert (report.reassignments, report.reopenings) == (1, 1)
    # Business time: Mon 14–16 and, after the rejection, Tue 10–13.
    assert (report.resolution_wall_minutes, report.resolution_business_minutes) == (1380, 300)
    assert report.solution == "Partitioned the archive table."


def test_the_breach_and_the_public_holiday(
    services: Services, people: People, month: Month
) -> None:
    breached = services.reports.ticket_report(people.care, month.c)
    assert breached.resolution_business_minutes == 660  # target 480
    assert breached.resolution_met is False and breached.sla_outcome == "missed"
    holiday = services.reports.ticket_report(people.care, month.d)
    # Tue 16–17 + Thu 9–11; Wednesday 25 March is Independence Day.
    assert holiday.resolution_wall_minutes == 2580
    assert holiday.resolution_business_minutes == 180
    assert holiday.response_business_minutes == 90
    open_one = services.reports.ticket_report(people.care, month.e)
    # Still open and past its response deadline: "breached", as the queue says (issue 14).
    assert open_one.resolved_at is None and open_one.sla_outcome == "breached"
    assert open_one.response_state == "breached"


def test_period_report_for_one_customer(services: Services, people: People, month: Month) -> None:
    report = services.reports.period_report(people.manager, customer="acme", start=START, end=END)
    assert (report.scope, report.scope_name) == ("ACME", "Acme Corp")
    assert (report.opened, report.resolved, report.closed) == (5, 4, 2)
    p = by_priority(report)
    assert sorted(p) == ["1", "2", "3", "4"]
    p3 = p["3"]
    assert (p3.tickets, p3.resolved, p3.unresolved) == (2, 2, 0)
    # Resolution wall-clock: 23 h and 43 h; business 5 h and 3 h.
    assert (p3.resolution_wall.median, p3.resolution_wall.mean) == (33.0, 33.0)
    assert p3.resolution_wall.p90 == 41.0  # 23 + 0.9 × 20
    assert (p3.resolution_business.median, p3.resolution_business.p90) == (4.0, 4.8)
    assert p3.response_business.median == 1.75  # 2 h and 1.5 h
    assert (p3.reopenings, p3.reassignments, p3.reopen_rate_pct) == (1, 1, 50.0)
    assert (p3.sla_met_pct, p3.response_met_pct, p3.resolution_met_pct) == (100.0, 100.0, 100.0)
    p1 = p["1"]
    assert (p1.sla_met_pct, p1.resolution_met_pct, p1.response_met_pct) == (0.0, 0.0, 100.0)
    assert (p1.resolution_wall.median, p1.resolution_business.mean) == (27.0, 11.0)
    assert (p["4"].tickets, p["4"].resolved, p["4"].unresolved) == (1, 0, 1)
    assert p["4"].resolution_wall.median is None
    total = report.total
    assert (total.tickets, total.resolved, total.sla_known, total.sla_met_pct) == (5, 4, 4, 75.0)
    # 23, 27, 29, 43 h
    assert total.resolution_wall.median == 28.0
    assert total.resolution_wall.mean == 30.5
    assert total.resolution_wall.p90 == 38.8
    assert total.time_logged_minutes == 90
    assert [(b.number, b.measures) for b in report.breaches] == [(month.c, "resolution")]
    assert [(c.priority, c.age, c.tickets) for c in report.backlog] == [(4, "1-3 days", 1)]
    assert [(x.key, x.opened, x.resolved) for x in report.by_category] == [("incident", 5, 4)]
    assert [(x.person, x.minutes) for x in report.time_by_person] == [("Eli Engineer", 90)]


def test_period_report_for_all_customers_counts_the_ticket_without_sla(
    services: Services, people: People, month: Month
) -> None:
    report = services.reports.period_report(people.care, customer=None, start=START, end=END)
    assert report.scope == "all"
    assert (report.opened, report.resolved) == (6, 5)
    total = report.total
    # F (no contract) has a resolution time but no SLA outcome.
    assert (total.tickets, total.resolved, total.sla_known) == (6, 5, 4)
    assert total.resolution_wall.median == 27.0  # 2, 23, 27, 29, 43 h


def test_period_reports_refuse_engineers_and_backwards_periods(
    services: Services, people: People, month: Month
) -> None:
    with pytest.raises(PermissionDenied, match="period reports"):
        services.reports.period_report(people.engineer, customer="ACME", start=START, end=END)
    with pytest.raises(ValidationError, match="before it starts"):
        services.reports.period_report(
            people.manager, customer="ACME", start=date(2026, 3, 31), end=date(2026, 3, 1)
        )


def test_period_report_tells_its_progress(services: Services, people: People, month: Month) -> None:
    steps: list[tuple[int, int]] = []
    services.reports.period_report(
        people.manager,
        customer="ACME",
        progress=lambda d, t: steps.append((d, t)),
        start=START,
        end=END,
    )
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)


def test_tickets_from_before_reports_get_their_facts_rebuilt(
    services: Services, people: People, month: Month
) -> None:
    before = services.reports.period_report(people.manager, customer="ACME", start=START, end=END)
    with services.db.engine.begin() as conn:  # as if the tickets predated migration 0007
        conn.execute(delete(TicketFacts))
    bare = services.reports.period_report(people.manager, customer="ACME", start=START, end=END)
    assert bare.total.resolved == 0 and bare.total.sla_known == 0
    with pytest.raises(PermissionDenied, match="rebuild"):
        services.reports.rebuild_facts(people.care)

    assert services.reports.rebuild_facts(people.manager) == 6  # BETA's F too
    assert services.reports.rebuild_facts(people.manager) == 0  # nothing left to do
    after = services.reports.period_report(people.manager, customer="ACME", start=START, end=END)
    assert after.by_priority == before.by_priority
    assert after.total == before.total
