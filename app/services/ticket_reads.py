"""Reading tickets: one ticket with its history, and short filtered lists.

The queue's big, paged read model is :mod:`app.services.queue`; this is for the CLI and
for services that need a ticket as plain data.
"""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.domain.tickets import Status, parse_enum
from app.persistence.orm import User
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.dto import TicketView
from app.services.users import clean_username

LIST_LIMIT_MAX = 1000


class TicketReads:
    """The read side of :class:`app.services.tickets.TicketService`."""

    ctx: ServiceContext

    def show(self, actor: Actor, number: str, *, with_history: bool = True) -> TicketView:
        with self.ctx.db.unit_of_work(write=False) as uow:
            me = acting_user(uow, actor)
            ticket = uow.tickets.get(number)
            events = list(uow.tickets.events(ticket)) if with_history else []
            if not _sees_internal(me):
                events = [e for e in events if not e.internal]
            return TicketView.of(ticket, events)

    def list_tickets(
        self,
        actor: Actor,
        *,
        status: str | None = None,
        assignee: str | None = None,
        customer: str | None = None,
        open_only: bool = False,
        limit: int = 50,
    ) -> list[TicketView]:
        if not 1 <= limit <= LIST_LIMIT_MAX:
            raise ValidationError(f"limit must be between 1 and {LIST_LIMIT_MAX}.")
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            wanted = parse_enum(Status, "status", status).value if status else None
            assignee_id = uow.users.get(clean_username(assignee)).id if assignee else None
            customer_id = (
                uow.customers.get(clean_code("customer", customer)).id if customer else None
            )
            tickets = uow.tickets.list(
                status=wanted,
                open_only=open_only,
                assignee_id=assignee_id,
                customer_id=customer_id,
                limit=limit,
            )
            return [TicketView.of(t) for t in tickets]


def _sees_internal(user: User) -> bool:
    """Internal notes are for staff; every SupportDesk role is staff today."""
    return user.active
