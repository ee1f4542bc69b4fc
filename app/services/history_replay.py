"""Replaying a ticket's history into the field values it implies.

``history verify`` compares every stored field of a ticket with what its events say:

- the fields people change (status, assignee, subject, …) from the events that changed
  them, and the times from the events' times;
- the SLA columns recomputed by the SLA clock from the replayed events and the ticket's
  SLA snapshot (:mod:`app.services.history_replay_sla`);
- ``version``, the optimistic-lock counter: SQLAlchemy adds one each time the row is
  written, and one change may write it more than once (the hooks flush), so no event
  states it. What the history does state is how many changes there were: every change
  writes the row at least once, so ``version`` may not be lower than the number of
  distinct moments of its events (an import counts as one change);
- ``last_event_hash`` / ``event_count`` — checked by the chain itself.

Imported tickets keep what their source said for ``description``, ``created_at``,
``updated_at``, ``resolved_at`` and ``closed_at``: the importer records those values in
the "created" event (``imported.as_stored``, hashed and chained like the rest), so they
are replayed from there; tickets imported before it did are not checked for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.domain.history import ChainProblem, EventKind, StoredEvent
from app.domain.tickets import Status
from app.persistence.orm import Ticket
from app.persistence.orm_sla import SlaClock
from app.services.history_replay_sla import SLA_FIELDS, replay_sla, terms_problem

# What the creation event's data states about the ticket.
CREATED_KEYS = (
    "status",
    "priority",
    "criticality",
    "subject",
    "customer",
    "contact",
    "product",
    "environment",
    "service_type",
    "category",
)
# Every ticket column the history explains (see the module docstring for the rest).
REPLAYED_FIELDS = (
    "number",
    *CREATED_KEYS,
    "description",
    "assignee",
    "created_by",
    "created_at",
    "updated_at",
    "resolved_at",
    "closed_at",
    "problem_nature",
    "solution",
    "time_logged_minutes",
    *SLA_FIELDS,
)
IMPORTED_AS_IS = ("description", "created_at", "updated_at", "resolved_at", "closed_at")
_EDITABLE = frozenset(REPLAYED_FIELDS) - {
    "number",
    "created_by",
    "created_at",
    "updated_at",
    *SLA_FIELDS,
}
_FINAL = frozenset({Status.CLOSED.value, Status.CANCELLED.value})


def replay(number: str, events: list[StoredEvent]) -> dict[str, Any]:
    """Fold a ticket's history into the field values it implies (SLA columns aside)."""
    state: dict[str, Any] = {
        "number": number,
        "time_logged_minutes": 0,
        "assignee": None,
        "resolved_at": None,
        "closed_at": None,
        "problem_nature": None,
        "solution": None,
    }
    stored_as = imported_as_stored(events)
    for index, event in enumerate(events, start=1):
        rec = event.record
        if rec.kind == EventKind.CREATED:
            for key in CREATED_KEYS:
                state[key] = rec.data.get(key)
            state["description"] = rec.text or ""
            state["created_by"] = rec.actor
            state["created_at"] = rec.occurred_at
        elif rec.field in _EDITABLE:
            value: Any = rec.new_value
            if rec.field == "priority" and value is not None:
                value = int(value)
            state[rec.field] = value
            if rec.field == "status" and value in _FINAL:
                state["closed_at"] = rec.occurred_at
        if rec.kind == EventKind.RESOLUTION:
            state["problem_nature"] = rec.data.get("problem_nature")
            state["solution"] = rec.data.get("solution")
            state["resolved_at"] = rec.occurred_at
        state["time_logged_minutes"] += rec.minutes
        state["updated_at"] = rec.occurred_at
        if stored_as and index == stored_as["events"]:
            # The import wrote the source's own values beside these events.
            state.update({k: _value(k, stored_as[k]) for k in IMPORTED_AS_IS})
    return state


def imported_as_stored(events: list[StoredEvent]) -> dict[str, Any] | None:
    """What the importer stored for the source's description and times, if it said."""
    if not events:
        return None
    note = events[0].record.data.get("imported")
    if not isinstance(note, Mapping) or not isinstance(note.get("as_stored"), Mapping):
        return None
    return dict(note["as_stored"])


def _value(field: str, raw: Any) -> Any:
    if field.endswith("_at") and raw is not None:
        return datetime.fromisoformat(raw)
    return raw


def current_fields(ticket: Ticket, names: Mapping[str, Mapping[int, str]]) -> dict[str, Any]:
    """The ticket row's values, people and records by the names the history uses."""

    def name(kind: str, key: int | None) -> str | None:
        return None if key is None else names[kind].get(key, f"#{key}")

    return {
        "number": ticket.number,
        "status": ticket.status,
        "priority": ticket.priority,
        "criticality": ticket.criticality,
        "subject": ticket.subject,
        "customer": name("customers", ticket.customer_id),
        "contact": name("contacts", ticket.contact_id),
        "product": name("products", ticket.product_id),
        "environment": ticket.environment,
        "service_type": ticket.service_type,
        "category": ticket.category,
        "description": ticket.description or "",
        "assignee": name("users", ticket.assignee_id),
        "created_by": name("users", ticket.created_by_id),
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
        "resolved_at": ticket.resolved_at,
        "closed_at": ticket.closed_at,
        "problem_nature": ticket.problem_nature,
        "solution": ticket.solution,
        "time_logged_minutes": ticket.time_logged_minutes,
        **{f: getattr(ticket, f) for f in SLA_FIELDS},
    }


def least_version(events: list[StoredEvent]) -> int:
    """How many changes the history shows: each wrote the ticket's row at least once."""
    stored_as = imported_as_stored(events)
    first = stored_as["events"] if stored_as else 1 if _imported(events) else 0
    later = {e.record.occurred_at for e in events[first:]}
    return (1 if first else 0) + len(later)


def _imported(events: list[StoredEvent]) -> bool:
    return bool(events) and "imported" in events[0].record.data


def replay_problems(
    ticket: Ticket,
    events: list[StoredEvent],
    names: Mapping[str, Mapping[int, str]],
    clock: SlaClock | None,
) -> list[ChainProblem]:
    """One problem per stored field that differs from what the history implies."""
    implied = replay(ticket.number, events)
    implied.update(replay_sla(implied.get("created_at"), events, clock))
    stored_as = imported_as_stored(events)
    if stored_as and len(events) <= stored_as["events"]:
        # The SLA clock reads an imported history at the ticket's first change here.
        implied["first_responded_at"] = None
    actual = current_fields(ticket, names)
    # Imported before the importer recorded what it stored: the source's values stand
    # (and whether the ticket changed here since, which decides its first response).
    old_import = _imported(events) and stored_as is None
    skip = {*IMPORTED_AS_IS, "first_responded_at"} if old_import else set()
    problems = [
        _problem(
            ticket,
            f"field {field} is {_show(actual[field])} but its history says "
            f"{_show(implied.get(field))}",
        )
        for field in REPLAYED_FIELDS
        if field not in skip and actual[field] != implied.get(field)
    ]
    least = least_version(events)
    if ticket.version < least:
        problems.append(
            _problem(
                ticket,
                f"field version is {ticket.version} but its history shows {least} changes "
                "(each writes the row at least once)",
            )
        )
    terms = terms_problem(events[0].record.data if events else {}, events, clock)
    if terms:
        problems.append(_problem(ticket, terms))
    return problems


def _problem(ticket: Ticket, text: str) -> ChainProblem:
    return ChainProblem(ticket.number, None, None, text)


def _show(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return repr(value)
