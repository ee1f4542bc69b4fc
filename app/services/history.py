"""Writing and verifying the tamper-evident ticket history."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.errors import ValidationError
from app.domain.history import (
    ChainProblem,
    EventKind,
    EventRecord,
    StoredEvent,
    chain_event,
    verify_chain,
)
from app.domain.ledger import CREATION_SEQ, EVENT, TICKET, LedgerLink, ticket_fingerprint
from app.domain.roles import Role
from app.persistence.orm import Ticket, TicketEvent, User
from app.persistence.unit_of_work import UnitOfWork
from app.services.context import ServiceContext

if TYPE_CHECKING:
    from app.services.anchors import Anchor


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
    # The database-wide ledger: the ticket's birth first, then each of its events.
    if kind == EventKind.CREATED:
        birth = ticket_fingerprint(ticket.number, ticket.created_at, actor.username)
        uow.ledger.stage(LedgerLink(TICKET, ticket.number, CREATION_SEQ, birth))
    uow.ledger.stage(LedgerLink(EVENT, ticket.number, chained.record.seq, chained.hash))
    return event


def stage_imported(
    uow: UnitOfWork, number: str, created_at: datetime, author: str, rows: list[dict[str, Any]]
) -> None:
    """Ledger entries of one imported ticket and its (already chained) event rows."""
    for link in imported_links(number, created_at, author, rows):
        uow.ledger.stage(link)


def imported_links(
    number: str, created_at: datetime, author: str, rows: list[dict[str, Any]]
) -> list[LedgerLink]:
    """The ledger links :func:`stage_imported` stages (an import of any size keeps them
    on disk until commit, issue 12)."""
    birth = ticket_fingerprint(number, created_at, author)
    return [
        LedgerLink(TICKET, number, CREATION_SEQ, birth),
        *(LedgerLink(EVENT, number, row["seq"], row["hash"]) for row in rows),
    ]


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


@dataclass
class VerifyReport:
    tickets_checked: int = 0
    events_checked: int = 0
    ledger_entries: int = 0
    anchors: list[str] = field(default_factory=list)
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class AnchorMade:
    path: str
    seq: int
    head: str
    public_key: str


class HistoryService:
    BATCH = 500
    # An event may carry a time up to this long before the anchor and still commit after
    # it (a transaction running while the anchor is made, desks' clocks a little apart).
    ANCHOR_SLACK = timedelta(minutes=10)

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def verify(
        self, ticket_number: str | None = None, *, anchors: Sequence[Anchor] = ()
    ) -> VerifyReport:
        """Check every ticket's chain, that every stored field equals what its history
        says, that the ledger links it all, and that nothing before an anchor changed."""
        # Imported here: every ticket change appends history, only a check replays it (the
        # replay needs the SLA calendar; a CLI command that adds a comment need not load it).
        from app.services.attachment_check import attachment_problems
        from app.services.history_replay import replay_problems
        from app.services.ledger_check import ticket_against_ledger

        report = VerifyReport(anchors=[a.label for a in anchors])
        with self.ctx.db.unit_of_work(write=False) as uow:
            labels = uow.history.labels()
            usernames = labels["users"]
            for ticket in uow.history.all_tickets(ticket_number, batch=self.BATCH):
                rows = uow.history.chain(ticket.id)
                events = [stored(e, ticket.number, usernames.get(e.actor_id, "?")) for e in rows]
                report.tickets_checked += 1
                report.events_checked += len(events)
                problems = verify_chain(
                    ticket.number, events, ticket.last_event_hash, ticket.event_count
                )
                if not problems:
                    problems = replay_problems(ticket, events, labels, uow.sla.clock(ticket.id))
                author = usernames.get(ticket.created_by_id, "?")
                entries = uow.ledger.for_ticket(ticket.number)
                problems += ticket_against_ledger(ticket, author, events, entries)
                problems += attachment_problems(uow, ticket, events)
                report.problems.extend(problems)
            if ticket_number is None:
                self._check_ledger(uow, report, anchors)
        return report

    def _check_ledger(
        self, uow: UnitOfWork, report: VerifyReport, anchors: Sequence[Anchor]
    ) -> None:
        from app.services.anchors import covers
        from app.services.ledger_check import LedgerWalk, deleted_tickets

        report.problems += deleted_tickets(uow.ledger.missing_tickets())
        walk = LedgerWalk(anchors=anchors)
        walk.feed(uow.ledger.entries(batch=self.BATCH * 10))
        walk.finish()
        report.ledger_entries = walk.count
        report.problems += walk.problems
        for first, last in walk.windows:
            covered = ", ".join(covers(n, seq) for n, seq in uow.ledger.window(first, last)[:20])
            report.problems.append(
                ChainProblem(
                    "ledger",
                    None,
                    None,
                    f"entries #{first}-#{last} now cover: {covered or 'nothing'}",
                )
            )
        for anchor in anchors:
            late = uow.ledger.backdated(anchor.seq, anchor.made_at - self.ANCHOR_SLACK)
            report.problems += [
                ChainProblem(
                    number,
                    seq,
                    None,
                    f"recorded after anchor {anchor.label} (ledger entry #{entry}) but dated "
                    f"{at:%Y-%m-%d %H:%M} UTC, before it (inserted into the past)",
                )
                for entry, number, seq, at in late
            ]

    def make_anchor(
        self, out: Path, key_file: Path | None, *, mail_managers: bool = False
    ) -> AnchorMade:
        """Sign the ledger's current head into the file ``out`` (never overwritten) and,
        with ``mail_managers``, queue it to every active manager (``notify send``)."""
        from app.services.anchors import load_signing_key, make_anchor, write_anchor

        key = load_signing_key(key_file)
        with self.ctx.db.unit_of_work(write=False) as uow:
            head = uow.ledger.head()
            count = head[0] if head else 0
            entries = (
                (e.seq, e.hash, e.ticket_number, e.event_seq)
                for e in uow.ledger.entries(batch=5000, up_to=count)
            )
            anchor, signature = make_anchor(
                entries,
                count,
                database=self.ctx.db.url.render_as_string(hide_password=True),
                made_at=self.ctx.clock.now(),
                key=key,
                label=out.name,
            )
        if out.exists():
            raise ValidationError(f"{out} exists already; anchors are never overwritten.")
        write_anchor(out, anchor, signature)
        if mail_managers:
            self._mail(out, anchor.seq, anchor.head)
        return AnchorMade(str(out), anchor.seq, anchor.head, anchor.public_key)

    def _mail(self, out: Path, seq: int, head: str) -> None:
        from app.services.notifications import queue_email  # notifications is heavier

        values = {"seq": seq, "head": head, "anchor": out.read_text(encoding="utf-8")}
        with self.ctx.db.unit_of_work() as uow:
            for user in uow.users.list():
                if user.active and user.role == Role.MANAGER and user.email:
                    queue_email(
                        uow,
                        kind="history_anchor",
                        to=user.email,
                        values=values,
                        now=self.ctx.clock.now(),
                    )
            uow.commit()
