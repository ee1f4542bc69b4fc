"""Editing a ticket's fields: one history event per change, stale edits refused."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.errors import Conflict, PermissionDenied, ValidationError
from tests.support.people import People


def test_care_corrects_the_subject_and_category_and_history_explains_it(
    services: Services, people: People
) -> None:
    ticket = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Printr offline", service_type="managed_hosting"
    )
    edited = services.tickets.edit(
        people.care,
        ticket.number,
        {"subject": "Printer offline", "category": "service_request"},
        expected_version=ticket.version,
    )
    assert (edited.subject, edited.category) == ("Printer offline", "service_request")
    events = services.tickets.show(people.care, ticket.number).history
    assert [(e.kind, e.field, e.old_value, e.new_value) for e in events[1:]] == [
        ("field", "subject", "Printr offline", "Printer offline"),
        ("field", "category", "incident", "service_request"),
    ]
    assert services.history.verify(ticket.number).ok


def test_a_stale_edit_is_a_conflict_and_changes_nothing(services: Services, people: People) -> None:
    ticket = services.tickets.open_ticket(
        people.care, customer="ACME", subject="VPN drops", service_type="managed_hosting"
    )
    services.tickets.edit(people.manager, ticket.number, {"subject": "VPN drops hourly"})
    with pytest.raises(Conflict, match="changed by someone else"):
        services.tickets.edit(
            people.care, ticket.number, {"subject": "VPN down"}, expected_version=ticket.version
        )
    assert services.tickets.show(people.care, ticket.number).subject == "VPN drops hourly"


def test_priority_is_a_managers_call_and_bad_values_are_explained(
    services: Services, people: People
) -> None:
    ticket = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Slow reports", service_type="managed_hosting"
    )
    with pytest.raises(PermissionDenied, match="override a ticket's priority"):
        services.tickets.edit(people.engineer, ticket.number, {"priority": 1})
    with pytest.raises(ValidationError, match="say why"):  # an override keeps its reason
        services.tickets.edit(people.manager, ticket.number, {"priority": 1})
    edited = services.tickets.edit(people.manager, ticket.number, {"priority": 1}, reason="VIP")
    assert edited.priority == 1
    with pytest.raises(ValidationError, match="cannot edit status"):
        services.tickets.edit(people.manager, ticket.number, {"status": "closed"})
    with pytest.raises(ValidationError, match="nothing to save"):
        services.tickets.edit(people.manager, ticket.number, {"priority": 1}, reason="VIP")
    assert services.history.verify(ticket.number).ok
