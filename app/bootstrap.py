"""Builds the object graph: database, clock, password hasher, services.

Nothing here runs at import time; callers (CLI, GUI, tests) decide what to build.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.clock import Clock, SystemClock
from app.persistence.database import Database
from app.services.auth import Passwords
from app.services.context import ServiceContext
from app.services.customers import CustomerService
from app.services.history import HistoryService
from app.services.hooks import TicketHook
from app.services.tickets import TicketService
from app.services.users import UserService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    users: UserService
    customers: CustomerService
    tickets: TicketService
    history: HistoryService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        # Ticket hooks run in this order inside every ticket transaction.
        hooks: list[TicketHook] = []
        return cls(
            ctx=ctx,
            users=UserService(ctx),
            customers=CustomerService(ctx),
            tickets=TicketService(ctx, hooks),
            history=HistoryService(ctx),
        )

    @property
    def db(self) -> Database:
        return self.ctx.db


def open_services(
    url: str,
    *,
    create: bool = False,
    require_schema: bool = True,
    clock: Clock | None = None,
    passwords: Passwords | None = None,
) -> Services:
    """Open the database at ``url`` and wire the services around it."""
    db = Database.open(url, create=create)
    try:
        if require_schema:
            db.require_current_schema()
    except Exception:
        db.dispose()
        raise
    ctx = ServiceContext(db=db, clock=clock or SystemClock(), passwords=passwords or Passwords())
    return Services.build(ctx)
