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
from app.services.idempotency import Replayed, may_be_recorded, record, recorded
from app.services.pipeline import ChangePipeline
from app.services.ticket_reads import TicketReads


class TicketActions(TicketReads):
    def __init__(self, ctx: ServiceContext, pipeline: ChangePipeline | None = None) -> None:
        self.ctx = ctx
        self.pipeline = pipeline or ChangePipeline()

    @contextmanager
    def _change(
        self,
        actor: Actor,
        number: str,
        expected_version: int | None,
    ) -> Iterator[tuple[UnitOfWork, User, Ticket, datetime]]:
        """One change to one ticket: a write unit of work, the acting user, the ticket
        (row-locked), the time, and the optimistic-lock check.

        When the action's idempotency key (``app/services/idempotency.py``) was already
        used, nothing runs: the ticket as it is now comes back (:class:`Replayed`). A new
        key is recorded in this transaction — before the version check, so a retry after
        a lost COMMIT is recognised rather than refused as a conflict."""
        stale = f"{number} was changed by someone else meanwhile; reload it and try again."
        # A first attempt with a fresh key skips the pool's pre-ping (one round trip per
        # change, issue 19): on a lost connection the action fails before anything is
        # written and ``idempotent`` runs it again (pinged then, as a retry).
        retry = may_be_recorded()
        with storage_errors(stale), self.ctx.db.unit_of_work(ping=retry) as uow:
            both = None if retry else uow.tickets.find_with_user(number, actor.user_id)
            if both is None:  # a replay to look for, or no such ticket (or user)
                me = acting_user(uow, actor)
                prior = recorded(uow, me)
                if prior is not None:
                    raise Replayed(TicketView.of(uow.tickets.get(prior["ticket"])))
                ticket = uow.tickets.get(number, lock=True)
            else:
                # The acting user and the SLA clock came with the locked ticket (one
                # statement, issue 19); the user checked as always, the row now in this
                # session; the clock kept for the SLA hook.
                ticket, held, clock, escalations, facts = both  # ``held``: a strong ref.
                me = acting_user(uow, actor)
                del held
                if clock is not None:
                    uow.sla.hold_clock(clock, escalations)
                if facts is not None:  # and the report facts, for the facts hook
                    uow.facts.hold(ticket.id, facts)
            now = self.ctx.clock.now()
            record(uow, me, {"ticket": ticket.number}, now)
            if expected_version is not None and ticket.version != expected_version:
                raise Conflict(
                    f"{ticket.number} was changed by someone else meanwhile (now version "
                    f"{ticket.version}, you saw {expected_version}); reload it and try again."
                )
            yield uow, me, ticket, now

    def _done(self, uow: UnitOfWork, ticket: Ticket) -> TicketView:
        """Let the hooks react, then commit the whole change at once.

        The answer is read before COMMIT (after a flush, so the version is the new one):
        once committed, nothing left can turn the success into a failure."""
        self.pipeline.finish(uow, ticket)
        uow.flush()
        view = TicketView.of(ticket)
        uow.commit()
        return view
