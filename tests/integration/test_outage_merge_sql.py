"""Outages merged in SQL (window functions, ``AnnexRepository.merged_outages``) give the
same stretches as the Python merge of ``app.domain.availability``, on both engines, for
random outages: overlapping, touching, nested, empty, running, outside the month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from app.bootstrap import Services
from app.domain.availability import Interval, merge
from app.persistence.orm import Ticket
from app.persistence.orm_annex import Outage
from tests.support.people import People

START = datetime(2026, 3, 1, tzinfo=UTC)
END = datetime(2026, 3, 2, tzinfo=UTC)
NOW = datetime(2026, 3, 1, 20, tzinfo=UTC)  # running outages end here

# (system, kind, start in seconds from an hour before the window, length in seconds or
# None: still running). Lengths go negative: a backwards stretch counts for nothing.
# Half-hour steps make touching and equal stretches common; seconds test the rest.
HALF_HOURS = st.integers(0, 52).map(lambda n: n * 1800)
outage = st.tuples(
    st.sampled_from(["erp-prod", "crm-prod"]),
    st.sampled_from(["full", "degraded"]),
    st.one_of(HALF_HOURS, st.integers(0, 26 * 3600)),
    st.one_of(st.none(), st.integers(-1, 12).map(lambda n: n * 1800), st.integers(-600, 6 * 3600)),
)


def python_merge(
    rows: list[tuple[str, str, datetime, datetime | None]],
) -> list[tuple[str, str, Interval]]:
    out = []
    for system in sorted({r[0] for r in rows}):
        for kind in sorted({r[1] for r in rows}):
            spans = [
                Interval(s, e or NOW)
                for sy, k, s, e in rows
                if sy == system and k == kind and s < END and (e is None or e > START)
            ]
            out += [(system, kind, iv) for iv in merge(spans)]
    return out


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(outage, max_size=25))
# Touching, nested, equal, empty and running stretches, always tried.
@example(
    [
        ("erp-prod", "full", 3600, 1800),
        ("erp-prod", "full", 5400, 1800),
        ("erp-prod", "full", 5400, 600),
        ("erp-prod", "full", 9000, 0),
        ("erp-prod", "degraded", 3600, 1800),
        ("erp-prod", "degraded", 3600, 1800),
        ("crm-prod", "full", 0, None),
        ("crm-prod", "full", 7200, 60),
    ]
)
def test_sql_merge_equals_the_python_merge(
    services: Services, people: People, draws: list[tuple[str, str, int, int | None]]
) -> None:
    base = START - timedelta(hours=1)
    rows = [
        (system, kind, base + timedelta(seconds=at), None if length is None
         else base + timedelta(seconds=at + length))
        for system, kind, at, length in draws
    ]  # fmt: skip
    with services.db.session() as s:
        s.execute(delete(Outage))
        ticket = s.scalars(select(Ticket).order_by(Ticket.id)).first()
        if ticket is None:
            s.commit()
            services.tickets.open_ticket(
                people.care, customer="ACME", subject="ERP down", service_type="managed_hosting"
            )
            ticket = s.scalars(select(Ticket).order_by(Ticket.id)).one()
        s.add_all(
            Outage(
                ticket_id=ticket.id,
                customer_id=ticket.customer_id,
                system=system,
                environment="production",
                kind=kind,
                started_at=started,
                ended_at=ended,
                source="manual",
                created_at=START,
            )
            for system, kind, started, ended in rows
        )
        s.commit()
        customer_id = ticket.customer_id
    with services.db.unit_of_work(write=False) as uow:
        merged = uow.annex.merged_outages(customer_id, START, END, NOW)
    got = [(m.system, m.kind, Interval(m.start, m.end)) for m in merged]
    assert got == python_merge(rows)
