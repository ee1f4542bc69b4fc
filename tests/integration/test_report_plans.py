"""One customer's period report reads rollups and indexes, not its tickets (issue 19,
item 6; migration 0028), on both engines, as the databases plan the statements the
service really runs: its durations (the percentiles) from one range of the covering
index ``ix_ticket_facts_customer_opened`` — no table rows on SQLite — and its own rows
of ``report_months`` by key, month by month, and its days of ``report_day_keys`` by key
(SQLite; PostgreSQL reads so few rows however it likes, but never all of them). The
all-customer report reads the shards' month rows by key too: a range of months would
walk every customer's own rows.
(tests/integration/test_query_plans.py holds every report statement off the tickets'
full scans.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, case, false, insert, literal, select
from sqlalchemy.orm import Session

from app.bootstrap import Services
from app.persistence.report_rollups import rebuild
from app.persistence.report_sql import F, T
from tests.support.people import People
from tests.support.query_plans import Statement, capture
from tests.support.search_plan_support import plan_desk

TICKETS = 10_000


def _facts(engine: Engine) -> None:
    """Facts for every ticket (durations varied by id) and the rollups counted from
    them, then fresh statistics: what a desk at this size holds."""
    resolved = T.resolved_at.is_not(None)
    columns = {
        "ticket_id": T.id,
        "opened_at": T.created_at,
        "customer_id": T.customer_id,
        "priority": T.priority,
        "status": T.status,
        "resolved_at": T.resolved_at,
        "ticket_resolved_at": T.resolved_at,
        "updated_at": T.created_at,
        "response_wall_minutes": T.id % 997,
        "response_business_minutes": T.id % 503,
        "resolution_wall_minutes": case((resolved, T.id % 7919)),
        "resolution_business_minutes": case((resolved, T.id % 4001)),
        "waiting_minutes": literal(0),
        "reassignments": literal(0),
        "reopenings": literal(0),
        "time_logged_minutes": literal(0),
        "breached": false(),
    }
    with Session(engine) as session:
        session.execute(
            insert(F).from_select(list(columns), select(*columns.values()).select_from(T))
        )
        rebuild(session)
        session.commit()
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(request: pytest.FixtureRequest) -> Iterator[tuple[Services, People]]:
    factory = request.getfixturevalue(
        "sqlite_factory" if request.param == "sqlite" else "postgres_factory"
    )
    with plan_desk(factory, TICKETS) as found:
        _facts(found[0].db.engine)
        yield found


def _plan(engine: Engine, stmt: Statement) -> str:
    """The plan as text: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's JSON."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {stmt.sql}", stmt.params).all()
            return " | ".join(str(r[3]) for r in rows)
        raw: Any = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {stmt.sql}", stmt.params)
        return json.dumps(raw.scalar_one())


def _report(services: Services, people: People, customer: str | None) -> list[Statement]:
    with capture(services.db.engine) as seen:
        services.reports.period_report(
            people.manager, customer=customer, start=date(2025, 12, 10), end=date(2026, 10, 20)
        )
    return seen.statements


def test_one_customers_percentiles_read_one_range_of_their_index(
    desk: tuple[Services, People],
) -> None:
    services, people = desk
    engine = services.db.engine
    reads = [
        s
        for s in _report(services, people, "C0001")
        if "FROM ticket_facts" in s.sql and "ticket_facts.customer_id =" in s.sql
    ]
    assert len(reads) == 1, [s.sql for s in reads]  # one statement, all four measures
    plan = _plan(engine, reads[0])
    if engine.dialect.name == "sqlite":
        assert "USING COVERING INDEX ix_ticket_facts_customer_opened" in plan, plan
    else:
        assert '"Index Name": "ix_ticket_facts_customer_opened"' in plan, plan
        assert "Seq Scan" not in plan, plan


@pytest.mark.parametrize("customer", ["C0001", None])
def test_month_rows_are_read_by_key_month_by_month(
    desk: tuple[Services, People], customer: str | None
) -> None:
    services, people = desk
    engine = services.db.engine
    reads = [
        s
        for s in _report(services, people, customer)
        if "FROM report_months" in s.sql
        and "min(report_months.month)" not in s.sql  # the backlog's oldest: one entry
    ]
    # The sums and the breach count (and the backlog's older months, all customers).
    assert len(reads) >= 2, [s.sql for s in reads]
    for stmt in reads:
        assert "report_months.shard" in stmt.sql, stmt.sql
        if engine.dialect.name == "sqlite":
            plan = _plan(engine, stmt)
            assert "SCAN report_months" not in plan, f"{stmt.sql}\n{plan}"
            assert "(month=? AND shard" in plan, f"{stmt.sql}\n{plan}"


def test_one_customers_breakdowns_read_its_days_by_key(desk: tuple[Services, People]) -> None:
    services, people = desk
    engine = services.db.engine
    reads = [s for s in _report(services, people, "C0001") if "FROM report_day_keys" in s.sql]
    assert len(reads) == 3, [s.sql for s in reads]  # category, service type, product
    for stmt in reads:
        plan = _plan(engine, stmt)
        if engine.dialect.name == "sqlite":
            assert "(day=? AND customer_id=? AND dimension=?)" in plan, f"{stmt.sql}\n{plan}"
        else:
            assert "Seq Scan on report_day_keys" not in plan, f"{stmt.sql}\n{plan}"
