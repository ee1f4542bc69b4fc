"""``history verify`` for files: every attachment's bytes still hash to what the history
event that added them says (the event's hash is in the chain, so the chain covers the
bytes), and every file the history names is still there."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from app.domain.history import ChainProblem, StoredEvent
from app.persistence.orm import Ticket
from app.persistence.unit_of_work import UnitOfWork


def attachment_problems(
    uow: UnitOfWork, ticket: Ticket, events: Sequence[StoredEvent]
) -> list[ChainProblem]:
    problems: list[ChainProblem] = []
    by_id = {e.event_id: e for e in events}
    named: dict[int, list[str]] = {
        e.event_id: [str(a.get("sha256")) for a in e.record.data.get("attachments") or ()]
        for e in events
        if e.event_id is not None
    }
    found: dict[int, list[str]] = {}
    for attachment, data in uow.attachments.stored_bytes(ticket.id):
        event = by_id.get(attachment.event_id) if attachment.event_id is not None else None
        seq = event.record.seq if event else None
        where = f"attachment {attachment.filename!r} (id {attachment.id})"
        if data is None:
            problems.append(
                ChainProblem(ticket.number, seq, attachment.event_id, f"{where} lost its bytes")
            )
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != attachment.sha256:
            problems.append(
                ChainProblem(
                    ticket.number,
                    seq,
                    attachment.event_id,
                    f"{where} was changed: its bytes hash to {actual[:12]}…, "
                    f"history says {attachment.sha256[:12]}…",
                )
            )
        if event is None or attachment.sha256 not in named.get(event.event_id or -1, []):
            problems.append(
                ChainProblem(
                    ticket.number, seq, attachment.event_id, f"{where} is not named in history"
                )
            )
        if attachment.event_id is not None:
            found.setdefault(attachment.event_id, []).append(attachment.sha256)
    for event_id, hashes in named.items():
        missing = sorted(set(hashes) - set(found.get(event_id, [])))
        if missing:
            event = by_id[event_id]
            problems.append(
                ChainProblem(
                    ticket.number,
                    event.record.seq,
                    event_id,
                    f"{len(missing)} attachment(s) named in history are missing",
                )
            )
    return problems
