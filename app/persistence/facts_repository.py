"""Storage of each ticket's report facts (``ticket_facts``) and the history they are
read from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.persistence.facts_rows import FactsRow, SourceFacts, facts_with_source, write_facts
from app.persistence.hot_path_flush import write_change
from app.persistence.orm import TicketEvent
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts
from app.persistence.report_rollup_writes import apply, work_keys
from app.persistence.report_rollups import copy_ticket_columns, rebuild, work_minutes

# (occurred_at, kind, field, old_value, new_value)
FactEvent = tuple[datetime, str, str | None, str | None, str | None]


class FactsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        # timeline() by (ticket id, its event count): the SLA hook and the facts hook
        # both read it in one change, and a new event makes a new key.
        self._timelines: dict[tuple[int, int], Sequence[FactEvent]] = {}
        # Read with the locked ticket (TicketRepository.find_with_user), by ticket id:
        # each taken once, by the first with_source of the ticket.
        self._held: dict[int, tuple[FactsRow | None, SourceFacts | None]] = {}

    def hold(self, ticket_id: int, facts: tuple[FactsRow | None, SourceFacts | None]) -> None:
        """Keep the ticket's facts as read with its row lock for the next
        :meth:`with_source` (issue 19: a change's facts without a SELECT of their own)."""
        self._held[ticket_id] = facts

    def with_source(self, ticket_id: int) -> tuple[FactsRow | None, SourceFacts | None]:
        """The ticket's facts and what its source system recorded (an imported ticket),
        in one SELECT that does not flush the session (issue 19: the write path's
        changes are written once, at the end) — or none, the first time, when they came
        with the locked ticket (:meth:`hold`). Only the first time: the facts hook
        writes them next, and a later change of the ticket in this transaction reads
        what it wrote."""
        held = self._held.pop(ticket_id, None)
        if held is not None:
            return held
        return facts_with_source(self.session, ticket_id)

    def write(self, facts: FactsRow, before: FactsRow | None) -> None:
        """Insert the facts row (``before`` None: the ticket has none) or update what
        changed since ``before``."""
        write_facts(self.session, facts, before)

    # -- the report rollups (issue 19) -----------------------------------------------------

    def apply_rollups(
        self, delta: Mapping[tuple[str, tuple[Any, ...]], Mapping[str, float]]
    ) -> None:
        """Add a change's delta (app.services.report_rollup.difference) to the rollups.
        On PostgreSQL the change's own rows are written first: the rollup rows (today's,
        shared by every desk) stay locked from here to COMMIT, so as little as possible
        comes after them (SQLite has one writer at a time)."""
        if self.session.get_bind().dialect.name == "postgresql" and not write_change(self.session):
            self.session.flush()
        apply(self.session, delta)  # on the session's connection: no flush

    def rebuild_rollups(self) -> int:
        """Recompute every rollup row from the tickets and their facts; returns the
        number of tickets counted."""
        return rebuild(self.session)

    def copy_ticket_columns(self, ticket_ids: Sequence[int]) -> None:
        """Fill the facts' copy of the ticket columns the rollups count by."""
        copy_ticket_columns(self.session, ticket_ids)

    def work_of(
        self, ticket_ids: Sequence[int]
    ) -> dict[tuple[str, tuple[Any, ...]], dict[str, float]]:
        """The minutes of work the tickets' history logs, as ``report_day_work`` rows."""
        out: dict[tuple[str, tuple[Any, ...]], dict[str, float]] = {}
        for start in range(0, len(ticket_ids), 500):
            part = ticket_ids[start : start + 500]
            for day, customer, actor, minutes in self.session.execute(work_minutes(part)):
                for key in work_keys(day, customer, actor):
                    out.setdefault(key, {"minutes": 0})["minutes"] += int(minutes)
        return out

    def of_tickets(self, ticket_ids: Sequence[int]) -> list[tuple[FactsRow, SourceFacts | None]]:
        """The facts (and source facts) of ``ticket_ids``, for counting an import."""
        out: list[tuple[FactsRow, SourceFacts | None]] = []
        for start in range(0, len(ticket_ids), 500):
            part = list(ticket_ids[start : start + 500])
            rows = self.session.execute(
                select(TicketFacts, ImportedTicket)
                .outerjoin(ImportedTicket, ImportedTicket.ticket_id == TicketFacts.ticket_id)
                .where(TicketFacts.ticket_id.in_(part))
            ).all()
            out.extend((FactsRow.of(facts), _source_of(imported)) for facts, imported in rows)
        return out

    def timeline(
        self,
        ticket_id: int,
        event_count: int | None = None,
        known: Sequence[TicketEvent] = (),
    ) -> Sequence[FactEvent]:
        """The ticket's status, assignee and assignment events, in order; read once per
        unit of work while the ticket's ``event_count`` stays the same, and not at all
        when ``known`` (this transaction's events) is every event it has (an opening).

        The read does not flush the session (issue 19: a change's rows are written once,
        at its end): the events not written yet are taken from memory — ``known`` and
        the session's new events of the ticket — and merged with the stored ones by
        sequence number."""
        if event_count is None:
            return [row[1:] for row in self._merged(ticket_id, known)]
        found = self._timelines.get((ticket_id, event_count))
        if found is None:
            found = _from_memory(known, event_count)
            if found is None:
                found = [row[1:] for row in self._merged(ticket_id, known)]
            self._timelines[(ticket_id, event_count)] = found
        return found

    def _merged(
        self, ticket_id: int, known: Sequence[TicketEvent]
    ) -> list[tuple[int, datetime, str, str | None, str | None, str | None]]:
        # On the connection: no flush, and half the client CPU of Session.execute.
        rows = self.session.connection().execute(_TIMELINE, {"ticket_id": ticket_id}).all()
        by_seq: dict[int, tuple[int, datetime, str, str | None, str | None, str | None]] = {
            row[0]: (row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows
        }
        unwritten = [e for e in self.session.new if isinstance(e, TicketEvent)]
        for event in (*known, *unwritten):
            if event.ticket_id == ticket_id and _in_timeline(event):
                by_seq[event.seq] = (
                    event.seq,
                    event.occurred_at,
                    event.kind,
                    event.field,
                    event.old_value,
                    event.new_value,
                )
        return [by_seq[seq] for seq in sorted(by_seq)]


_TIMELINE = (
    select(
        TicketEvent.seq,
        TicketEvent.occurred_at,
        TicketEvent.kind,
        TicketEvent.field,
        TicketEvent.old_value,
        TicketEvent.new_value,
    )
    .where(TicketEvent.ticket_id == bindparam("ticket_id"))
    .where((TicketEvent.field.in_(("status", "assignee"))) | (TicketEvent.kind == "assigned"))
    .order_by(TicketEvent.seq)
)


def _in_timeline(event: TicketEvent) -> bool:
    return event.field in ("status", "assignee") or event.kind == "assigned"


def _from_memory(known: Sequence[TicketEvent], event_count: int) -> list[FactEvent] | None:
    """:meth:`FactsRepository.timeline` from the events in hand, when they are all the
    ticket's (numbered 1 to ``event_count``), else None."""
    by_seq = {event.seq: event for event in known}
    if len(by_seq) != event_count or set(by_seq) != set(range(1, event_count + 1)):
        return None
    return [
        (e.occurred_at, e.kind, e.field, e.old_value, e.new_value)
        for e in sorted(by_seq.values(), key=lambda e: e.seq)
        if _in_timeline(e)
    ]


def _source_of(imported: ImportedTicket | None) -> SourceFacts | None:
    if imported is None:
        return None
    return SourceFacts(
        imported.resolved_at, imported.reassignment_count, imported.reopen_count, imported.made_sla
    )
