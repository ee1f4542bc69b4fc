"""First available engineer: availability, the policy, and what history says about it."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import NotFound, PermissionDenied, ValidationError
from tests.support.people import PASSWORD, People


def open_one(services: Services, people: People, **overrides: str) -> str:
    fields: dict[str, Any] = {  # Any: open_ticket's keywords are not all strings
        "customer": "ACME",
        "subject": "Invoices are not sent",
        "service_type": "first_level_support",
        "criticality": "medium",
    } | overrides
    return services.tickets.open_ticket(people.care, **fields).number


def third_engineer(services: Services, people: People) -> None:
    services.users.add_user(
        people.admin, username="eng3", password=PASSWORD, role="engineer", full_name="Ed Eng"
    )


def test_thirty_tickets_go_round_robin_and_history_explains_each(
    services: Services, people: People, clock: FakeClock
) -> None:
    third_engineer(services, people)
    eng3 = services.users.login("eng3", PASSWORD)
    for who in (people.engineer, people.engineer2, eng3):
        services.assignment.set_state(who, "available")

    numbers = []
    for _ in range(30):
        clock.advance(minutes=1)
        numbers.append(open_one(services, people))

    owners = [services.tickets.show(people.manager, n).assignee for n in numbers]
    assert Counter(owners) == {"eng": 10, "eng2": 10, "eng3": 10}
    assert owners[:6] == ["eng", "eng2", "eng3", "eng", "eng2", "eng3"]
    for number in numbers:
        history = services.tickets.show(people.manager, number).history
        assigned = [e for e in history if e.kind == "assigned"]
        assert len(assigned) == 1
        assert assigned[0].actor == "system"
        assert assigned[0].text is not None and assigned[0].text.startswith("auto: available, ")
        assert assigned[0].data["policy"] == "round_robin"
        assert [(e.kind, e.new_value) for e in history[-2:]] == [
            ("assigned", assigned[0].new_value),
            ("status", "assigned"),
        ]
    first = services.tickets.show(people.manager, numbers[0]).history
    assert first[1].text == "auto: available, no assignment yet, 0 open tickets"
    fourth = services.tickets.show(people.manager, numbers[3]).history
    assert fourth[1].text == "auto: available, idle 3 min, 1 open ticket"
    report = services.history.verify()
    assert report.ok, report.problems


def test_nobody_available_the_ticket_waits_until_someone_is(
    services: Services, people: People, clock: FakeClock
) -> None:
    waiting = open_one(services, people, criticality="low")
    urgent = open_one(services, people, criticality="critical")
    assert services.tickets.show(people.care, waiting).status == "new"

    clock.advance(minutes=10)
    now = services.assignment.set_state(people.engineer, "available")

    assert now.received == urgent  # most urgent first, though opened later
    ticket = services.tickets.show(people.manager, urgent)
    assert (ticket.assignee, ticket.status) == ("eng", "assigned")
    assert ticket.history[-2].text == "auto: became available, no assignment yet, 0 open tickets"
    assert ticket.history[-2].actor == "system"
    assert services.tickets.show(people.care, waiting).assignee is None


def test_busy_away_off_duty_and_full_engineers_get_nothing(
    services: Services, people: People
) -> None:
    services.assignment.set_state(people.engineer, "busy")
    services.assignment.set_state(people.engineer2, "available")
    services.assignment.set_max(people.engineer2, 1)
    first = open_one(services, people)
    second = open_one(services, people)

    assert services.tickets.show(people.care, first).assignee == "eng2"
    assert services.tickets.show(people.care, second).assignee is None
    status = services.assignment.status(people.engineer2)
    assert (status.open_tickets, status.available_now) == (1, False)
    assert status.why_not == "eng2 has 1 open tickets (their maximum)"


def test_skills_route_product_tickets(services: Services, people: People) -> None:
    services.customers.add_product(people.manager, code="ERP", name="Our ERP")
    services.customers.add_product(people.manager, code="WEB", name="Web shop")
    services.assignment.set_skills(people.engineer, ["web"])
    services.assignment.set_skills(people.engineer2, ["ERP", "WEB"])
    for who in (people.engineer, people.engineer2):
        services.assignment.set_state(who, "available")

    erp = [open_one(services, people, product="ERP") for _ in range(2)]
    web = open_one(services, people, product="WEB")

    assert [services.tickets.show(people.care, n).assignee for n in erp] == ["eng2", "eng2"]
    assert services.tickets.show(people.care, web).assignee == "eng"
    with pytest.raises(NotFound):
        services.assignment.set_skills(people.engineer, ["NOPE"])
    assert services.assignment.status(people.engineer).skills == ("WEB",)


def test_outside_working_hours_nobody_gets_tickets(
    services: Services, people: People, clock: FakeClock
) -> None:
    # The fixture's clock: Monday 09:00 UTC = 11:00 in Athens.
    services.assignment.set_schedule(people.engineer, "mon-fri 13:00-17:00", "Europe/Athens")
    services.assignment.set_state(people.engineer, "available")
    early = open_one(services, people)
    assert services.tickets.show(people.care, early).assignee is None
    assert services.assignment.status(people.engineer).why_not == (
        "eng is outside their working hours"
    )

    clock.advance(hours=2)  # 13:00 in Athens
    assert services.assignment.dispatch(people.manager) == [early]
    assert services.tickets.show(people.care, early).assignee == "eng"


def test_take_next_claims_the_most_urgent_and_respects_the_maximum(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.assignment.configure(people.manager, auto=False)
    low = open_one(services, people, criticality="low")
    high = open_one(services, people, criticality="high")
    clock.advance(minutes=42)
    services.assignment.set_max(people.engineer, 1)

    taken = services.assignment.take_next(people.engineer)

    assert taken is not None
    assert (taken.number, taken.assignee, taken.status) == (high, "eng", "assigned")
    event = services.tickets.show(people.engineer, high).history[-2]
    assert (event.actor, event.kind) == ("eng", "assigned")
    assert event.text == "take next: P2, waiting 42 min, no assignment yet, 0 open tickets"
    with pytest.raises(ValidationError, match="maximum"):
        services.assignment.take_next(people.engineer)
    assert services.tickets.show(people.care, low).assignee is None
    assert services.assignment.take_next(people.engineer2) is not None
    assert services.assignment.take_next(people.engineer2) is None  # nothing left
    assert services.history.verify().ok


def test_manual_take_counts_as_the_last_assignment(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.assignment.configure(people.manager, auto=False)
    number = open_one(services, people)
    clock.advance(minutes=5)
    services.tickets.take(people.engineer, number)
    assert services.assignment.status(people.engineer).last_assigned_at == clock.now()
    clock.advance(minutes=5)
    other = open_one(services, people)
    services.tickets.assign(people.manager, other, "eng2")
    assert services.assignment.status(people.engineer2).last_assigned_at == clock.now()


def test_policy_is_shared_and_only_managers_change_it(services: Services, people: People) -> None:
    assert services.assignment.settings(people.engineer).policy == "round_robin"
    changed = services.assignment.configure(people.manager, policy="least_loaded", auto=False)
    assert (changed.policy, changed.auto) == ("least_loaded", False)
    assert services.assignment.settings(people.care) == changed
    with pytest.raises(PermissionDenied):
        services.assignment.configure(people.engineer, policy="round_robin")
    with pytest.raises(ValidationError):
        services.assignment.configure(people.manager, policy="lottery")
    with pytest.raises(PermissionDenied):
        services.assignment.set_state(people.care, "available")
    with pytest.raises(ValidationError):
        services.assignment.set_state(people.engineer, "asleep")


def test_least_loaded_policy_prefers_the_emptiest_desk(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.assignment.configure(people.manager, policy="least_loaded", auto=False)
    for _ in range(2):
        services.tickets.take(people.engineer2, open_one(services, people))
    services.assignment.configure(people.manager, auto=True)
    clock.advance(minutes=1)
    services.assignment.set_state(people.engineer2, "available")
    clock.advance(minutes=1)
    services.assignment.set_state(people.engineer, "available")
    clock.advance(minutes=1)

    number = open_one(services, people)

    shown = services.tickets.show(people.care, number)
    assert shown.assignee == "eng"
    assert shown.history[-2].data["policy"] == "least_loaded"


def test_finishing_a_ticket_frees_a_place_for_the_next_waiting_one(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.assignment.set_max(people.engineer, 1)
    services.assignment.set_state(people.engineer, "available")
    first = open_one(services, people, criticality="high")
    waiting = open_one(services, people, criticality="low")
    assert services.tickets.show(people.care, waiting).assignee is None

    clock.advance(minutes=30)
    services.tickets.start(people.engineer, first)
    services.tickets.resolve(people.engineer, first, problem_nature="disk", solution="cleaned")

    handed = services.tickets.show(people.manager, waiting)
    assert (handed.assignee, handed.status) == ("eng", "assigned")
    assert handed.history[-2].actor == "system"
    assert handed.history[-2].text == "auto: a ticket was finished, idle 30 min, 0 open tickets"
    assert services.history.verify().ok
