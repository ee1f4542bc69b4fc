"""Words for the detail pane that come from the ticket's history and SLA (Qt-free)."""

from __future__ import annotations

from datetime import datetime

from app.services.dto import TicketView
from app.services.sla_views import SlaView
from ui.models.queue_format import sla_state_label, span
from ui.timefmt import stamp


def priority_origin(view: TicketView) -> str:
    """Where the priority comes from: the contract, or a manager's override and why."""
    for event in reversed(view.history):
        if event.field != "priority":
            continue
        if event.data.get("override"):
            why = f": {event.text}" if event.text else ""
            return f"set by {event.actor}{why}"
        if event.data.get("follows"):
            return "from the contract (tier × criticality)"
        break
    return "from the contract (tier × criticality)" if view.history else ""


def needs_reason(view: TicketView, edits: dict[str, object]) -> bool:
    """A priority override or a lowered criticality must say why (the service insists)."""
    order = ("low", "medium", "high", "critical")
    lowered = "criticality" in edits and order.index(str(edits["criticality"])) < order.index(
        view.criticality
    )
    return "priority" in edits or lowered


def sla_summary(sla: SlaView | None, now: datetime) -> str:
    """Due time and time left, as the queue shows them, in the customer's clock's words."""
    if sla is None:
        return "—"
    if not sla.covered:
        return "No SLA (" + sla.note + ")"
    state = sla_state_label(sla.state) or (sla.state or "")
    if sla.due_at is None:
        return f"{state} — no due time while waiting on the customer"
    left = sla.due_at - now
    when = f"{span(left)} left" if left.total_seconds() >= 0 else f"overdue {span(left)}"
    return f"Due {stamp(sla.due_at)} · {when} · {state} · {sla.tier}, {sla.clock}"
