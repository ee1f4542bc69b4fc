"""The ticket workflow through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from tests.support.people import People


def open_one(services: Services, people: People, **overrides: str) -> str:
    fields: dict[str, Any] = {  # Any: open_ticket's keywords are not all strings
        "customer": "ACME",
        "subject": "Invoices are not sent",
        "service_type": "first_level_support",
        "description": "Since 08:00 no invoice e-mail leaves the system.",
        "contact": "jo@acme.example",
        "criticality": "high",
    } | overrides
    return services.tickets.open_ticket(people.care, **fields).number


def test_full_life_of_a_ticket(services: Services, people: People, clock: FakeClock) -> None:
    t = services.tickets
    number = open_one(services, people)
    assert number == "SD-000001"
    clock.advance(minutes=5)
    t.take(people.engineer, number)
    t.start(people.engineer, number)
    t.comment(people.engineer, number, "Queue worker died at 07:58", internal=True)
    t.log_work(people.engineer, number, 45, "reading logs")
    t.wait_on_customer(people.engineer, number, "need the mail server logs")
    clock.advance(hours=2)
    t.customer_replied(people.care, number, "logs attached", channel="email")
    t.resolve(
        people.engineer,
        number,
        problem_nature="worker out of memory",
        solution="raised the memory limit and restarted",
        minutes=15,
    )
    clock.advance(hours=1)
    closed = t.approve(people.care, number, contact="Jo Smith", channel="phone")

    assert closed.status == "closed"
    assert closed.closed_at == clock.now()
    assert closed.time_logged_minutes == 60
    shown = t.show(people.care, number)
    steps = [(e.actor, e.kind, e.new_value) for e in shown.history]
    assert steps == [
        ("cara", "created", None),
        ("eng", "assigned", "eng"),
        ("eng", "status", "assigned"),
        ("eng", "status", "in_progress"),
        ("eng", "comment", None),
        ("eng", "work", None),
        ("eng", "status", "waiting_on_customer"),
        ("cara", "customer_reply", None),
        ("cara", "status", "in_progress"),
        ("eng", "resolution", None),
        ("eng", "status", "resolved"),
        ("cara", "customer_approval", None),
        ("cara", "status", "closed"),
    ]
    approval = shown.history[-2]
    assert approval.data["contact"] == "Jo Smith"
    assert approval.data["channel"] == "phone"
    report = services.history.verify()
    assert report.ok, report.problems
    assert (report.tickets_checked, report.events_checked) == (1, 13)


def test_rejection_reopens_and_second_resolution_closes(services: Services, people: People) -> None:
    t = services.tickets
    number = open_one(services, people)
    t.assign(people.manager, number, "eng")
    t.start(people.engineer, number)
    t.resolve(people.engineer, number, problem_nature="x", solution="first try")
    reopened = t.reject(
        people.care,
        number,
        contact="Jo Smith",
        channel="email",
        reason="still failing for PDF invoices",
    )
    assert reopened.status == "in_progress"
    t.resolve(people.engineer, number, problem_nature="x", solution="second try")
    assert (
        t.approve(people.care, number, contact="jo@acme.example", channel="meeting").status
        == "closed"
    )
    assert services.history.verify().ok


def test_invalid_transition_names_status_and_choices(services: Services, people: People) -> None:
    number = open_one(services, people)
    with pytest.raises(InvalidTransition) as refused:
        services.tickets.resolve(people.manager, number, problem_nature="a", solution="b")
    message = refused.value.message
    assert "is new" in message
    assert "assign" in message and "cancel" in message


def test_role_table_is_enforced(services: Services, people: People) -> None:
    number = open_one(services, people)
    with pytest.raises(PermissionDenied):
        services.tickets.take(people.care, number)  # only engineers take
    with pytest.raises(PermissionDenied):
        services.tickets.assign(people.engineer, number, "eng2")  # only managers assign
    services.tickets.take(people.engineer, number)
    with pytest.raises(PermissionDenied, match="assigned to eng"):
        services.tickets.start(people.engineer2, number)  # not their ticket
    services.tickets.start(people.engineer, number)
    services.tickets.resolve(people.engineer, number, problem_nature="a", solution="b")
    with pytest.raises(PermissionDenied):
        services.tickets.approve(people.engineer, number, contact="Jo Smith", channel="phone")
    with pytest.raises(PermissionDenied):
        services.users.add_user(people.manager, username="x1", password="longenough", role="care")


def test_resolution_needs_nature_and_solution(services: Services, people: People) -> None:
    number = open_one(services, people)
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    with pytest.raises(ValidationError, match="problem nature"):
        services.tickets.resolve(people.engineer, number, problem_nature=" ", solution="b")
    with pytest.raises(ValidationError, match="solution"):
        services.tickets.resolve(people.engineer, number, problem_nature="a", solution="")
    assert services.tickets.show(people.engineer, number).status == "in_progress"


def test_reassign_moves_work_back_to_assigned(services: Services, people: People) -> None:
    number = open_one(services, people)
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    moved = services.tickets.assign(people.manager, number, "eng2")
    assert (moved.assignee, moved.status) == ("eng2", "assigned")
    with pytest.raises(ValidationError, match="engineers"):
        services.tickets.assign(people.manager, number, "cara")


def test_cancel_is_final(services: Services, people: People) -> None:
    number = open_one(services, people)
    cancelled = services.tickets.cancel(people.care, number, "duplicate of SD-000000")
    assert cancelled.status == "cancelled"
    with pytest.raises(InvalidTransition, match="final"):
        services.tickets.cancel(people.care, number, "again")
    with pytest.raises(ValidationError, match="cancelled"):
        services.tickets.comment(people.care, number, "late note")


def test_stale_version_is_a_conflict_not_an_overwrite(services: Services, people: People) -> None:
    number = open_one(services, people)
    seen = services.tickets.show(people.engineer, number).version
    services.tickets.comment(people.care, number, "customer called again")
    with pytest.raises(Conflict, match="changed by someone else"):
        services.tickets.take(people.engineer, number, expected_version=seen)
    assert services.tickets.show(people.engineer, number).assignee is None


def test_unknown_things_are_named(services: Services, people: People) -> None:
    with pytest.raises(NotFound, match="NOPE"):
        open_one(services, people, customer="NOPE")
    with pytest.raises(NotFound, match="SD-999999"):
        services.tickets.take(people.engineer, "SD-999999")
    with pytest.raises(ValidationError, match="service type"):
        open_one(services, people, service_type="coffee")


def test_numbers_are_sequential_and_unique(services: Services, people: People) -> None:
    numbers = [open_one(services, people, subject=f"ticket {i}") for i in range(5)]
    assert numbers == [f"SD-{i:06d}" for i in range(1, 6)]
