"""Issue 13: contacts who approve resolutions. A customer who named such contacts is
bound only by their approval; the history names who approved. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.errors import ValidationError
from tests.support.people import People


def _resolved(services: Services, people: People) -> str:
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        contact="Jo Smith",
        subject="Invoices stuck",
        service_type="first_level_support",
    ).number
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    services.tickets.resolve(people.engineer, number, problem_nature="queue", solution="restart")
    return number


def _add_approver(services: Services, people: People) -> None:
    services.customers.add_contact(
        people.manager,
        customer_code="ACME",
        name="Pat Boss",
        email="pat@acme.example",
        approves_resolutions=True,
    )


def test_only_an_approver_may_approve_when_the_customer_named_approvers(
    services: Services, people: People
) -> None:
    number = _resolved(services, people)
    _add_approver(services, people)
    with pytest.raises(ValidationError) as refused:
        services.tickets.approve(people.care, number, contact="Jo Smith", channel="phone")
    assert str(refused.value) == (
        "Jo Smith does not approve resolutions for ACME; record the approval of Pat Boss."
    )
    assert services.tickets.show(people.care, number).status == "resolved"  # nothing written

    closed = services.tickets.approve(people.care, number, contact="Pat Boss", channel="phone")
    assert closed.status == "closed"
    approval = services.tickets.show(people.care, number).history[-2]
    assert approval.kind == "customer_approval"
    assert approval.data["contact"] == "Pat Boss"
    assert services.history.verify().ok


def test_without_named_approvers_any_contact_approves(services: Services, people: People) -> None:
    number = _resolved(services, people)
    closed = services.tickets.approve(people.care, number, contact="Jo Smith", channel="email")
    assert closed.status == "closed"


def test_a_rejection_may_come_from_any_contact(services: Services, people: People) -> None:
    number = _resolved(services, people)
    _add_approver(services, people)
    reopened = services.tickets.reject(
        people.care, number, contact="Jo Smith", channel="phone", reason="still stuck"
    )
    assert reopened.status == "in_progress"
