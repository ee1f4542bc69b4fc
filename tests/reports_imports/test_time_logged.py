"""The time-logged report: minutes from work events per person and per customer over a
period (the customer's calendar days), found through an index. Both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import create_engine, text

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.reports.render.tabular import period_csv
from tests.support.people import People


def test_minutes_per_person_and_per_customer(
    services: Services, people: People, clock: FakeClock
) -> None:
    m = people.manager
    services.assignment.configure(m, auto=False)
    services.customers.add_customer(m, code="BETA", name="Beta Shipping")

    def work(who: object, customer: str, at: datetime, minutes: int) -> None:
        clock.set(at)
        number = services.tickets.open_ticket(
            people.care, customer=customer, subject="Printer", service_type="first_level_support"
        ).number
        services.tickets.comment(who, number, "looked at it", minutes=minutes)  # type: ignore[arg-type]

    work(people.engineer, "ACME", datetime(2026, 3, 2, 9, tzinfo=UTC), 30)
    work(people.engineer, "BETA", datetime(2026, 3, 3, 9, tzinfo=UTC), 45)
    work(people.engineer2, "ACME", datetime(2026, 3, 4, 9, tzinfo=UTC), 20)
    work(people.engineer2, "ACME", datetime(2026, 4, 1, 9, tzinfo=UTC), 500)  # April: out

    march = services.reports.period_report(
        m, customer=None, start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    assert [(p.person, p.minutes) for p in march.time_by_person] == [
        ("Eli Engineer", 75),
        ("Eva Engineer", 20),
    ]
    assert [(c.person, c.minutes) for c in march.time_by_customer] == [("ACME", 50), ("BETA", 45)]
    acme = services.reports.period_report(
        m, customer="ACME", start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    assert [(c.person, c.minutes) for c in acme.time_by_customer] == [("ACME", 50)]
    assert "time_by_customer,BETA" in period_csv(march)


def test_the_time_query_reads_work_events_through_their_index(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT sum(minutes) FROM ticket_events "
                "WHERE minutes > 0 AND occurred_at >= '2026-03-01' AND occurred_at < '2026-04-01'"
            )
        ).all()
    engine.dispose()
    assert any("ix_ticket_events_work" in str(row) for row in plan), plan
