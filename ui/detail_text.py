"""Words for the detail pane that come from the ticket's history."""

from __future__ import annotations

from app.services.dto import TicketView


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
