"""Extension points of the ticket service, run inside its transaction.

Features such as SLA targets or automatic assignment plug in here instead of growing
``TicketService``: a hook may adjust a ticket being opened (priority, refusal), and
react to an opened or changed ticket (more history events, derived columns) before
the unit of work commits — so their effects are all-or-nothing with the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.tickets import Category, Criticality, Environment, ServiceType
from app.persistence.orm import Customer, Product, Ticket, User
from app.persistence.unit_of_work import UnitOfWork


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


class TicketHook:
    """No-op base: override what you need."""

    def on_opening(self, uow: UnitOfWork, draft: OpeningDraft) -> None:
        """Before the ticket exists: adjust the draft or raise a DomainError to refuse."""

    def on_opened(self, uow: UnitOfWork, ticket: Ticket, actor: User, at: datetime) -> None:
        """The ticket and its "created" event exist (flushed, not committed)."""

    def on_changed(self, uow: UnitOfWork, ticket: Ticket, actor: User, at: datetime) -> None:
        """After any change to the ticket (including opening), just before commit."""
