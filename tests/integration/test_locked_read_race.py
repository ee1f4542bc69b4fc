"""Two desks change one ticket at the same moment: the second waits for the first's row
lock and then works from what the first committed — not from the SLA clock as it was
when its own read began.

On PostgreSQL the locked ticket read (``TicketRepository.find_with_user``) also reads
the ticket's SLA clock. When it has to wait for the lock, PostgreSQL re-reads the locked
ticket row at its newest version but hands back the joined clock as of the statement's
start: a stale clock whose ``seen_seq`` made the second desk's SLA hook read the first
desk's public comment as new and mail it to the customer again (found in session 9).
The report facts read with the locked ticket would be as stale: a status change
counted twice in the report rollups."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest
from sqlalchemy import func, select, text

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.persistence.change_log import TicketChange
from app.persistence.orm import Ticket
from app.persistence.orm_sla import OutboxMessage, SlaClock
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Passwords
from app.services.hooks import NO_CHANGES, TicketHook
from tests.reports_imports.test_rollups_equal_recount import approx, recount, snapshot
from tests.support.people import People
from tests.support.tickets import printer_offline_ticket

WAIT_S = 30


class HoldBeforeCommit(TicketHook):
    """Runs last: keeps the change's transaction (and the ticket's lock) open until
    released."""

    def __init__(self) -> None:
        self.inside, self.release = threading.Event(), threading.Event()

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        self.inside.set()
        assert self.release.wait(WAIT_S), "never released"
        return NO_CHANGES


def waiting_for_a_lock(services: Services) -> bool:
    if services.db.engine.dialect.name != "postgresql":
        time.sleep(0.5)  # SQLite: the second desk waits in BEGIN IMMEDIATE meanwhile
        return True
    with services.db.engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'"
            )
        ).scalar()
    return bool(found)


@pytest.mark.parametrize("first_action", ["comment", "internal"])
def test_a_desk_that_waited_for_the_ticket_sees_what_was_committed(
    first_action: str,
    services: Services,
    people: People,
    db_url: str,
    clock: FakeClock,
    fast_passwords: Passwords,
) -> None:
    number = printer_offline_ticket(services, people)
    first = open_services(db_url, clock=clock, passwords=fast_passwords)
    try:
        hold = HoldBeforeCommit()
        first.tickets.pipeline.hooks = (*first.tickets.pipeline.hooks, hold)
        errors: list[BaseException] = []

        def run(svc: Services, words: str) -> None:
            try:
                # An internal note with time spent: no mail, but the time moves the
                # ticket's facts and the report rollups.
                internal = svc is first and first_action == "internal"
                minutes = 15 if internal else None
                who = people.engineer if internal else people.care
                svc.tickets.comment(who, number, words, internal=internal, minutes=minutes)
            except BaseException as exc:  # reported below
                errors.append(exc)

        one = threading.Thread(target=run, args=(first, "First desk's answer."))
        one.start()
        assert hold.inside.wait(WAIT_S), errors  # the first desk holds the ticket's lock
        two = threading.Thread(target=run, args=(services, "Second desk's answer."))
        two.start()
        deadline = time.monotonic() + WAIT_S
        while not waiting_for_a_lock(services):
            assert time.monotonic() < deadline, "the second desk never waited"
            time.sleep(0.05)
        hold.release.set()
        one.join(WAIT_S)
        two.join(WAIT_S)
        assert not errors, errors
    finally:
        first.db.dispose()

    with services.db.engine.connect() as conn:
        ticket_id, event_count = conn.execute(
            select(Ticket.id, Ticket.event_count).where(Ticket.number == number)
        ).one()
        seen = conn.execute(
            select(SlaClock.seen_seq).where(SlaClock.ticket_id == ticket_id)
        ).scalar()
        mails = conn.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.ticket_id == ticket_id, OutboxMessage.kind == "public_comment")
        ).scalar()
    assert seen == event_count
    # Each change moved the rollups once: as a recount from the facts has them.
    assert snapshot(services) == approx(recount(services))
    # One per public comment: the first desk's was not mailed twice.
    assert mails == (2 if first_action == "comment" else 1)
