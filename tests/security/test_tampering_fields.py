"""Every stored field of a ticket is replayed by ``history verify`` — also the SLA
columns (recomputed by the SLA clock from the events), the SLA terms snapshot, the
version counter, and an imported ticket's description and times (recorded by the
importer in the "created" event). Someone with the owner login changes one of them
directly and recomputes every hash; ``history verify --anchor`` made before exits 3 and
names the ticket and the field. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.persistence.engine import parse_url
from app.persistence.orm import Ticket
from app.persistence.orm_sla import SlaClock
from app.services.anchors import new_signing_key
from tests.support.cli import Cli
from tests.support.mail_story import gold_contract
from tests.support.people import People
from tests.support.servicenow_export import incident, write_export

from .forger import owner_session, rechain_everything

LIVE, IMPORTED = "SD-000001", "SD-000002"


@pytest.fixture
def tickets(services: Services, people: People, clock: FakeClock, tmp_path: Path) -> None:
    """SD-000001 under a Gold contract, answered and being worked on (its SLA clock
    running); SD-000002 imported from ServiceNow, resolved and closed there."""
    gold_contract(services, people)
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Invoices stuck", service_type="first_level_support"
    ).number
    assert number == LIVE
    clock.advance(timedelta(minutes=20))
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    clock.advance(timedelta(minutes=10))
    services.tickets.comment(people.engineer, number, "Looking at the queue now")
    rows = incident(
        "INC0000100",
        {"opened_at": "1/3/2016 09:00", "sys_created_at": "1/3/2016 09:00",
         "sys_updated_at": "1/3/2016 09:00",},
        {"sys_updated_at": "1/3/2016 10:00", "incident_state": "Resolved",
         "resolved_at": "1/3/2016 10:00", "closed_code": "cleared"},
        {"sys_updated_at": "3/3/2016 10:00", "incident_state": "Closed",
         "closed_at": "3/3/2016 10:00", "active": "false"},
    )  # fmt: skip
    export = write_export(tmp_path / "sn.csv", rows)
    summary = services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="UTC"
    )
    assert summary.first_number == IMPORTED
    assert services.history.verify().ok


@pytest.fixture
def owner(db_url: str) -> Iterator[Engine]:
    engine = create_engine(parse_url(db_url))
    yield engine
    engine.dispose()


def _set(number: str, **values: object) -> Callable[[Session], None]:
    def tamper(session: Session) -> None:
        session.execute(update(Ticket).where(Ticket.number == number).values(**values))

    return tamper


def _shift(number: str, field: str, by: timedelta) -> Callable[[Session], None]:
    def tamper(session: Session) -> None:
        value = session.scalar(select(getattr(Ticket, field)).where(Ticket.number == number))
        assert value is not None, f"{number} {field} is empty: nothing to tamper with"
        _set(number, **{field: value + by})(session)

    return tamper


def _longer_targets(session: Session) -> None:
    """A more generous SLA in the snapshot, the due times moved to match it."""
    ticket = session.scalars(select(Ticket).where(Ticket.number == LIVE)).one()
    clock = session.get(SlaClock, ticket.id)
    assert clock is not None and clock.resolution_minutes
    clock.resolution_minutes *= 10
    assert ticket.resolution_due_at is not None
    ticket.resolution_due_at += timedelta(days=30)


DAY = timedelta(days=1)
# (tampering, what verify must name)
CASES: dict[str, tuple[Callable[[Session], None], str]] = {
    "first response time": (
        _shift(LIVE, "first_responded_at", -DAY),
        f"{LIVE} history: field first_responded_at is",
    ),
    "response due": (
        _shift(LIVE, "first_response_due_at", DAY),
        f"{LIVE} history: field first_response_due_at is",
    ),
    "resolution due": (
        _shift(LIVE, "resolution_due_at", DAY),
        f"{LIVE} history: field resolution_due_at is",
    ),
    "SLA due": (_shift(LIVE, "sla_due_at", DAY), f"{LIVE} history: field sla_due_at is"),
    "SLA state": (_set(LIVE, sla_state="met"), f"{LIVE} history: field sla_state is 'met'"),
    "version": (_set(LIVE, version=1), f"{LIVE} history: field version is 1 but its history"),
    "SLA terms": (_longer_targets, f"{LIVE} history: its SLA terms are tier Gold"),
    "imported description": (
        _set(IMPORTED, description="Nothing to see"),
        f"{IMPORTED} history: field description is 'Nothing to see'",
    ),
    "imported opening": (
        _shift(IMPORTED, "created_at", DAY),
        f"{IMPORTED} history: field created_at is",
    ),
    "imported last update": (
        _shift(IMPORTED, "updated_at", -DAY),
        f"{IMPORTED} history: field updated_at is",
    ),
    "imported resolution": (
        _shift(IMPORTED, "resolved_at", -DAY),
        f"{IMPORTED} history: field resolved_at is",
    ),
    "imported closure": (
        _shift(IMPORTED, "closed_at", DAY),
        f"{IMPORTED} history: field closed_at is",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_changed_field_is_named(
    case: str, tickets: None, services: Services, db_url: str, owner: Engine, tmp_path: Path
) -> None:
    key, anchor = tmp_path / "k.pem", tmp_path / "before.anchor"
    new_signing_key(key)
    services.history.make_anchor(anchor, key)

    tamper, named = CASES[case]
    with owner_session(owner) as session:
        tamper(session)
        session.flush()
        rechain_everything(session)

    result = Cli(db_url).run("history", "verify", "--anchor", str(anchor))
    assert result.code == 3, result.err
    assert named in result.err, f"{named!r} not in {result.err}"
