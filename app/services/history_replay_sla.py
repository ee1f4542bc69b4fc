"""Replaying a ticket's SLA columns from its history (``history verify``).

The SLA columns are derived, not told by events, so the replay recomputes them the way
the SLA hook does after every change (:mod:`app.services.sla_clock`), with the same
domain function (:func:`app.domain.sla.ticket_sla`), from:

- the status changes and the first response *replayed from the events* (a response is
  a public comment, a resolution or asking the customer, by anyone but ``system``);
- the opening time replayed from the "created" event;
- the targets snapshotted in the ticket's ``sla_clocks`` row — checked against the
  terms the "created" event recorded as long as the criticality never changed (after a
  change the hook re-reads the tier's current targets, which no event records);
- the working time of that snapshot (its calendar, or round the clock);
- as of the ticket's last event: the hook recomputes at every change, and between
  changes the SLA scan only writes when a threshold is reached, which it records as an
  event. So the stored columns are those of the last event's moment.

A calendar edited after a ticket was evaluated would show up here as a difference; the
service offers no way to edit a calendar (only to add one), so such a difference means
the database was changed outside SupportDesk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from app.domain.history import EventKind, StoredEvent
from app.domain.sla import StatusChange, ticket_sla
from app.domain.tickets import Status
from app.persistence.orm_sla import SlaClock

SLA_FIELDS = (
    "first_responded_at",
    "first_response_due_at",
    "resolution_due_at",
    "sla_due_at",
    "sla_state",
)
SYSTEM = "system"


def first_response(events: Sequence[StoredEvent]) -> datetime | None:
    """When staff first answered the customer (the rule of ``sla_clock._is_response``)."""
    for event in events:
        rec = event.record
        if rec.actor == SYSTEM:
            continue
        if rec.kind == EventKind.COMMENT and not rec.internal:
            return rec.occurred_at
        if rec.kind == EventKind.RESOLUTION:
            return rec.occurred_at
        if rec.field == "status" and rec.new_value in {
            Status.WAITING_ON_CUSTOMER,
            Status.RESOLVED,
        }:
            return rec.occurred_at
    return None


def replay_sla(
    opened_at: datetime | None, events: Sequence[StoredEvent], clock: SlaClock | None
) -> dict[str, Any]:
    """The SLA columns the history and the ticket's SLA snapshot imply."""
    # Imported here: the SLA hook's module writes history, which imports this one.
    from app.services.sla_clock import clock_target, working_time

    values: dict[str, Any] = dict.fromkeys(SLA_FIELDS)
    responded = first_response(events)
    values["first_responded_at"] = responded
    target = clock_target(clock) if clock is not None else None
    if target is None or clock is None or opened_at is None or not events:
        return values
    changes = [
        StatusChange(e.record.occurred_at, Status(e.record.new_value))
        for e in events
        if e.record.field == "status" and e.record.new_value
    ]
    sla = ticket_sla(
        target,
        opened_at=opened_at,
        changes=changes,
        responded_at=responded,
        work=working_time(clock),
        now=events[-1].record.occurred_at,
    )
    values["first_response_due_at"] = sla.response.due_at
    paused = not sla.resolution.running and not sla.resolution.finished
    values["resolution_due_at"] = None if paused else sla.resolution.due_at
    values["sla_due_at"] = sla.due_at
    values["sla_state"] = sla.state.value if sla.state else None
    return values


def terms_problem(
    created: Mapping[str, Any], events: Sequence[StoredEvent], clock: SlaClock | None
) -> str | None:
    """Whether the SLA snapshot still holds the terms the "created" event recorded."""
    if "sla" not in created or any(e.record.field == "criticality" for e in events):
        return None  # before SLA terms were recorded, or re-read on a criticality change
    note = created["sla"]
    stored = _terms(clock)
    said = None
    if isinstance(note, Mapping):
        said = (
            note.get("tier"),
            note.get("response_minutes"),
            note.get("resolution_minutes"),
            note.get("clock") == "business hours",
        )
    if stored == said:
        return None
    return f"its SLA terms are {_show(stored)} but its creation event says {_show(said)}"


def _terms(clock: SlaClock | None) -> tuple[Any, ...] | None:
    from app.services.sla_clock import clock_target

    if clock is None or clock_target(clock) is None:
        return None
    return (clock.tier, clock.response_minutes, clock.resolution_minutes, clock.business_hours)


def _show(terms: tuple[Any, ...] | None) -> str:
    if terms is None:
        return "none"
    tier, response, resolution, business = terms
    hours = "business hours" if business else "24x7"
    return f"tier {tier}, {response}/{resolution} min ({hours})"
