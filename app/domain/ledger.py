"""The database-wide history ledger: one hash chain over every ticket's creation and
every event, in the order they were committed.

A ticket's own chain (``app.domain.history``) proves the order of *its* events; it
cannot show that a whole ticket was deleted, or that someone with the owner login
recomputed a ticket's chain. The ledger links everything into one sequence, and an
anchor (a signed copy of the ledger's head kept outside the database) pins it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.history import GENESIS

TICKET = "ticket"
EVENT = "event"
# The ledger entry of a ticket's creation has event number 0 (events start at 1).
CREATION_SEQ = 0


@dataclass(frozen=True, slots=True)
class LedgerLink:
    """What one ledger entry says about the history it covers."""

    kind: str
    ticket_number: str
    event_seq: int
    entry_hash: str


def ticket_fingerprint(number: str, created_at: datetime, created_by: str) -> str:
    """The hash a ticket's creation entry carries: its number, birth time and author."""
    payload = {
        "number": number,
        "created_at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "created_by": created_by,
    }
    return _sha256(payload)


def link_hash(seq: int, link: LedgerLink, prev_hash: str) -> str:
    """The hash of ledger entry ``seq``: its content and the previous entry's hash."""
    return _sha256(
        {
            "seq": seq,
            "kind": link.kind,
            "ticket": link.ticket_number,
            "event": link.event_seq,
            "entry": link.entry_hash,
            "prev": prev_hash,
        }
    )


def first_prev() -> str:
    return GENESIS


def _sha256(payload: Mapping[str, object]) -> str:
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()
