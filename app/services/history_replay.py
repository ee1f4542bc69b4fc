"""Replaying a ticket's history into the field values it implies.

``history verify`` compares every stored field of a ticket with what its events say.
The few columns no event explains are *derived* and left out on purpose:

- ``version`` — the optimistic-lock counter (how many times the row was written);
- the SLA columns (``sla_*``, ``*_due_at``, ``first_responded_at``) — recomputed by the
  SLA clock from the history and the contract, and rewritten by it;
- ``last_event_hash`` / ``event_count`` — checked by the chain itself.

Imported tickets keep what their source said for ``description``, ``created_at``,
``updated_at``, ``resolved_at`` and ``closed_at`` (their creation event states the
source's first row, the row its last): those fields are not replayed for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.domain.history import ChainProblem, EventKind, StoredEvent
from app.domain.tickets import Status
from app.persistence.orm import Ticket

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
)
IMPORTED_AS_IS = ("description", "created_at", "resolved_at", "closed_at")
_EDITABLE = frozenset(REPLAYED_FIELDS) - {"number", "created_by", "created_at", "updated_at"}
_FINAL = frozenset({Status.CLOSED.value, Status.CANCELLED.value})


def replay(number: str, events: list[StoredEvent]) -> dict[str, Any]:
    """Fold a ticket's history into the field values it implies."""
    state: dict[str, Any] = {
        "number": number,
        "time_logged_minutes": 0,
        "assignee": None,
        "resolved_at": None,
        "closed_at": None,
        "problem_nature": None,
        "solution": None,
    }
    for event in events:
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
    return state


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
    }


def replay_problems(
    ticket: Ticket, events: list[StoredEvent], names: Mapping[str, Mapping[int, str]]
) -> list[ChainProblem]:
    """One problem per stored field that differs from what the history implies."""
    implied = replay(ticket.number, events)
    actual = current_fields(ticket, names)
    created = events[0].record.data if events else {}
    # An imported ticket's row keeps its source's times and description.
    skip = {*IMPORTED_AS_IS, "updated_at"} if "imported" in created else set()
    return [
        ChainProblem(
            ticket.number,
            None,
            None,
            f"field {field} is {_show(actual[field])} but its history says "
            f"{_show(implied.get(field))}",
        )
        for field in REPLAYED_FIELDS
        if field not in skip and actual[field] != implied.get(field)
    ]


def _show(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return repr(value)
