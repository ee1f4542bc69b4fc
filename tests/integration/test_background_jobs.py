"""The background jobs (issue 19, item 5), on both engines: one desk at a time holds the
round (the others skip it, never wait), a crashed holder does not keep it, and the work
goes ticket by ticket in short transactions with a pause between them on SQLite, giving
way to a desk that is writing."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, text

import app.persistence.engine as engine_module
from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.persistence import desk_signal
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


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Whether ``condition`` came true within ``seconds`` (looked at every millisecond)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


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


def test_the_job_gives_the_lock_back_when_a_desk_waits_for_it(
    services: Services, people: People, clock: FakeClock
) -> None:
    """SQLite: the job's ticket transaction has taken the write lock (its first write)
    when a desk's action starts waiting for it; at its next statement the job sees the
    waiting desk, rolls back (nothing written) and lets the desk in, then does the
    ticket again after its pause. PostgreSQL: row locks, nothing to give back."""
    late_tickets(services, people, clock, 2)
    with services.db.engine.connect() as conn:
        numbers = list(conn.scalars(text("SELECT number FROM tickets ORDER BY id")))
    sqlite = services.db.dialect == "sqlite"
    path = services.db.engine.url.database if sqlite else None
    desk_done: list[str] = []
    writer = threading.Thread(
        target=lambda: desk_done.append(
            services.tickets.comment(people.care, numbers[-1], "Any news?").number
        )
    )

    def after_first_write(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        in_job = engine_module._BACKGROUND.get() if sqlite else True  # the job's thread
        if writer.ident is not None or not in_job:
            return
        if statement.lstrip()[:6].upper() not in ("UPDATE", "INSERT"):
            return
        writer.start()  # the job holds the lock now: the desk's action waits for it
        if sqlite:
            assert wait_until(lambda: desk_signal.desk_waiting(path)), "the desk never waited"

    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if writer.ident is not None:
            writer.join(timeout=30)  # the desk's action ends during the job's pause

    event.listen(services.db.engine, "after_cursor_execute", after_first_write)
    try:
        jobs = BackgroundJobs(
            services.ctx, services.sla, services.assignment, sleep=pause, holder="d1"
        )
        done = jobs.run_round(people.manager)
    finally:
        event.remove(services.db.engine, "after_cursor_execute", after_first_write)
        if writer.ident is not None:
            writer.join(timeout=30)
    assert desk_done == [numbers[-1]]  # the desk's comment went through
    assert done is not None and done.checked == 2 and done.problems == ()
    if sqlite:
        assert done.gave_way == 1  # the ticket being written gave the lock back, once
    else:
        assert done.gave_way == 0 and pauses == []
    assert services.sla.scan().escalations == []  # nothing left half-done or doubled


def test_a_round_longer_than_the_lease_keeps_it(
    services: Services, people: People, clock: FakeClock
) -> None:
    """Each ticket of this round takes 3 minutes, so the round outlasts the 5-minute
    lease: another desk asking between the tickets is still refused (SQLite: the holder
    renewed the lease; PostgreSQL: the advisory lock lasts as long as the round)."""
    late_tickets(services, people, clock, 3)
    other = desk(services, "desk-2")
    others_turns: list[Any] = []

    class SlowScan(SlaService):
        def _scan_one(self, ticket_id: int, now: datetime) -> list[tuple[str, str, str]]:
            clock.advance(minutes=3)
            others_turns.append(other.run_round(people.manager))
            return super()._scan_one(ticket_id, now)

    sla = SlowScan(services.ctx, services.sla.pipeline)
    jobs = BackgroundJobs(
        services.ctx, sla, services.assignment, sleep=lambda _s: None, holder="desk-1"
    )
    done = jobs.run_round(people.manager)
    assert others_turns == [None, None, None]  # never two rounds at once
    assert done is not None and done.checked == 3 and done.problems == ()
    assert other.run_round(people.manager) is not None  # released at the end
