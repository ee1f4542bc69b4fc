"""What every ticket action shares: one change to one ticket in one transaction,
ended by the change pipeline and the commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from app.domain.errors import Conflict
from app.persistence.orm import Ticket, User
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.dto import TicketView
from app.services.pipeline import ChangePipeline
from app.services.ticket_reads import TicketReads


class TicketActions(TicketReads):
    def __init__(self, ctx: ServiceContext, pipeline: ChangePipeline | None = None) -> None:
        self.ctx = ctx
        self.pipeline = pipeline or ChangePipeline()

    @contextmanager
    def _change(
        self, actor: Actor, number: str, expected_version: int | None
    ) -> Iterator[tuple[UnitOfWork, User, Ticket, datetime]]:
        """One change to one ticket: a write unit of work, the acting user, the ticket
        (row-locked), the time, and the optimistic-lock check."""
        stale = f"{number} was changed by someone else meanwhile; reload it and try again."
        with storage_errors(stale), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor)
            ticket = uow.tickets.get(number, lock=True)
            if expected_version is not None and ticket.version != expected_version:
                raise Conflict(
                    f"{ticket.number} was changed by someone else meanwhile (now version "
                    f"{ticket.version}, you saw {expected_version}); reload it and try again."
                )
            yield uow, me, ticket, self.ctx.clock.now()

    def _done(self, uow: UnitOfWork, ticket: Ticket) -> TicketView:
        """Let the hooks react, then commit the whole change at once."""
        self.pipeline.finish(uow, ticket)
        uow.commit()
        return TicketView.of(ticket)
