"""Tickets the tests of several layers start from."""

from __future__ import annotations

from datetime import date

from app.bootstrap import Services
from tests.support.people import People


def gold_checkout_ticket(services: Services, people: People, criticality: str) -> str:
    """ACME on a Gold managed-hosting contract since 2020, and care's ticket "Checkout
    errors" of ``criticality`` under it: its number."""
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["managed_hosting"],
        valid_from=date(2020, 1, 1),
    )
    return services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Checkout errors",
        service_type="managed_hosting",
        criticality=criticality,
    ).number


def printer_offline_ticket(services: Services, people: People) -> str:
    """Care's first-level ticket "Printer offline" for ACME's contact Jo Smith
    (jo@acme.example, so a public comment on it is mailed to Jo): its number."""
    return services.tickets.open_ticket(
        people.care,
        customer=people.customer,
        subject="Printer offline",
        service_type="first_level_support",
        contact=people.contact,
    ).number
