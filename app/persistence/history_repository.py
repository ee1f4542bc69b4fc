"""Storage of the ticket history: event rows, read per ticket, and every ticket in
batches for the chain check."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence.orm import Contact, Customer, Product, Ticket, TicketEvent, User


class HistoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: TicketEvent) -> None:
        self.session.add(event)

    def events(self, ticket_id: int, *, after_seq: int = 0) -> Sequence[TicketEvent]:
        """The ticket's events after ``after_seq``, in order."""
        return self.session.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.seq > after_seq)
            .order_by(TicketEvent.seq)
        ).all()

    def chain(self, ticket_id: int) -> Sequence[TicketEvent]:
        """All the ticket's events as stored, for checking their chain."""
        return self.session.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.seq, TicketEvent.id)
        ).all()

    def status_changes(self, ticket_id: int) -> list[tuple[datetime, str | None]]:
        """(when, new status) of every status event of the ticket, in order."""
        rows = self.session.execute(
            select(TicketEvent.occurred_at, TicketEvent.new_value)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.field == "status")
            .order_by(TicketEvent.seq)
        ).all()
        return [(at, value) for at, value in rows]

    def created_data(self, ticket_id: int) -> str | None:
        """The JSON data of the ticket's first ("created") event."""
        return self.session.scalar(
            select(TicketEvent.data).where(TicketEvent.ticket_id == ticket_id, TicketEvent.seq == 1)
        )

    def usernames(self) -> dict[int, str]:
        """Every user's name by id (the system user included)."""
        return {uid: name for uid, name in self.session.execute(select(User.id, User.username))}

    def labels(self) -> dict[str, dict[int, str]]:
        """By id, the names the history uses: users, customer codes, contacts, products."""
        return {
            "users": self.usernames(),
            "customers": {
                i: c for i, c in self.session.execute(select(Customer.id, Customer.code))
            },
            "contacts": {i: n for i, n in self.session.execute(select(Contact.id, Contact.name))},
            "products": {i: c for i, c in self.session.execute(select(Product.id, Product.code))},
        }

    def all_tickets(self, number: str | None = None, *, batch: int) -> Iterator[Ticket]:
        """Every ticket (or the one numbered ``number``) by id, read ``batch`` at a time;
        the session forgets each batch (and what was read with it) before the next."""
        query = select(Ticket).order_by(Ticket.id)
        if number:
            query = query.where(Ticket.number == number.strip().upper())
        last_id = 0
        while True:
            rows = self.session.scalars(query.where(Ticket.id > last_id).limit(batch)).all()
            if not rows:
                return
            yield from rows
            last_id = rows[-1].id
            self.session.expunge_all()
