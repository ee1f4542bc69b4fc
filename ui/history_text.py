"""How a history event reads in the timeline (Qt-free)."""

from __future__ import annotations

from datetime import datetime

from app.services.dto import EventView
from ui.timefmt import stamp

KIND_TITLES = {
    "created": "opened the ticket",
    "status": "changed the status",
    "assigned": "assigned",
    "field": "edited",
    "comment": "commented",
    "work": "logged work",
    "resolution": "resolved",
    "customer_approval": "recorded the customer's approval",
    "customer_rejection": "recorded the customer's rejection",
    "customer_reply": "recorded the customer's reply",
    "cancelled": "cancelled the ticket",
    "alert": "recorded a monitoring alert",  # SLA annex (issue 17)
    "outage": "recorded an outage",
}

KIND_FILTERS: dict[str, set[str] | None] = {
    "All events": None,
    "Comments and work": {"comment", "work"},
    "Status and assignment": {"created", "status", "assigned", "field", "cancelled"},
    "Customer": {"customer_reply", "customer_approval", "customer_rejection"},
    "Resolution": {"resolution"},
}


def _pretty(value: str | None) -> str:
    return (value or "—").replace("_", " ")


def headline(event: EventView) -> str:
    """``eli changed the status: assigned → in progress``."""
    title = KIND_TITLES.get(event.kind, event.kind)
    if event.kind == "field" and event.field == "sla_state":
        return f"SLA escalation: {_pretty(event.new_value)}"
    if event.kind == "field" and event.field:
        title = f"edited {event.field.replace('_', ' ')}"
    if event.kind == "assigned" and event.new_value:
        if event.new_value == event.actor and not event.old_value:
            return f"{event.actor} took the ticket"
        was = f" (was {event.old_value})" if event.old_value else ""
        return f"{event.actor} assigned it to {event.new_value}{was}"
    line = f"{event.actor} {title}"
    if event.old_value == event.new_value and event.new_value is not None:
        line += f": {_pretty(event.new_value)}"  # a re-statement (e.g. an SLA escalation)
    elif event.old_value is not None or event.new_value is not None:
        line += f": {_pretty(event.old_value)} → {_pretty(event.new_value)}"
    return line


def details(event: EventView) -> str:
    """The event's text and what its data says (resolution, customer answer)."""
    parts: list[str] = []
    data = event.data or {}
    if event.kind == "resolution":
        parts.append(f"Problem: {data.get('problem_nature', '')}")
        parts.append(f"Solution: {data.get('solution', '')}")
    if event.kind.startswith("customer_") and data.get("contact"):
        parts.append(f"{data['contact']} by {_pretty(data.get('channel'))}")
    if event.field == "sla_state" and data.get("due_at"):
        # Stored with an ISO timestamp; people read the due time in their own zone.
        measure = _pretty(data.get("measure"))
        due = datetime.fromisoformat(str(data["due_at"]))
        parts.append(f"{measure.capitalize()} {_pretty(event.new_value)}: due {stamp(due)}")
    elif event.text and not (event.kind == "field" and event.field == "description"):
        parts.append(event.text)
    files = [str(f.get("name", "")) for f in data.get("attachments") or ()]
    if files and not (event.text or "").endswith(", ".join(files)):
        parts.append(f"Files: {', '.join(files)}")  # shown under the history (issue 15)
    return "\n".join(parts)


def minutes_label(minutes: int) -> str:
    if not minutes:
        return ""
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"
