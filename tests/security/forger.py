"""What someone with the owner login can do to the history: switch the insert-only
triggers off, change rows, then recompute *every* hash — each ticket's chain, its head,
and the whole ledger — so that nothing inside the database gives them away."""

from __future__ import annotations

import json

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session

from app.domain.history import event_hash
from app.domain.ledger import LedgerLink, first_prev, link_hash, ticket_fingerprint
from app.persistence.orm import Ticket, TicketEvent, User
from app.persistence.orm_security import LedgerEntry
from app.services.history import stored

INSERT_ONLY = ("ticket_events", "history_ledger")


def owner_session(engine: Engine) -> Session:
    session = Session(engine)
    if engine.dialect.name == "postgresql":
        for table in INSERT_ONLY:  # the owner may; no one else can
            session.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
    return session


def rechain_everything(session: Session) -> None:
    """Recompute every ticket's chain and head, then rebuild the ledger in its old order
    (entries of deleted rows dropped, new events placed after their ticket's last)."""
    names = {i: n for i, n in session.execute(select(User.id, User.username))}
    hashes: dict[tuple[str, int], str] = {}
    for ticket in session.scalars(select(Ticket).order_by(Ticket.id)):
        prev = first_prev()
        events = session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.seq)
        ).all()
        for event in events:
            record = stored(event, ticket.number, names[event.actor_id]).record
            event.prev_hash = prev
            event.hash = event_hash(record, prev)
            prev = event.hash
            hashes[(ticket.number, event.seq)] = event.hash
        ticket.last_event_hash, ticket.event_count = prev, len(events)
        birth = ticket_fingerprint(ticket.number, ticket.created_at, names[ticket.created_by_id])
        hashes[(ticket.number, 0)] = birth
    session.flush()
    order = [
        (e.ticket_number, e.event_seq)
        for e in session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq))
        if (e.ticket_number, e.event_seq) in hashes
    ]
    for key in sorted(set(hashes) - set(order)):  # a forged event: slip it into the past
        last = max(i for i, k in enumerate(order) if k[0] == key[0])
        order.insert(last + 1, key)
    session.execute(delete(LedgerEntry))
    prev = first_prev()
    for seq, (number, event_seq) in enumerate(order, start=1):
        kind = "ticket" if event_seq == 0 else "event"
        link = LedgerLink(kind, number, event_seq, hashes[(number, event_seq)])
        digest = link_hash(seq, link, prev)
        session.add(
            LedgerEntry(
                seq=seq,
                kind=kind,
                ticket_number=number,
                event_seq=event_seq,
                entry_hash=link.entry_hash,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    session.commit()


def forged_approval(session: Session, number: str, manager: str) -> None:
    """Append a well-formed 'approved by the manager' event, dated in the past."""
    ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
    last = session.scalars(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id)
        .order_by(TicketEvent.seq.desc())
        .limit(1)
    ).one()
    actor = session.scalars(select(User).where(User.username == manager)).one()
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            seq=last.seq + 1,
            occurred_at=last.occurred_at,
            actor_id=actor.id,
            kind="customer_approval",
            text="approved on the phone",
            minutes=0,
            internal=False,
            data=json.dumps({"channel": "phone", "contact": "Jo Smith"}),
            prev_hash=last.hash,
            hash=last.hash,
        )
    )
    session.flush()
