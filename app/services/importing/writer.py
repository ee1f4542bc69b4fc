"""The passes of an import over its spooled tickets (:mod:`spool`), each holding one
ticket's rows, or one batch of tickets, at a time (issue 12).

- :func:`survey_tickets` plans every new ticket once and keeps only what the write
  needs first: the counts, the notes, the people and the groups (users and teams are
  created, and the run recorded, before any ticket refers to them).
- :class:`TicketWriter` plans them again and writes them ``TICKET_BATCH`` at a time,
  numbered in order of first appearance, in the caller's one transaction. The report
  rollups are counted once (the batches' contributions summed), and the history ledger
  links wait in the spool until :meth:`TicketWriter.chain_ledger` chains them just
  before commit, as every other change's links are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.ledger import LedgerLink
from app.domain.tickets import format_number
from app.persistence.unit_of_work import UnitOfWork
from app.services.history import imported_links
from app.services.importing.model import ImportSummary, Progress, SourceRow
from app.services.importing.plan import TicketPlan, plan_ticket
from app.services.importing.rows import history_rows, report_facts, source_facts, ticket_row
from app.services.importing.spool import Spool
from app.services.report_rollup import Contribution, contribution, total

BATCH = 5_000  # tickets per progress report
TICKET_BATCH = 1_000  # tickets built and written at a time
LEDGER_CHUNK = 5_000  # ledger links chained at a time

Person = tuple[int, str]  # (user id, username)


@dataclass(slots=True)
class Survey:
    # Every person the new tickets name (in the order the file names them), every group.
    people: dict[str, None] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)


def _plan(system: str, default: str | None, rows: list[SourceRow]) -> tuple[str, TicketPlan]:
    code = rows[-1].customer or default or ""
    return code, plan_ticket(system, code, rows)


def survey_tickets(
    spool: Spool, system: str, default: str | None, summary: ImportSummary, progress: Progress
) -> Survey:
    """Count what the import adds (``summary``) and whom and which groups it names."""
    survey = Survey()
    for index, (number, known, rows) in enumerate(spool.grouped(), start=1):
        if known is not None:
            summary.tickets_known += 1
            if len(rows) > known:
                summary.notes.append(
                    f"line {rows[known].line}: {number} was imported before; "
                    f"its {len(rows) - known} newer row(s) are skipped "
                    "(imported tickets are not updated)."
                )
            continue
        _, plan = _plan(system, default, rows)
        summary.tickets_new += 1
        summary.events_new += len(plan.events)
        _add_people(survey.people, plan)
        survey.groups.update(plan.groups)
        if index % BATCH == 0:
            progress(index, spool.tickets, "reading tickets")
    return survey


def _add_people(names: dict[str, None], plan: TicketPlan) -> None:
    if plan.created_by:
        names[plan.created_by] = None
    for event in plan.events:
        if event.actor:
            names[event.actor] = None
        if event.people_values:
            names.update((n, None) for n in (event.old, event.new) if n)


class TicketWriter:
    """Writes the new tickets of a spool, a batch at a time, in one unit of work."""

    def __init__(
        self,
        uow: UnitOfWork,
        system: str,
        lookups: tuple[dict[str, int], dict[str, int]],
        summary: ImportSummary,
        progress: Progress,
    ) -> None:
        self.uow, self.system, self.summary, self.progress = uow, system, summary, progress
        self.customers, self.products = lookups
        self.teams: dict[str, int] = {}
        self.now = datetime.min
        self._people: dict[str, Person] = {}
        self._key: Callable[[str], str] = str
        self._fallback: Person = (0, "")
        self._rollups: Contribution = {}
        self._done = 0

    def people(
        self, people: dict[str, Person], key: Callable[[str], str], fallback: Person
    ) -> None:
        """Users by person key; ``fallback`` (the system user) for rows naming nobody."""
        self._people, self._key, self._fallback = people, key, fallback

    def person(self, name: str | None) -> Person:
        return self._people[self._key(name)] if name else self._fallback

    def write(self, spool: Spool, default: str | None) -> None:
        summary, uow = self.summary, self.uow
        if not summary.tickets_new:
            return
        numbers = uow.imports.reserve_numbers(summary.tickets_new)
        summary.first_number = format_number(numbers[0])
        summary.last_number = format_number(numbers[-1])
        fresh = iter(numbers)
        self.progress(0, summary.events_new, "writing tickets")
        batch: list[tuple[str, str, TicketPlan]] = []
        for _, known, rows in spool.grouped():
            if known is not None:
                continue
            code, plan = _plan(self.system, default, rows)
            batch.append((format_number(next(fresh)), code, plan))
            if len(batch) == TICKET_BATCH:
                self._write_batch(batch, spool)
                batch = []
        if batch:
            self._write_batch(batch, spool)
        # Issue 19: the bulk-written facts join the report rollups in this transaction.
        if self._rollups:
            uow.facts.apply_rollups(self._rollups)

    def _write_batch(self, part: list[tuple[str, str, TicketPlan]], spool: Spool) -> None:
        uow, system, person = self.uow, self.system, self.person
        tickets: list[dict[str, Any]] = []
        events: list[tuple[str, list[dict[str, Any]]]] = []
        links: list[LedgerLink] = []
        for number, code, plan in part:
            rows, head = history_rows(number, plan, person)
            # The imported ticket and its events join the history ledger (issue 11).
            links += imported_links(number, plan.created_at, person(plan.created_by)[1], rows)
            product = self.products.get(plan.product) if plan.product else None
            chain = (head, len(rows))
            tickets.append(
                ticket_row(system, number, plan, self.customers[code], person, chain, product)
            )
            events.append((number, rows))
        written = uow.imports.add_tickets(tickets)
        history: list[dict[str, Any]] = []
        for number, rows in events:
            for row in rows:
                row["ticket_id"] = written[number]
            history.extend(rows)
        uow.imports.add_events(history)
        run = self.summary.run_id
        uow.imports.add_facts(
            [source_facts(written[n], run, system, plan, self.teams) for n, _, plan in part]
        )
        uow.imports.add_report_facts(
            [report_facts(written[n], plan, self.now) for n, _, plan in part]
        )
        spool.add_links(links)
        self._count([written[n] for n, _, _ in part])
        self._done += len(history)
        self.progress(self._done, self.summary.events_new, "writing history")

    def _count(self, ids: list[int]) -> None:
        """The batch's share of the report rollups (app.services.report_facts.count_imported,
        summed over the batches and applied once)."""
        facts = self.uow.facts
        facts.copy_ticket_columns(ids)
        parts = [contribution(f, i, self.uow.dialect) for f, i in facts.of_tickets(ids)]
        self._rollups = total([self._rollups, *parts, facts.work_of(ids)])

    def chain_ledger(self, spool: Spool) -> None:
        """Chain the written tickets' ledger links, a chunk at a time: the last thing
        before commit, under the ledger's lock, as the unit of work chains any change's."""
        for links in spool.links(LEDGER_CHUNK):
            for link in links:
                self.uow.ledger.stage(link)
            self.uow.ledger.write_pending()
