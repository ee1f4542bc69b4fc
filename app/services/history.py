"""Writing and verifying the tamper-evident ticket history."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.history import (
    ChainProblem,
    EventKind,
    EventRecord,
    StoredEvent,
    chain_event,
    verify_chain,
)
from app.persistence.orm import Ticket, TicketEvent, User
from app.persistence.unit_of_work import UnitOfWork
from app.services.context import ServiceContext


def append_event(
    uow: UnitOfWork,
    ticket: Ticket,
    actor: User,
    kind: EventKind,
    at: datetime,
    *,
    field_name: str | None = None,
    old: str | None = None,
    new: str | None = None,
    text: str | None = None,
    minutes: int = 0,
    internal: bool = False,
    data: Mapping[str, Any] | None = None,
) -> TicketEvent:
    """Append one event to ``ticket``'s chain and move the ticket's head to it.

    The caller holds the ticket's row (locked on PostgreSQL, IMMEDIATE on SQLite), so
    sequence numbers and the chain cannot fork.
    """
    chained = chain_event(
        ticket.number,
        ticket.event_count + 1,
        ticket.last_event_hash,
        at=at,
        actor=actor.username,
        kind=kind,
        field=field_name,
        old=old,
        new=new,
        text=text,
        minutes=minutes,
        internal=internal,
        data=data,
    )
    event = TicketEvent(ticket_id=ticket.id, actor=actor, **chained.columns())
    uow.history.add(event)
    ticket.event_count = chained.record.seq
    ticket.last_event_hash = chained.hash
    ticket.updated_at = at
    # The change record the hooks will be shown (see app/services/pipeline.py).
    uow.changes.record(ticket, actor, at, event)
    return event


def stored(event: TicketEvent, ticket_number: str, actor_name: str) -> StoredEvent:
    return StoredEvent(
        event_id=event.id,
        record=EventRecord(
            ticket_number=ticket_number,
            seq=event.seq,
            occurred_at=event.occurred_at,
            actor=actor_name,
            kind=event.kind,
            field=event.field,
            old_value=event.old_value,
            new_value=event.new_value,
            text=event.text,
            minutes=event.minutes,
            internal=event.internal,
            data=json.loads(event.data) if event.data else {},
        ),
        prev_hash=event.prev_hash,
        hash=event.hash,
    )


# Fields a ticket row holds that its history must explain.
REPLAYED_FIELDS = (
    "status",
    "assignee",
    "priority",
    "criticality",
    "subject",
    "problem_nature",
    "solution",
    "time_logged_minutes",
)


def replay(events: list[StoredEvent]) -> dict[str, Any]:
    """Fold a ticket's history into the field values it implies."""
    state: dict[str, Any] = {"time_logged_minutes": 0, "assignee": None}
    for event in events:
        rec = event.record
        if rec.kind == EventKind.CREATED:
            for key in ("status", "priority", "criticality", "subject"):
                state[key] = rec.data.get(key)
        elif rec.field is not None:
            value: Any = rec.new_value
            if rec.field == "priority" and value is not None:
                value = int(value)
            state[rec.field] = value
        if rec.kind == EventKind.RESOLUTION:
            state["problem_nature"] = rec.data.get("problem_nature")
            state["solution"] = rec.data.get("solution")
        state["time_logged_minutes"] += rec.minutes
    return state


def current_fields(ticket: Ticket, assignee_name: str | None) -> dict[str, Any]:
    return {
        "status": ticket.status,
        "assignee": assignee_name,
        "priority": ticket.priority,
        "criticality": ticket.criticality,
        "subject": ticket.subject,
        "problem_nature": ticket.problem_nature,
        "solution": ticket.solution,
        "time_logged_minutes": ticket.time_logged_minutes,
    }


@dataclass
class VerifyReport:
    tickets_checked: int = 0
    events_checked: int = 0
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class HistoryService:
    BATCH = 500

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def verify(self, ticket_number: str | None = None) -> VerifyReport:
        """Check every ticket's chain and that its fields equal what its history says."""
        report = VerifyReport()
        with self.ctx.db.unit_of_work(write=False) as uow:
            usernames = uow.history.usernames()
            for ticket in uow.history.all_tickets(ticket_number, batch=self.BATCH):
                rows = uow.history.chain(ticket.id)
                events = [stored(e, ticket.number, usernames.get(e.actor_id, "?")) for e in rows]
                report.tickets_checked += 1
                report.events_checked += len(events)
                problems = verify_chain(
                    ticket.number, events, ticket.last_event_hash, ticket.event_count
                )
                if not problems:
                    problems = self._replay_problems(ticket, events, usernames)
                report.problems.extend(problems)
        return report

    @staticmethod
    def _replay_problems(
        ticket: Ticket, events: list[StoredEvent], usernames: dict[int, str]
    ) -> list[ChainProblem]:
        implied = replay(events)
        actual = current_fields(ticket, usernames.get(ticket.assignee_id or -1))
        return [
            ChainProblem(
                ticket.number,
                None,
                None,
                f"field {name} is {actual[name]!r} but its history says {implied.get(name)!r}",
            )
            for name in REPLAYED_FIELDS
            if actual[name] != implied.get(name)
        ]
