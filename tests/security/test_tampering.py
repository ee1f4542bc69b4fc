"""History that proves itself: someone with the owner login edits, deletes or forges
history and recomputes every hash; an anchor made before catches each change, names
what and where, and ``history verify`` exits 3. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, delete, select, update
from sqlalchemy.orm import Session

import app.persistence.all_models  # noqa: F401 - every table, for delete_ticket
from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.persistence.engine import parse_url
from app.persistence.orm import Base, Customer, Ticket, TicketEvent
from app.persistence.orm_sla import OutboxMessage
from app.services.anchors import new_signing_key, read_anchor
from tests.support.cli import Cli
from tests.support.people import People

from .forger import forged_approval, owner_session, rechain_everything


@pytest.fixture
def story(services: Services, people: People, clock: FakeClock) -> list[str]:
    """Two tickets with some history: SD-000001 worked and resolved, SD-000002 new."""
    first = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Invoices are not sent",
        service_type="first_level_support",
        description="No invoice e-mail since 08:00.",
    )
    second = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Slow login", service_type="first_level_support"
    )
    clock.advance(timedelta(minutes=5))
    services.tickets.assign(people.manager, first.number, "eng")
    services.tickets.start(people.engineer, first.number)
    services.tickets.comment(people.engineer, first.number, "Queue worker died", internal=True)
    services.tickets.resolve(
        people.engineer, first.number, problem_nature="out of memory", solution="more memory"
    )
    return [first.number, second.number]


@pytest.fixture
def owner(db_url: str) -> Iterator[Engine]:
    engine = create_engine(parse_url(db_url))
    yield engine
    engine.dispose()


def _event(session: Session, number: str, seq: int) -> TicketEvent:
    ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
    return session.scalars(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.seq == seq)
    ).one()


def edit_event(s: Session, numbers: list[str]) -> None:
    _event(s, numbers[0], 5).text = "nothing happened"


def delete_event(s: Session, numbers: list[str]) -> None:
    s.delete(_event(s, numbers[0], 7))


def delete_ticket(s: Session, numbers: list[str]) -> None:
    """The ticket and every row of every table that refers to it."""
    ticket_id = s.scalars(select(Ticket.id).where(Ticket.number == numbers[1])).one()
    for table in reversed(Base.metadata.sorted_tables):
        for fk in table.foreign_keys:
            if fk.column.table.name == "tickets" and table.name != "tickets":
                s.execute(delete(table).where(fk.parent == ticket_id))
    s.execute(delete(Ticket).where(Ticket.id == ticket_id))


def forge_event(s: Session, numbers: list[str]) -> None:
    forged_approval(s, numbers[0], "mia")


def change_field(s: Session, numbers: list[str]) -> None:
    other = Customer(
        code="EVIL", name="Someone else", created_at=_event(s, numbers[0], 1).occurred_at
    )
    s.add(other)
    s.flush()
    s.execute(update(Ticket).where(Ticket.number == numbers[0]).values(customer_id=other.id))


# (tampering, what verify must name)
CASES: dict[str, tuple[Callable[[Session, list[str]], None], list[str]]] = {
    "edit an event": (edit_event, ["differ from anchor", "began with SD-000001 event #5"]),
    "delete an event": (delete_event, ["SD-000001 history: field status", "were removed"]),
    "delete a ticket": (delete_ticket, ["differ from anchor", "began with SD-000002 creation"]),
    "forge an event": (forge_event, ["SD-000001 event #8: recorded after anchor", "into the past"]),
    "change a field": (change_field, ["SD-000001 history: field customer is 'EVIL'"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_owner_rewriting_history_is_caught_by_an_anchor(
    case: str, story: list[str], db_url: str, owner: Engine, tmp_path: Path
) -> None:
    cli = Cli(db_url)
    key, anchor = tmp_path / "anchor-key.pem", tmp_path / "before.anchor"
    cli.ok("history", "anchor-key", "--key-file", str(key))
    cli.ok("history", "anchor", "--key-file", str(key), "--out", str(anchor))
    assert cli.ok("history", "verify", "--anchor", str(anchor)).out.startswith("history intact")

    tamper, named = CASES[case]
    with owner_session(owner) as session:
        tamper(session, story)
        session.flush()
        rechain_everything(session)

    result = cli.run("history", "verify", "--anchor", str(anchor))
    assert result.code == 3, result.err
    for words in named:
        assert words in result.err, f"{words!r} not in {result.err}"


def test_an_anchor_holds_while_history_grows(
    services: Services, people: People, story: list[str], clock: FakeClock, tmp_path: Path
) -> None:
    key = tmp_path / "k.pem"
    public = new_signing_key(key)
    made = services.history.make_anchor(tmp_path / "a.anchor", key)
    clock.advance(timedelta(hours=1))
    services.tickets.comment(people.care, story[1], "Customer called again")

    anchor = read_anchor(tmp_path / "a.anchor", [public])
    report = services.history.verify(anchors=[anchor])
    assert report.ok, report.problems
    assert made.seq == anchor.seq < report.ledger_entries
    # Twelve history entries and two creations before the anchor, one event after it.
    assert (anchor.seq, report.ledger_entries) == (made.seq, made.seq + 1)


def test_an_altered_anchor_file_is_refused(story: list[str], db_url: str, tmp_path: Path) -> None:
    cli = Cli(db_url)
    key, anchor = tmp_path / "k.pem", tmp_path / "a.anchor"
    cli.ok("history", "anchor-key", "--key-file", str(key))
    cli.ok("history", "anchor", "--key-file", str(key), "--out", str(anchor))
    anchor.write_text(anchor.read_text().replace('"seq": ', '"seq": 1'))
    result = cli.run("history", "verify", "--anchor", str(anchor))
    assert result.code == 2
    assert "signature does not match its content (the file was altered)" in result.err
    assert (key.stat().st_mode & 0o777) == 0o600


def test_without_an_anchor_the_ledger_still_catches_deletions_and_insertions(
    story: list[str], services: Services, owner: Engine
) -> None:
    """Rows removed or added without rebuilding the ledger (all one can do without the
    owner's power over the ledger) show up by name."""
    with owner_session(owner) as session:
        delete_ticket(session, story)
        forged_approval(session, story[0], "mia")
        session.commit()
    problems = [str(p) for p in services.history.verify().problems]
    assert "SD-000002 history: is in the ledger but no longer stored (ticket deleted)" in problems
    assert any(p.startswith("SD-000001 event #8") and "not in the ledger" in p for p in problems)


def test_an_anchor_is_mailed_to_the_managers(
    services: Services, people: People, story: list[str], tmp_path: Path
) -> None:
    services.users.edit_user(people.admin, "mia", email="mia@desk.example")
    key = tmp_path / "k.pem"
    new_signing_key(key)
    made = services.history.make_anchor(tmp_path / "a.anchor", key, mail_managers=True)
    with services.db.session() as session:
        mails = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "history_anchor")
        ).all()
    assert [m.to_address for m in mails] == ["mia@desk.example"]
    assert f"ledger entry {made.seq}" in mails[0].subject
    assert made.head in mails[0].body and '"signature"' in mails[0].body
