"""Importing another help desk's tickets with their history.

One file is one transaction: every ticket, event, person, team and the run record are
written together, or — when anything in the file is wrong — nothing is. Imported
tickets are history, not new work: the ticket hooks (SLA, auto-assignment) do not run;
the change counter is bumped once per import so that open desks refresh.

Idempotency: a file whose checksum was imported before is recognised and adds nothing;
otherwise tickets are matched by (source system, source number). A known ticket is
never changed again: if the file has more rows for it than were imported, the extra
rows are skipped and reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import Role
from app.domain.tickets import format_number
from app.persistence.orm import User
from app.persistence.unit_of_work import UnitOfWork
from app.services import changes
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.history import stage_imported
from app.services.importing import generic_csv, servicenow
from app.services.importing.csvfile import CsvFile
from app.services.importing.mapping import Mapping, check_zone
from app.services.importing.model import (
    MAX_PROBLEMS,
    ImportSummary,
    ParsedFile,
    Progress,
    SourceRow,
)
from app.services.importing.plan import TicketPlan, plan_ticket
from app.services.importing.rows import history_rows, report_facts, source_facts, ticket_row
from app.services.report_facts import count_imported

MAX_LISTED_PROBLEMS = 5
BATCH = 5_000  # tickets per progress report
TICKET_BATCH = 1_000  # tickets built and written at a time


def _no_progress(done: int, total: int, phase: str) -> None:
    return None


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def servicenow(
        self,
        actor: Actor,
        path: str | Path,
        *,
        customer: str,
        source_tz: str | None,
        dry_run: bool = False,
        progress: Progress | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> ImportSummary:
        """Import a ServiceNow incident export (one row per update) for ``customer``;
        its times are in ``source_tz``, the exporter's zone (the file does not say)."""
        code = (customer or "").strip().upper()
        if not code:
            raise ValidationError("a ServiceNow export names no customer: give --customer CODE.")
        if not source_tz:
            raise ValidationError(
                "ServiceNow exports write times in the exporter's time zone without saying "
                "which: give --source-tz (e.g. Europe/Athens, or UTC)."
            )
        zone = check_zone(source_tz)
        file = CsvFile.open(path, encoding=encoding, delimiter=delimiter)
        return self._import(
            actor,
            file,
            servicenow.SOURCE,
            lambda: servicenow.parse(file, zone),
            ("sn", True),
            code,
            dry_run,
            progress or _no_progress,
        )

    def generic(
        self,
        actor: Actor,
        path: str | Path,
        *,
        mapping: str | Path,
        customer: str | None = None,
        source_tz: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> ImportSummary:
        """Import a CSV of tickets described by a column-mapping file (docs/importing.md).
        Times without an offset are read in ``source_tz``, else the mapping's timezone;
        with neither, such a time refuses the file."""
        spec = Mapping.load(mapping)
        zone_name = source_tz or spec.timezone
        zone = check_zone(zone_name) if zone_name else None
        file = CsvFile.open(
            path, encoding=encoding or spec.encoding, delimiter=delimiter or spec.delimiter
        )
        default = (customer or spec.default_customer or "").strip().upper() or None
        return self._import(
            actor,
            file,
            spec.source_system,
            lambda: generic_csv.parse(file, spec, zone),
            (spec.username_prefix, spec.fold_case),
            default,
            dry_run,
            progress or _no_progress,
        )

    # -- the common engine -------------------------------------------------------------------

    def _import(  # noqa: PLR0917 - private, positional by design
        self,
        actor: Actor,
        file: CsvFile,
        system: str,
        parse: Callable[[], ParsedFile],
        people: tuple[str, bool],
        customer: str | None,
        dry_run: bool,
        progress: Progress,
    ) -> ImportSummary:
        summary = ImportSummary(
            source_system=system, file_name=file.name, checksum=file.checksum, dry_run=dry_run
        )
        # Cheap checks first: who asks, and whether this very file was imported already.
        with self.ctx.db.unit_of_work(write=False) as uow:
            self._allowed(uow, actor)
            previous = uow.imports.run_with_checksum(system, file.checksum)
        if previous is not None:
            summary.already_imported_by_run = previous
            summary.notes.append(
                f"{file.name} was imported before (run #{previous}); nothing to add."
            )
            return summary
        progress(0, 0, f"reading {file.name}")
        parsed = parse()
        if people[1]:
            _one_spelling(parsed.rows)
        progress(len(parsed.rows), len(parsed.rows), "rows read")
        summary.rows_read = len(parsed.rows)
        summary.problems = list(parsed.problems)
        summary.problems_more = parsed.problems.more
        summary.fatal_total = fatal = parsed.problems.fatal_total
        if fatal and not dry_run:
            raise ValidationError(_refusal(file.name, parsed))
        # A dry run only reads; a real one takes the write lock (SQLite: BEGIN IMMEDIATE).
        with self.ctx.db.unit_of_work(write=not dry_run) as uow, storage_errors():
            me = self._allowed(uow, actor)
            customers = self._customers(uow, parsed, customer)
            products = self._products(uow, parsed)
            plans = self._plans(uow, parsed, customer, summary, progress)
            if dry_run or fatal:
                self._count_people(uow, parsed.source_system, people[1], plans, summary)
                return summary
            self._write(
                uow, me, parsed.source_system, people, plans, (customers, products), summary,
                progress,
            )  # fmt: skip
            uow.imports.resync_write_path()  # open counts: the pipeline did not see these
            changes.bump(uow, f"import:{summary.run_id}")
            uow.commit()
        return summary

    @staticmethod
    def _allowed(uow: UnitOfWork, actor: Actor) -> User:
        me = acting_user(uow, actor)
        if Role(me.role) not in (Role.MANAGER, Role.ADMIN):
            raise PermissionDenied(
                f"{me.username} ({me.role}) may not import tickets; "
                "a manager or an administrator may."
            )
        return me

    def _customers(
        self, uow: UnitOfWork, parsed: ParsedFile, default: str | None
    ) -> dict[str, int]:
        wanted = {row.customer or default for row in parsed.rows}
        if None in wanted or (not wanted and default is None):
            raise ValidationError("some tickets name no customer; give a default customer.")
        codes = {c for c in wanted if c} | ({default} if default else set())
        found = uow.imports.customer_ids(codes)
        missing = sorted(codes - found.keys())
        if missing:
            raise ValidationError(f"no customer with code {', '.join(missing)}.")
        return found

    @staticmethod
    def _products(uow: UnitOfWork, parsed: ParsedFile) -> dict[str, int]:
        codes = {row.product for row in parsed.rows if row.product}
        found = uow.imports.product_ids(codes) if codes else {}
        missing = sorted(codes - found.keys())
        if missing:
            raise ValidationError(f"no product with code {', '.join(missing)}.")
        return found

    def _plans(
        self,
        uow: UnitOfWork,
        parsed: ParsedFile,
        default: str | None,
        summary: ImportSummary,
        progress: Progress,
    ) -> list[tuple[str, TicketPlan]]:
        groups: dict[str, list[SourceRow]] = {}
        for row in parsed.rows:
            groups.setdefault(row.number, []).append(row)
        known = uow.imports.known_tickets(parsed.source_system, list(groups))
        plans: list[tuple[str, TicketPlan]] = []
        for index, (number, rows) in enumerate(groups.items(), start=1):
            if number in known:
                summary.tickets_known += 1
                if len(rows) > known[number]:
                    summary.notes.append(
                        f"line {rows[known[number]].line}: {number} was imported before; "
                        f"its {len(rows) - known[number]} newer row(s) are skipped "
                        "(imported tickets are not updated)."
                    )
                continue
            code = rows[-1].customer or default or ""
            plans.append((code, plan_ticket(parsed.source_system, code, rows)))
            if index % BATCH == 0:
                progress(index, len(groups), "reading tickets")
        summary.tickets_new = len(plans)
        summary.events_new = sum(len(p.events) for _, p in plans)
        summary.notes.extend(str(p) for p in parsed.problems if not p.fatal)
        return plans

    def _count_people(
        self,
        uow: UnitOfWork,
        system: str,
        fold: bool,
        plans: list[tuple[str, TicketPlan]],
        summary: ImportSummary,
    ) -> None:
        key = _person_key(fold)
        known = {key(n) for n in uow.imports.imported_people(system)}
        summary.users_new = len({key(n) for n in _people(plans)} - known)
        now = self.ctx.clock.now()
        _, new_teams = uow.imports.teams(system, _groups(plans), now, create=False)
        summary.teams_new = len(new_teams)

    def _write(  # noqa: PLR0917 - private, positional by design
        self,
        uow: UnitOfWork,
        me: User,
        system: str,
        who: tuple[str, bool],
        plans: list[tuple[str, TicketPlan]],
        lookups: tuple[dict[str, int], dict[str, int]],
        summary: ImportSummary,
        progress: Progress,
    ) -> None:
        now = self.ctx.clock.now()
        customers, products = lookups
        prefix, fold = who
        key = _person_key(fold)
        # One user per person: with case folding "Ann Lee" and "ann lee" are one, shown
        # as spelled the first time the file names them.
        people = {key(n): v for n, v in uow.imports.imported_people(system).items()}
        spelled: dict[str, str] = {}
        for name in _people(plans):
            spelled.setdefault(key(name), name)
        new_people = sorted(spelled[k] for k in spelled if k not in people)
        added = uow.imports.add_people(system, prefix, new_people, now)
        people.update({key(n): v for n, v in added.items()})
        team_ids, new_teams = uow.imports.teams(system, _groups(plans), now, create=True)
        summary.users_new, summary.teams_new = len(new_people), len(new_teams)
        system_user = uow.users.system()
        fallback = (system_user.id, system_user.username)
        summary.run_id = uow.imports.add_run(
            {
                "source_system": system,
                "file_name": summary.file_name[:255],
                "checksum": summary.checksum,
                "customer_id": next(iter(customers.values())) if len(customers) == 1 else None,
                "user_id": me.id,
                "started_at": now,
                "rows_read": summary.rows_read,
                "tickets_new": summary.tickets_new,
                "tickets_known": summary.tickets_known,
                "events_new": summary.events_new,
                "notes": json.dumps(summary.notes, ensure_ascii=False),
            },
        )
        if not plans:
            return
        numbers = [format_number(n) for n in uow.imports.reserve_numbers(len(plans))]
        summary.first_number, summary.last_number = numbers[0], numbers[-1]

        def person(name: str | None) -> tuple[int, str]:
            return people[key(name)] if name else fallback

        # Written TICKET_BATCH tickets at a time, still in the one transaction: the ticket
        # and history rows of a batch are built, written and dropped before the next, so
        # they never exist for the whole file at once (issue 12).
        progress(0, summary.events_new, "writing tickets")
        ids: dict[str, int] = {}
        done = 0
        numbered = list(zip(numbers, plans, strict=True))
        for first in range(0, len(numbered), TICKET_BATCH):
            part = numbered[first : first + TICKET_BATCH]
            tickets: list[dict[str, Any]] = []
            events: list[tuple[str, list[dict[str, Any]]]] = []
            for number, (code, plan) in part:
                rows, head = history_rows(number, plan, person)
                # The imported ticket and its events join the history ledger (issue 11).
                stage_imported(uow, number, plan.created_at, person(plan.created_by)[1], rows)
                product = products.get(plan.product) if plan.product else None
                chain = (head, len(rows))
                tickets.append(
                    ticket_row(system, number, plan, customers[code], person, chain, product)
                )
                events.append((number, rows))
            written = uow.imports.add_tickets(tickets)
            history: list[dict[str, Any]] = []
            for number, rows in events:
                for row in rows:
                    row["ticket_id"] = written[number]
                history.extend(rows)
            uow.imports.add_events(history)
            uow.imports.add_facts(
                [
                    source_facts(written[n], summary.run_id, system, plan, team_ids)
                    for n, (_, plan) in part
                ]
            )
            uow.imports.add_report_facts(
                [report_facts(written[n], plan, now) for n, (_, plan) in part]
            )
            ids.update(written)
            done += len(history)
            progress(done, summary.events_new, "writing history")
        # Issue 19: the bulk-written facts join the report rollups in this transaction.
        count_imported(uow, [ids[number] for number in numbers])


def _refusal(file_name: str, parsed: ParsedFile) -> str:
    fatal = parsed.fatal
    listed = "; ".join(str(p) for p in fatal[:MAX_LISTED_PROBLEMS]) or "problems found"
    more = parsed.problems.fatal_total - min(len(fatal), MAX_LISTED_PROBLEMS)
    tail = f"; and {more:,} more (--dry-run lists the first {MAX_PROBLEMS})" if more > 0 else ""
    text = f"{file_name} refused, nothing was imported: {listed.rstrip('.')}{tail}"
    return text if text.endswith("?") else f"{text}."


def _one_spelling(rows: list[SourceRow]) -> None:
    """Case folding: each person keeps the spelling the file first uses, on every row, so
    "Bo Chan" handing over to "bo chan" is no reassignment."""
    first: dict[str, str] = {}

    def one(name: str | None) -> str | None:
        return None if name is None else first.setdefault(name.casefold(), name)

    for row in rows:
        row.assignee, row.actor = one(row.assignee), one(row.actor)
        row.opened_by, row.resolved_by = one(row.opened_by), one(row.resolved_by)


def _person_key(fold: bool) -> Callable[[str], str]:
    return str.casefold if fold else str


def _people(plans: list[tuple[str, TicketPlan]]) -> list[str]:
    """Every person the plans name, in the order the file names them."""
    names: dict[str, None] = {}
    for _, plan in plans:
        if plan.created_by:
            names[plan.created_by] = None
        for event in plan.events:
            if event.actor:
                names[event.actor] = None
            if event.people_values:
                names.update((n, None) for n in (event.old, event.new) if n)
    return list(names)


def _groups(plans: list[tuple[str, TicketPlan]]) -> set[str]:
    """Every group a ticket passed through becomes a team, not only its last one."""
    return {group for _, plan in plans for group in plan.groups}
