"""Who decides a ticket's priority when its criticality or priority is edited.

The contract's tier × criticality gives the priority (the same table that gives the SLA
targets), so raising a Gold ticket from high to critical makes it P1 as well as giving it
the 30 min / 4 h targets: queue order and "Take next" go by priority. A manager may
override the priority, with a reason that stays in the history (and the detail pane);
once overridden, later criticality changes leave it alone. Lowering the criticality after
opening relaxes the deadline, so it is a manager's call with a reason: an engineer cannot
relax their own deadline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import Permission, Role, allows
from app.domain.tickets import DEFAULT_PRIORITY, Criticality
from app.persistence.orm import Ticket, User
from app.persistence.unit_of_work import UnitOfWork

# Larger is more severe.
SEVERITY = {Criticality.LOW: 1, Criticality.MEDIUM: 2, Criticality.HIGH: 3, Criticality.CRITICAL: 4}


@dataclass
class PriorityDecision:
    """What the edit must also record: event data per field (``follows`` / ``override``)."""

    data: dict[str, dict[str, Any]] = field(default_factory=dict)


def decide_priority(
    uow: UnitOfWork, me: User, ticket: Ticket, clean: dict[str, str | int], reason: str
) -> PriorityDecision:
    """Check the rules and complete ``clean`` with the priority the contract gives."""
    decision = PriorityDecision()
    manager = allows(Role(me.role), Permission.OVERRIDE_PRIORITY)
    new_crit = clean.get("criticality")
    crit_changes = new_crit is not None and new_crit != ticket.criticality
    if (
        crit_changes
        and SEVERITY[Criticality(str(new_crit))] < SEVERITY[Criticality(ticket.criticality)]
    ):
        if not manager:
            raise PermissionDenied(
                f"lowering {ticket.number}'s criticality relaxes its deadlines; "
                "a manager does it, with a reason."
            )
        if not reason:
            raise ValidationError(
                f"say why {ticket.number}'s criticality is lowered (the reason is kept)."
            )
        decision.data["criticality"] = {"lowered": True}
    if "priority" in clean and clean["priority"] != ticket.priority:
        if not reason:
            raise ValidationError(
                f"say why {ticket.number}'s priority is overridden (the reason is kept)."
            )
        decision.data["priority"] = {"override": True}
    elif crit_changes and not overridden(uow, ticket):
        follows = contract_priority(uow, ticket, Criticality(str(new_crit)))
        if follows != ticket.priority:
            clean["priority"] = follows
            decision.data["priority"] = {"follows": "contract"}
    return decision


def contract_priority(uow: UnitOfWork, ticket: Ticket, criticality: Criticality) -> int:
    """The priority of the ticket's contract tier for ``criticality`` (default without one)."""
    clock = uow.sla.clock(ticket.id)
    if clock is not None and clock.tier:
        row = uow.sla.target(clock.tier, criticality.value)
        if row is not None:
            return int(row.priority)
    return DEFAULT_PRIORITY[criticality]


def overridden(uow: UnitOfWork, ticket: Ticket) -> bool:
    """Whether a manager set this ticket's priority by hand (the latest priority event)."""
    latest: dict[str, Any] | None = None
    for event in uow.history.events(ticket.id):
        if event.field == "priority":
            latest = json.loads(event.data or "{}")
    return bool(isinstance(latest, dict) and latest.get("override"))
