"""What one unit of work changed on tickets: the explicit record hooks receive.

Every history event is appended through one building block (``append_event``), which
files it here under its ticket. Events collect into that ticket's *open* change until
the change pipeline takes it (:meth:`ChangeLog.take`) to show it to the hooks; events
appended after that (say, a hook handing another ticket to an engineer) open a new
change, which the hook must return to the pipeline. So a hook never has to guess what
happened from timestamps, and nothing a hook did goes unseen: the pipeline refuses to
commit while a change is left open (:meth:`ChangeLog.left_open`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.persistence.orm import Ticket, TicketEvent, User


@dataclass
class TicketChange:
    """One ticket's change in one transaction: who, when, and the events appended."""

    ticket: Ticket
    actor: User
    at: datetime
    events: list[TicketEvent] = field(default_factory=list)
    # Set on the change that opened the ticket: the hooks' opening draft.
    opening: Any = None

    @property
    def opened(self) -> bool:
        return self.opening is not None

    def field_changes(self) -> dict[str, tuple[str | None, str | None]]:
        """Each field changed → (value before the change, value after it)."""
        changes: dict[str, tuple[str | None, str | None]] = {}
        for event in self.events:
            if event.field is None:
                continue
            before = changes[event.field][0] if event.field in changes else event.old_value
            changes[event.field] = (before, event.new_value)
        return changes

    @property
    def status(self) -> tuple[str | None, str | None] | None:
        """(old, new) status, or None when the status did not change."""
        return self.field_changes().get("status")

    @property
    def assignee(self) -> tuple[str | None, str | None] | None:
        """(old, new) assignee username, or None when nobody was (re)assigned."""
        return self.field_changes().get("assignee")

    def statuses_passed(self) -> list[tuple[str | None, str | None]]:
        """Every status step of the change, in order (a change may take several)."""
        return [(e.old_value, e.new_value) for e in self.events if e.field == "status"]

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]


class ChangeLog:
    """The unit of work's record of ticket changes (one open change per ticket)."""

    def __init__(self) -> None:
        self._open: dict[int, TicketChange] = {}

    def begin(
        self, ticket: Ticket, actor: User, at: datetime, *, opening: Any = None
    ) -> TicketChange:
        """The open change of ``ticket`` (made now if there is none)."""
        change = self._open.get(id(ticket))
        if change is None:
            change = TicketChange(ticket=ticket, actor=actor, at=at, opening=opening)
            self._open[id(ticket)] = change
        elif opening is not None:
            change.opening = opening
        return change

    def record(self, ticket: Ticket, actor: User, at: datetime, event: TicketEvent) -> None:
        self.begin(ticket, actor, at).events.append(event)

    def open_change(self, ticket: Ticket) -> TicketChange | None:
        return self._open.get(id(ticket))

    def take(self, ticket: Ticket) -> TicketChange | None:
        """Close ``ticket``'s open change and hand it over (to the pipeline)."""
        return self._open.pop(id(ticket), None)

    def left_open(self) -> list[TicketChange]:
        return list(self._open.values())
