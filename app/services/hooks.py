"""Extension points of every ticket change, run inside its transaction.

Features such as SLA targets or automatic assignment plug in here instead of growing
the ticket services. A hook may adjust a ticket being opened (priority, refusal) and
react to a change (more history events, derived columns) before the unit of work
commits — so their effects are all-or-nothing with the change.

A hook is told exactly what happened: a :class:`~app.persistence.change_log.TicketChange`
with the events appended, the status and assignee before and after, the actor and the
time. A hook whose reaction changes *another* ticket (or its own again) returns those
changes; the :class:`~app.services.pipeline.ChangePipeline` shows them to every hook in
turn. No hook holds or calls the hook list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from app.domain.sla import Target
from app.domain.tickets import Category, Criticality, Environment, ServiceType
from app.persistence.change_log import TicketChange
from app.persistence.orm import Customer, Product, User
from app.persistence.unit_of_work import UnitOfWork

NO_CHANGES: Sequence[TicketChange] = ()


@dataclass(frozen=True)
class SlaTerms:
    """What the SLA hook settled at opening: the contract, its calendar, the targets."""

    contract_id: int
    calendar_id: int
    target: Target
    # The calendar's row, read with the contract: the clock made at opening takes it
    # (held here, the session would have let it go and read it again).
    calendar: Any = None


@dataclass
class OpeningDraft:
    """A ticket about to be opened; hooks may change ``priority`` and add ``notes``."""

    customer: Customer
    product: Product | None
    environment: Environment
    service_type: ServiceType
    category: Category
    criticality: Criticality
    priority: int
    opened_at: datetime
    actor: User
    # Recorded in the "created" history event's data (e.g. the contract it fell under).
    notes: dict[str, Any] = field(default_factory=dict)
    # A manager opens a ticket the customer's contract does not cover (SLA hook checks).
    out_of_contract: bool = False
    # The contract terms the SLA hook chose (None: no contract, or out of contract).
    sla_terms: SlaTerms | None = None


class TicketHook:
    """No-op base: override what you need."""

    # True for a hook whose on_changed, for an opening, only reads what is not the new
    # ticket's (settings, engineers, targets), changes ORM objects or runs statements that
    # do not name the new ticket's rows: the pipeline then writes the opening's rows
    # after it, in one flush (see ChangePipeline.opened). False (the safe default): the
    # rows are written before this hook runs.
    gathers_writes: ClassVar[bool] = False

    def on_opening(self, uow: UnitOfWork, draft: OpeningDraft) -> None:
        """Before the ticket exists: adjust the draft or raise a DomainError to refuse."""

    def on_opened(self, uow: UnitOfWork, change: TicketChange) -> None:
        """The ticket and its "created" event are in the session, not yet written (the
        pipeline writes them with what the hooks add here, in one flush; the ticket's id
        is known); ``change.opening`` is the draft. Events appended here join the opening
        change. Queries here do not flush: read nothing of the new ticket's rows."""

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        """After a change (including the opening), just before commit. Returns the
        further ticket changes this reaction made, for the pipeline to dispatch."""
        return NO_CHANGES
