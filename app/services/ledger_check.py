"""Checking the history ledger: its own chain, each ticket against it, and anchors.

Problems name the ledger entry and the ticket and event it covers, so a person can
find what changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.domain.history import ChainProblem, StoredEvent
from app.domain.ledger import CREATION_SEQ, LedgerLink, first_prev, link_hash, ticket_fingerprint
from app.persistence.orm import Ticket
from app.persistence.orm_security import LedgerEntry
from app.services.anchors import Anchor, checkpoint

LEDGER = "ledger"


def _covers(entry: LedgerEntry) -> str:
    what = "creation" if entry.event_seq == CREATION_SEQ else f"event #{entry.event_seq}"
    return f"{entry.ticket_number} {what}"


@dataclass
class LedgerWalk:
    """Walks the ledger once in sequence order, checking its chain and any anchors."""

    anchors: Sequence[Anchor] = ()
    problems: list[ChainProblem] = field(default_factory=list)
    count: int = 0
    # Ledger ranges that differ from an anchor (the service names the tickets in them).
    windows: list[tuple[int, int]] = field(default_factory=list)
    _broken: set[str] = field(default_factory=set)
    _prev: str = field(default_factory=first_prev)

    def feed(self, entries: Iterable[LedgerEntry]) -> None:
        for entry in entries:
            self._check(entry)

    def _check(self, entry: LedgerEntry) -> None:
        self.count += 1
        where = f"entry #{entry.seq} ({_covers(entry)})"
        if entry.seq != self.count:
            self._problem(f"{where}: out of sequence (expected #{self.count}; entries removed)")
            self.count = entry.seq
        if entry.prev_hash != self._prev:
            self._problem(f"{where}: does not follow the entry before it")
        link = LedgerLink(entry.kind, entry.ticket_number, entry.event_seq, entry.entry_hash)
        if link_hash(entry.seq, link, entry.prev_hash) != entry.hash:
            self._problem(f"{where}: content does not match its hash (edited)")
        self._prev = entry.hash
        for anchor in self.anchors:
            self._against_anchor(anchor, entry)

    def _against_anchor(self, anchor: Anchor, entry: LedgerEntry) -> None:
        """At the end of each of the anchor's windows, the hash must be the anchored one;
        the first window that differs is named (every later one differs with it)."""
        if entry.seq > anchor.seq or anchor.label in self._broken:
            return
        point = checkpoint(anchor, entry.seq)
        if point is None:
            return
        expected, was = point
        full = anchor.head if entry.seq == anchor.seq else expected
        if entry.hash.startswith(full):
            return
        self._broken.add(anchor.label)
        start = (entry.seq - 1) // anchor.window * anchor.window + 1
        self._problem(
            f"entries #{start}-#{entry.seq} differ from anchor {anchor.label} "
            f"(made {anchor.made_at:%Y-%m-%d %H:%M} UTC), where the anchor's window began "
            f"with {was}: history before the anchor was changed, removed or inserted"
        )
        self.windows.append((start, entry.seq))

    def finish(self) -> None:
        for anchor in self.anchors:
            if self.count < anchor.seq:
                self._problem(
                    f"the ledger ends at entry #{self.count} but anchor {anchor.label} "
                    f"covers #{anchor.seq}: entries were removed"
                )

    def _problem(self, text: str) -> None:
        self.problems.append(ChainProblem(LEDGER, None, None, text))


def ticket_against_ledger(
    ticket: Ticket, author: str, events: Sequence[StoredEvent], entries: Sequence[LedgerEntry]
) -> list[ChainProblem]:
    """The ticket's creation and each stored event must be in the ledger, unchanged;
    everything the ledger lists for the ticket must still be stored."""
    number = ticket.number
    problems: list[ChainProblem] = []
    listed = {e.event_seq: e for e in entries}
    birth = listed.pop(CREATION_SEQ, None)
    if birth is None:
        problems.append(ChainProblem(number, None, None, "its creation is not in the ledger"))
    elif birth.entry_hash != ticket_fingerprint(number, ticket.created_at, author):
        problems.append(
            ChainProblem(
                number,
                None,
                None,
                f"creation time or author differ from ledger entry #{birth.seq}",
            )
        )
    for event in events:
        seq, eid = event.record.seq, event.event_id
        entry = listed.pop(seq, None)
        if entry is None:
            problems.append(
                ChainProblem(
                    number, seq, eid, "is not in the ledger (inserted outside SupportDesk)"
                )
            )
        elif entry.entry_hash != event.hash:
            problems.append(
                ChainProblem(number, seq, eid, f"differs from ledger entry #{entry.seq} (edited)")
            )
    for seq, entry in sorted(listed.items()):
        problems.append(
            ChainProblem(
                number, seq, None, f"listed in ledger entry #{entry.seq} is missing (deleted)"
            )
        )
    return problems


def deleted_tickets(numbers: Iterable[str]) -> list[ChainProblem]:
    return [
        ChainProblem(number, None, None, "is in the ledger but no longer stored (ticket deleted)")
        for number in numbers
    ]
