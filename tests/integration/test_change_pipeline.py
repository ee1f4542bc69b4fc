"""Every ticket change reaches the hooks as an explicit record of what it did.

Hooks used to reconstruct a change from history rows sharing the transaction's
timestamp; two transactions at the same instant (the fake clock here, a coarse OS
clock elsewhere) then looked like one. These tests keep the clock still on purpose.
"""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.history import EventKind
from app.persistence.orm import Ticket, User
from app.services.history import append_event
from tests.support.people import People


def open_one(services: Services, people: People) -> str:
    return services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Invoices are not sent",
        service_type="first_level_support",
        criticality="medium",
    ).number


def test_a_change_sharing_its_timestamp_with_a_finish_hands_over_nothing(
    services: Services, people: People, clock: FakeClock
) -> None:
    # The clock never moves in this test: every transaction shares one timestamp.
    services.assignment.set_state(people.engineer, "available")
    first = open_one(services, people)
    second = open_one(services, people)
    assert {services.tickets.show(people.care, n).assignee for n in (first, second)} == {"eng"}
    services.tickets.start(people.engineer, first)
    services.tickets.resolve(people.engineer, first, problem_nature="config", solution="fixed")

    services.assignment.configure(people.manager, auto=False)
    waiting = open_one(services, people)
    services.assignment.configure(people.manager, auto=True)
    assert services.tickets.show(people.care, waiting).assignee is None

    # A note on the resolved ticket, at the very instant it was resolved, finishes nothing.
    services.tickets.comment(people.manager, first, "customer called, all fine", internal=True)
    assert services.tickets.show(people.care, waiting).assignee is None

    # Finishing the second ticket, still at the same instant, does hand the waiting one over.
    services.tickets.start(people.engineer, second)
    services.tickets.resolve(people.engineer, second, problem_nature="bug", solution="patched")
    handed = services.tickets.show(people.manager, waiting)
    assert (handed.assignee, handed.status) == ("eng", "assigned")
    assigned = [e for e in handed.history if e.kind == "assigned"]
    assert len(assigned) == 1
    assert assigned[0].actor == "system"
    assert assigned[0].text is not None
    assert assigned[0].text.startswith("auto: a ticket was finished")
    assert clock.now() == handed.history[0].occurred_at  # truly one shared timestamp
    assert services.history.verify().ok


def test_a_ticket_changed_outside_the_pipeline_cannot_be_committed(
    services: Services, people: People
) -> None:
    number = open_one(services, people)
    with services.db.unit_of_work() as uow:
        ticket: Ticket = uow.tickets.get(number, lock=True)
        me: User = uow.users.get("mia")
        append_event(uow, ticket, me, EventKind.COMMENT, services.ctx.clock.now(), text="sneaky")
        with pytest.raises(RuntimeError, match=number):
            uow.commit()
    history = services.tickets.show(people.manager, number).history
    assert [e.text for e in history if e.kind == "comment"] == []
