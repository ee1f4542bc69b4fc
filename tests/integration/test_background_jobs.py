"""The background jobs (issue 19, item 5), on both engines: one desk at a time holds the
round (the others skip it, never wait), a crashed holder does not keep it, and the work
goes ticket by ticket in short transactions with a pause between them on SQLite, giving
way to a desk that is writing."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.services.background import JOB, LEASE_TTL, BackgroundJobs
from app.services.sla import ScanReport, SlaService
from tests.support.people import People

ATHENS = ZoneInfo("Europe/Athens")


def desk(services: Services, holder: str, pauses: list[float] | None = None) -> BackgroundJobs:
    """Another desk's runner (the sleeps it would take are recorded, not slept)."""
    sleep = pauses.append if pauses is not None else (lambda _s: None)
    return BackgroundJobs(
        services.ctx, services.sla, services.assignment, sleep=sleep, holder=holder
    )


def late_tickets(services: Services, people: People, clock: FakeClock, count: int) -> None:
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["first_level_support"],
        valid_from=date(2026, 1, 1),
    )
    clock.set(datetime(2026, 3, 9, 9, 0, tzinfo=ATHENS))  # a Monday morning
    for i in range(count):
        services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=f"Mail is down {i}",
            criticality="high",
            service_type="first_level_support",
        )
    clock.set(datetime(2026, 3, 10, 9, 0, tzinfo=ATHENS))  # long past every target


def test_one_desk_runs_the_round_and_the_other_skips_it(
    services: Services, people: People, clock: FakeClock
) -> None:
    late_tickets(services, people, clock, 2)
    first, second = desk(services, "desk-1"), desk(services, "desk-2")
    with services.db.job_lease(JOB, first.holder, clock.now(), LEASE_TTL) as held:
        assert held
        assert second.run_round(people.manager) is None  # skipped, not waited
    done = second.run_round(people.manager)  # released: now it is second's turn
    assert done is not None
    assert done.checked == 2 and done.escalations >= 2
    again = first.run_round(people.manager)
    assert again is not None and again.escalations == 0  # escalated once, not per desk


def test_a_crashed_holder_does_not_keep_the_round(
    services: Services, people: People, clock: FakeClock
) -> None:
    crashed = services.db.job_lease(JOB, "crashed-desk", clock.now(), LEASE_TTL)
    assert crashed.__enter__()  # taken, and never released: the desk died here
    other = desk(services, "desk-2")
    assert other.run_round(people.manager) is None
    if services.db.dialect == "postgresql":
        # A dead desk's connection ends, and its advisory lock with it.
        with services.db.engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database"
                    " WHERE datname = current_database())"
                )
            )
    else:
        clock.advance(LEASE_TTL - timedelta(seconds=1))
        assert other.run_round(people.manager) is None  # not expired yet
        clock.advance(seconds=2)
    assert other.run_round(people.manager) is not None


def test_jobs_work_ticket_by_ticket_and_pause_between_on_sqlite(
    services: Services, people: People, clock: FakeClock
) -> None:
    late_tickets(services, people, clock, 3)  # nobody available: they wait unassigned
    services.assignment.set_state(people.engineer, "available")  # takes one at once
    services.assignment.set_state(people.engineer2, "available")  # and one more
    pauses: list[float] = []
    done = desk(services, "desk-1", pauses).run_round(people.manager)
    assert done is not None
    assert done.checked == 3 and done.assigned == 1
    if services.db.dialect == "sqlite":
        assert len(pauses) == 4  # after each of 3 scanned tickets and the one dispatched
        assert min(pauses) >= 0.03
    else:
        assert pauses == []  # PostgreSQL locks rows: nothing to yield


def test_a_ticket_gives_way_to_a_desk_that_is_writing(
    services: Services, people: People, clock: FakeClock
) -> None:
    """SQLite: the job's transaction reads without the write lock and, finding a desk
    holding it at its first write, fails at once (nothing written, no queueing) and is
    tried again after its pause. PostgreSQL: nothing to give way to."""
    late_tickets(services, people, clock, 1)
    path = services.db.engine.url.database if services.db.dialect == "sqlite" else None
    desk_lock = sqlite3.connect(path, isolation_level=None) if path else None

    class DeskWritesAsTheScanStarts(SlaService):
        def scan(self, **kwargs: Any) -> ScanReport:
            if desk_lock is not None:
                desk_lock.execute("BEGIN IMMEDIATE")  # a desk's action, mid-transaction
            return super().scan(**kwargs)

    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if desk_lock is not None and desk_lock.in_transaction:
            desk_lock.execute("COMMIT")  # the desk's action ends during the job's pause

    sla = DeskWritesAsTheScanStarts(services.ctx, services.sla.pipeline)
    jobs = BackgroundJobs(services.ctx, sla, services.assignment, sleep=pause, holder="d1")
    try:
        done = jobs.run_round(people.manager)
    finally:
        if desk_lock is not None:
            desk_lock.close()
    assert done is not None and done.checked == 1 and done.problems == ()
    assert done.escalations >= 1  # written by the second try, once
    if desk_lock is not None:
        assert done.gave_way == 1 and len(pauses) == 2
    else:
        assert done.gave_way == 0 and pauses == []
    assert services.sla.scan().escalations == []  # nothing left half-done or doubled
