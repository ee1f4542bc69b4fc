"""Managers keep reply templates; anyone fills one in for a ticket in the composer."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.errors import NotFound, PermissionDenied, ValidationError
from tests.support.mail_story import gold_contract
from tests.support.people import People


def test_a_canned_reply_is_filled_in_for_the_ticket(services: Services, people: People) -> None:
    gold_contract(services, people)
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        contact="Jo Smith",
        subject="VPN down",
        service_type="first_level_support",
        criticality="high",
    ).number
    services.canned_replies.save(
        people.manager,
        "Looking into it",
        "Dear $contact,\n\nwe are on $number ($subject) for $customer; "
        "you will hear from us before $due. It costs $$0.",
    )
    assert [r.title for r in services.canned_replies.list(people.engineer)] == ["Looking into it"]
    text = services.canned_replies.render(people.engineer, "Looking into it", number)
    assert text == (
        f"Dear Jo Smith,\n\nwe are on {number} (VPN down) for Acme Corp; "
        "you will hear from us before 2026-03-02 10:00 UTC. It costs $0."
    )


def test_templates_are_checked_and_kept_by_managers(services: Services, people: People) -> None:
    with pytest.raises(ValidationError, match=r"unknown placeholder \$price"):
        services.canned_replies.save(people.manager, "Quote", "That is $price.")
    with pytest.raises(PermissionDenied):
        services.canned_replies.save(people.engineer, "Mine", "Hello $contact")
    services.canned_replies.save(people.manager, "Thanks", "Thank you, $contact.")
    services.canned_replies.save(people.manager, "Thanks", "Many thanks, $contact.")
    assert [r.body for r in services.canned_replies.list(people.care)] == ["Many thanks, $contact."]
    services.canned_replies.delete(people.manager, "Thanks")
    with pytest.raises(NotFound):
        services.canned_replies.render(people.care, "Thanks", "SD-000001")
