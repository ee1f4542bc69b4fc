"""How a history event reads in the timeline, in the user's language (context
"HistoryText" in supportdesk_el.ts; without a translator installed it reads English)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.labels import status_label
from app.services.dto import EventView
from ui.domain_labels import label as core_label
from ui.i18n import translate
from ui.timefmt import stamp
from ui.value_labels import value_label

KIND_TITLES: dict[str, object] = {  # QT_TRANSLATE_NOOP returns its text; stubs: object
    "created": QT_TRANSLATE_NOOP("HistoryText", "opened the ticket"),
    "status": QT_TRANSLATE_NOOP("HistoryText", "changed the status"),
    "assigned": QT_TRANSLATE_NOOP("HistoryText", "assigned"),
    "field": QT_TRANSLATE_NOOP("HistoryText", "edited"),
    "comment": QT_TRANSLATE_NOOP("HistoryText", "commented"),
    "work": QT_TRANSLATE_NOOP("HistoryText", "logged work"),
    "resolution": QT_TRANSLATE_NOOP("HistoryText", "resolved"),
    "customer_approval": QT_TRANSLATE_NOOP("HistoryText", "recorded the customer's approval"),
    "customer_rejection": QT_TRANSLATE_NOOP("HistoryText", "recorded the customer's rejection"),
    "customer_reply": QT_TRANSLATE_NOOP("HistoryText", "recorded the customer's reply"),
    "cancelled": QT_TRANSLATE_NOOP("HistoryText", "cancelled the ticket"),
    "alert": QT_TRANSLATE_NOOP("HistoryText", "recorded a monitoring alert"),  # issue 17
    "outage": QT_TRANSLATE_NOOP("HistoryText", "recorded an outage"),
}


def _t(text: str) -> str:
    return translate("HistoryText", text)


KIND_FILTERS: dict[str, set[str] | None] = {
    "All events": None,
    "Comments and work": {"comment", "work"},
    "Status and assignment": {"created", "status", "assigned", "field", "cancelled"},
    "Customer": {"customer_reply", "customer_approval", "customer_rejection"},
    "Resolution": {"resolution"},
}


# Fields whose values are the core's codes (shown in words); any other field's values are
# what someone typed, shown exactly as typed.
CODED_FIELDS = {"criticality", "category", "service_type", "environment", "sla_state"}


def _pretty(value: str | None) -> str:
    return (value or "—").replace("_", " ")


def _shown(event: EventView, value: str | None) -> str:
    """An old or new value as the reader's language says it (a status in Greek reads
    "Σε εξέλιξη", not "in progress")."""
    if value is None:
        return "—"
    if event.kind == "status":
        return core_label(status_label(value))
    if event.kind == "field" and event.field in CODED_FIELDS:
        return value_label(value)
    return value


def headline(event: EventView) -> str:
    """``eli changed the status: assigned → in progress``."""
    title = _t(str(KIND_TITLES[event.kind])) if event.kind in KIND_TITLES else event.kind
    if event.kind == "field" and event.field == "sla_state":
        return translate("HistoryText", "SLA escalation: {state}").format(
            state=_shown(event, event.new_value)
        )
    if event.kind == "field" and event.field:
        title = translate("HistoryText", "edited {field}").format(
            field=event.field.replace("_", " ")
        )
    if event.kind == "assigned" and event.new_value:
        if event.new_value == event.actor and not event.old_value:
            return translate("HistoryText", "{actor} took the ticket").format(actor=event.actor)
        if event.old_value:
            return translate("HistoryText", "{actor} assigned it to {to} (was {was})").format(
                actor=event.actor, to=event.new_value, was=event.old_value
            )
        return translate("HistoryText", "{actor} assigned it to {to}").format(
            actor=event.actor, to=event.new_value
        )
    line = f"{event.actor} {title}"
    if event.old_value == event.new_value and event.new_value is not None:
        line += f": {_shown(event, event.new_value)}"  # a re-statement (an SLA escalation)
    elif event.old_value is not None or event.new_value is not None:
        line += f": {_shown(event, event.old_value)} → {_shown(event, event.new_value)}"
    return line


def details(event: EventView) -> str:
    """The event's text and what its data says (resolution, customer answer)."""
    parts: list[str] = []
    data = event.data or {}
    if event.kind == "resolution":
        parts.append(
            translate("HistoryText", "Problem: {text}").format(text=data.get("problem_nature", ""))
        )
        parts.append(
            translate("HistoryText", "Solution: {text}").format(text=data.get("solution", ""))
        )
    if event.kind.startswith("customer_") and data.get("contact"):
        parts.append(
            translate("HistoryText", "{contact} by {channel}").format(
                contact=data["contact"], channel=value_label(data.get("channel")).lower()
            )
        )
    if event.field == "sla_state" and data.get("due_at"):
        # Stored with an ISO timestamp; people read the due time in their own zone.
        measure = _pretty(data.get("measure"))
        due = datetime.fromisoformat(str(data["due_at"]))
        parts.append(
            translate("HistoryText", "{measure} {state}: due {time}").format(
                measure=measure.capitalize(),
                state=_shown(event, event.new_value).lower(),  # mid-sentence
                time=stamp(due),
            )
        )
    elif event.text and not (event.kind == "field" and event.field == "description"):
        parts.append(event.text)
    files = [str(f.get("name", "")) for f in data.get("attachments") or ()]
    if files and not (event.text or "").endswith(", ".join(files)):
        parts.append(
            translate("HistoryText", "Files: {names}").format(names=", ".join(files))
        )  # issue 15
    return "\n".join(parts)


def minutes_label(minutes: int) -> str:
    """Time spent in the user's language ("" for none): :func:`time_spent` but blank for
    an event that logged no time."""
    return time_spent(minutes) if minutes else ""


def time_spent(minutes: int) -> str:
    """Time spent in the user's language ("0 min" for none), the detail pane's words for
    it (context "TicketDetail"), so the history and the detail say the same and Greek has
    one translation to keep; the history said "15 min" in the Greek client."""
    hours, mins = divmod(minutes, 60)
    if hours:
        return translate("TicketDetail", "{hours} h {minutes} min").format(
            hours=hours, minutes=f"{mins:02d}"
        )
    return translate("TicketDetail", "{minutes} min").format(minutes=mins)


def internal_mark() -> str:
    """The word that marks an internal event (a note the customer never sees)."""
    return translate("HistoryText", "internal")
