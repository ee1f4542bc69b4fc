"""The one rule that reads a ticket's report facts from its history (pure, no storage).

Used by the report facts hook for our own tickets and by the importer for tickets
brought in from another help desk, so a ticket counts as resolved, reassigned or
reopened for the same reason wherever it came from:

- **resolved at**: only a ticket whose status is now resolved or closed is resolved. Its
  resolution time is what the source recorded, when it recorded one; otherwise the
  moment of its last entry into resolved/closed from an open status (a ticket imported
  already resolved entered it when it was opened). A rejected resolution is replaced by
  the next one.
- **reassignment**: an assignment that replaces someone (the first one is not).
- **reopening**: a status change from resolved or closed back to an open status.
- **waiting**: time spent in ``waiting_on_customer`` (until ``now`` if still waiting).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.tickets import Status

DONE = frozenset({Status.RESOLVED.value, Status.CLOSED.value})
ASSIGNED_KIND = "assigned"


@dataclass(frozen=True, slots=True)
class Step:
    """One event of the history, as the rule needs it."""

    at: datetime
    kind: str
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class HistoryFacts:
    resolved_at: datetime | None
    reassignments: int
    reopenings: int
    waiting: timedelta


def history_facts(
    *,
    opened_at: datetime,
    status: str,
    steps: Iterable[Step],
    now: datetime,
    source_resolved_at: datetime | None = None,
) -> HistoryFacts:
    """The facts of a ticket now in ``status`` whose history is ``steps`` (in order)."""
    changes = [s for s in steps if s.field == "status" and s.new]
    assignments = [s for s in steps if s.kind == ASSIGNED_KIND]
    # The status the ticket was opened in: what its first status change left behind.
    current = changes[0].old if changes and changes[0].old else status
    entered_done = opened_at if current in DONE else None
    reopenings = 0
    waiting = timedelta(0)
    waiting_since = opened_at if current == Status.WAITING_ON_CUSTOMER.value else None
    for change in changes:
        new = change.new or current
        if new in DONE and current not in DONE:
            entered_done = change.at
        elif current in DONE and new not in DONE and new != Status.CANCELLED.value:
            reopenings += 1  # cancelling a resolved ticket does not reopen it
        if new == Status.WAITING_ON_CUSTOMER.value and waiting_since is None:
            waiting_since = change.at
        elif new != Status.WAITING_ON_CUSTOMER.value and waiting_since is not None:
            waiting += change.at - waiting_since
            waiting_since = None
        current = new
    if waiting_since is not None:
        waiting += now - waiting_since
    resolved_at = None
    if status in DONE:
        resolved_at = source_resolved_at or entered_done
    return HistoryFacts(
        resolved_at=resolved_at,
        reassignments=sum(1 for a in assignments if a.old),
        reopenings=reopenings,
        waiting=waiting,
    )
