"""Tamper-evident ticket history.

Each event of a ticket carries ``prev_hash`` (the hash of the event before it,
or :data:`GENESIS` for the first) and its own ``hash``: SHA-256 over a canonical
JSON serialisation of everything the event says. Editing, deleting or reordering
any event breaks the chain; the ticket row keeps the head hash and event count so
that dropping the newest event is caught too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

GENESIS = "0" * 64


class EventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"
    ASSIGNED = "assigned"
    FIELD = "field"
    COMMENT = "comment"
    WORK = "work"
    RESOLUTION = "resolution"
    CUSTOMER_APPROVAL = "customer_approval"
    CUSTOMER_REJECTION = "customer_rejection"
    CUSTOMER_REPLY = "customer_reply"
    CANCELLED = "cancelled"
    OUTAGE = "outage"  # an outage recorded, or its end (SLA annex)
    ALERT = "alert"  # system monitoring fired, fired again or recovered


@dataclass(frozen=True, slots=True)
class EventRecord:
    """Everything an event says, in the form that is hashed."""

    ticket_number: str
    seq: int
    occurred_at: datetime
    actor: str
    kind: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    text: str | None = None
    minutes: int = 0
    internal: bool = False
    data: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def _utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(record: EventRecord, prev_hash: str) -> bytes:
    payload = {
        "ticket": record.ticket_number,
        "seq": record.seq,
        "at": _utc_iso(record.occurred_at),
        "actor": record.actor,
        "kind": record.kind,
        "field": record.field,
        "old": record.old_value,
        "new": record.new_value,
        "text": record.text,
        "minutes": record.minutes,
        "internal": record.internal,
        "data": dict(record.data),
        "prev": prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(record: EventRecord, prev_hash: str) -> str:
    return hashlib.sha256(canonical(record, prev_hash)).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainedEvent:
    """One new event, chained: what is hashed, the JSON stored for its data, its hashes."""

    record: EventRecord
    prev_hash: str
    data_json: str
    hash: str

    def columns(self) -> dict[str, Any]:
        """The stored fields of the event row (all but its ticket and actor ids)."""
        rec = self.record
        return {
            "seq": rec.seq,
            "occurred_at": rec.occurred_at,
            "kind": rec.kind,
            "field": rec.field,
            "old_value": rec.old_value,
            "new_value": rec.new_value,
            "text": rec.text,
            "minutes": rec.minutes,
            "internal": rec.internal,
            "data": self.data_json,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def chain_event(
    ticket_number: str,
    seq: int,
    prev_hash: str,
    *,
    at: datetime,
    actor: str,
    kind: str,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    text: str | None = None,
    minutes: int = 0,
    internal: bool = False,
    data: Mapping[str, Any] | None = None,
) -> ChainedEvent:
    """Build the event ``seq`` of a ticket's history, chained after ``prev_hash``.

    The one place a new event's stored fields and hash are made: ``actor`` is the
    actor's username, ``kind`` an :class:`EventKind` (or its value).
    """
    record = EventRecord(
        ticket_number=ticket_number,
        seq=seq,
        occurred_at=at,
        actor=actor,
        kind=str(kind),
        field=field,
        old_value=old,
        new_value=new,
        text=text,
        minutes=minutes,
        internal=internal,
        data=dict(data or {}),
    )
    return ChainedEvent(
        record=record,
        prev_hash=prev_hash,
        data_json=json.dumps(record.data, sort_keys=True, ensure_ascii=False),
        hash=event_hash(record, prev_hash),
    )


@dataclass(frozen=True, slots=True)
class ChainProblem:
    ticket_number: str
    seq: int | None
    event_id: int | None
    problem: str

    def __str__(self) -> str:
        where = "history"
        if self.seq is not None:
            where = f"event #{self.seq}" + (f" (id {self.event_id})" if self.event_id else "")
        return f"{self.ticket_number} {where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as read back from storage, with its stored hashes."""

    event_id: int
    record: EventRecord
    prev_hash: str
    hash: str


def verify_chain(
    ticket_number: str,
    events: Iterable[StoredEvent],
    head_hash: str | None,
    event_count: int,
) -> list[ChainProblem]:
    """Check one ticket's events (ordered by seq) against the head kept on the ticket."""
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    seen = 0
    for expected_seq, event in enumerate(events, start=1):
        seen += 1
        seq, eid = event.record.seq, event.event_id
        if seq != expected_seq:
            problems.append(
                ChainProblem(ticket_number, seq, eid, f"out of order (expected #{expected_seq})")
            )
        if event.prev_hash != expected_prev:
            problems.append(
                ChainProblem(ticket_number, seq, eid, "does not follow the event before it")
            )
        if event_hash(event.record, event.prev_hash) != event.hash:
            problems.append(
                ChainProblem(ticket_number, seq, eid, "content does not match its hash (edited)")
            )
        expected_prev = event.hash
    if seen != event_count:
        problems.append(
            ChainProblem(
                ticket_number,
                None,
                None,
                f"{seen} events stored but the ticket recorded "
                f"{event_count} (events deleted or added)",
            )
        )
    elif (head_hash or GENESIS) != expected_prev:
        problems.append(
            ChainProblem(
                ticket_number, None, None, "newest event is not the one the ticket recorded"
            )
        )
    return problems
