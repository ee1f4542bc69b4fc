"""A Gold customer's Friday-afternoon ticket, its SLA clock, escalations and e-mails,
on SQLite and PostgreSQL, with a fake clock and a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.persistence.orm import Ticket
from app.services.notifications import SmtpSettings
from tests.support.people import PASSWORD, People
from tests.support.smtp import Inbox, smtp_server

ATHENS = ZoneInfo("Europe/Athens")
MAX = "max@desk.example"


def athens(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ATHENS)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with smtp_server() as server:
        yield server


def ticket_row(services: Services, number: str) -> Ticket:
    with services.db.session() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == number))
        assert ticket is not None
        return ticket


def test_gold_high_ticket_from_friday_afternoon_to_breach(
    services: Services,
    people: People,
    clock: FakeClock,
    smtp: tuple[Inbox, SmtpSettings],
) -> None:
    inbox, settings = smtp
    sla, tickets = services.sla, services.tickets
    # Max is the manager who hears of escalations (Mia has no e-mail address).
    services.users.add_user(
        people.admin,
        username="max",
        password=PASSWORD,
        role="manager",
        full_name="Max Manager",
        email=MAX,
    )
    sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["first_level_support", "second_level_support"],
        valid_from=date(2026, 1, 1),
    )

    # Friday 16:30 in Athens: a high-criticality ticket, Gold tier → P2, 4 business hours.
    clock.set(athens(6, 16, 30))
    number = tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Invoices are not sent",
        service_type="first_level_support",
        contact="jo@acme.example",
        criticality="high",
    ).number
    opened = tickets.show(people.care, number)
    assert opened.priority == 2
    assert opened.history[0].data["contract"] == "ACME-1"
    shown = sla.show(people.care, number)
    assert shown.state == "on_track"
    assert shown.resolution is not None and shown.response is not None
    assert shown.resolution.due_at == athens(9, 12, 30)  # Monday 12:30
    assert shown.response.due_at == athens(9, 9, 30)
    row = ticket_row(services, number)
    assert row.sla_due_at == athens(9, 9, 30)  # the first response matters first
    assert row.resolution_due_at == athens(9, 12, 30)
    assert row.sla_state == "on_track"

    # Monday: the engineer takes it and answers the customer publicly at 09:05.
    clock.set(athens(9, 9, 0))
    tickets.take(people.engineer, number)
    tickets.start(people.engineer, number)
    clock.set(athens(9, 9, 5))
    tickets.comment(people.engineer, number, "We are looking into it.")
    row = ticket_row(services, number)
    assert row.first_responded_at == athens(9, 9, 5)
    assert row.sla_due_at == athens(9, 12, 30)

    # Two hours waiting on the customer push the deadline by two business hours.
    clock.set(athens(9, 9, 30))
    tickets.wait_on_customer(people.engineer, number, "need the mail server logs")
    row = ticket_row(services, number)
    assert (row.sla_state, row.sla_due_at) == ("paused", None)
    clock.set(athens(9, 11, 30))
    tickets.customer_replied(people.care, number, "logs attached")
    row = ticket_row(services, number)
    assert row.sla_due_at == athens(9, 14, 30)
    assert row.sla_state == "on_track"

    # At risk at 13:30 (75 % of 240 min), not a minute earlier; escalated once.
    clock.set(athens(9, 13, 29))
    assert sla.scan().escalations == []
    clock.set(athens(9, 13, 30))
    assert sla.scan().escalations == [(number, "resolution", "at_risk")]
    assert sla.scan().escalations == []
    assert ticket_row(services, number).sla_state == "at_risk"
    report = services.notifications.send_pending(settings)
    assert report.sent == 2 and not report.errors  # Jo's public comment + Max's warning
    assert [m["Subject"] for m in inbox.to(MAX)] == [
        f"[{number}] SLA at risk: resolution due 2026-03-09 14:30 EET"
    ]
    assert [m["Subject"] for m in inbox.to("jo@acme.example")] == [
        f"[{number}] Invoices are not sent"
    ]

    # Breached at 14:30 exactly; escalated once more, and never again.
    clock.set(athens(9, 14, 29))
    assert sla.scan().escalations == []
    clock.set(athens(9, 14, 30))
    assert sla.scan().escalations == [(number, "resolution", "breached")]
    clock.set(athens(9, 16, 0))
    assert sla.scan().escalations == []
    assert services.notifications.send_pending(settings).sent == 1
    assert services.notifications.send_pending(settings).sent == 0
    assert len(inbox.to(MAX)) == 2
    assert "BREACHED" in inbox.to(MAX)[1]["Subject"]
    assert ticket_row(services, number).sla_state == "breached"

    history = tickets.show(people.manager, number).history
    escalations = [e for e in history if e.field == "sla_state"]
    assert [(e.actor, e.new_value, e.internal) for e in escalations] == [
        ("system", "at_risk", True),
        ("system", "breached", True),
    ]
    assert escalations[0].data["notified"] == ["max"]
    shown = sla.show(people.manager, number)
    assert shown.escalations == ("resolution at_risk", "resolution breached")
    assert services.history.verify().ok


def test_resolving_and_closing_tells_the_customer(
    services: Services,
    people: People,
    clock: FakeClock,
    smtp: tuple[Inbox, SmtpSettings],
) -> None:
    inbox, settings = smtp
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Silver",
        services=["software_maintenance"],
        valid_from=date(2026, 1, 1),
    )
    t = services.tickets
    number = t.open_ticket(
        people.care,
        customer="ACME",
        subject="Report is slow",
        service_type="software_maintenance",
        contact="Jo Smith",
        criticality="medium",
    ).number
    t.take(people.engineer, number)
    t.start(people.engineer, number)
    t.comment(people.engineer, number, "internal: looks like an index", internal=True)
    clock.advance(hours=1)
    t.resolve(people.engineer, number, problem_nature="missing index", solution="added it")
    assert services.sla.show(people.care, number).state == "met"
    t.approve(people.care, number, contact="Jo Smith", channel="phone")
    services.notifications.send_pending(settings)
    subjects = [m["Subject"] for m in inbox.to("jo@acme.example")]
    assert subjects == [
        f"[{number}] Resolved, awaiting your approval: Report is slow",
        f"[{number}] Closed: Report is slow",
    ]
    assert "Solution: added it" in inbox.to("jo@acme.example")[0].get_content()
    assert ticket_row(services, number).sla_state == "met"
