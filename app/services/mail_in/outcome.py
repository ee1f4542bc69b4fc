"""What became of one received mail (also the ``status`` stored on its row)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MailStatus(StrEnum):
    TICKET = "ticket"  # opened a ticket
    REPLY = "reply"  # became a customer reply on a ticket
    UNMATCHED = "unmatched"  # waits in Unmatched mail for a person
    IGNORED = "ignored"  # written by a machine (auto-reply, bounce): kept, nothing done
    ATTACHED = "attached"  # was unmatched; care opened a ticket with it
    DISCARDED = "discarded"  # was unmatched; care threw it away
    DUPLICATE = "duplicate"  # seen before (never stored twice)


@dataclass(frozen=True)
class IngestResult:
    status: MailStatus
    message_id: str
    ticket: str | None = None  # the ticket's number
    reason: str = ""

    def line(self) -> str:
        """One log line, for the CLI and the fetcher's log."""
        where = f" {self.ticket}" if self.ticket else ""
        why = f" ({self.reason})" if self.reason else ""
        return f"{self.message_id}: {self.status.value}{where}{why}"
