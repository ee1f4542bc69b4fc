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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import Role
from app.persistence.orm import User
from app.persistence.unit_of_work import UnitOfWork
from app.services import changes
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.importing import generic_csv, servicenow
from app.services.importing.csvfile import CsvFile
from app.services.importing.mapping import Mapping, check_zone
from app.services.importing.model import MAX_PROBLEMS, ImportSummary, Problems, Progress, SourceRow
from app.services.importing.spool import Spool
from app.services.importing.writer import TICKET_BATCH, Survey, TicketWriter, survey_tickets

__all__ = ["TICKET_BATCH", "ImportService"]

MAX_LISTED_PROBLEMS = 5


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
            lambda problems: servicenow.read(file, zone, problems),
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
            lambda problems: generic_csv.read(file, spec, zone, problems),
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
        read: Callable[[Problems], Iterator[SourceRow]],
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
        # Issue 12: the rows go to a scratch file on disk, not to a list, so memory stays
        # bounded whatever the file's size; later passes read them back ticket by ticket.
        with Spool() as spool:
            problems = Problems()
            seen = _first_pass(read(problems), spool, fold=people[1])
            progress(spool.rows, spool.rows, "rows read")
            summary.rows_read = spool.rows
            summary.problems = list(problems)
            summary.problems_more = problems.more
            summary.fatal_total = fatal = problems.fatal_total
            if fatal and not dry_run:
                raise ValidationError(_refusal(file.name, problems))
            # A dry run only reads; a real one takes the write lock (SQLite: BEGIN IMMEDIATE).
            with self.ctx.db.unit_of_work(write=not dry_run) as uow, storage_errors():
                me = self._allowed(uow, actor)
                customers = self._customers(uow, seen.customers, customer)
                products = self._products(uow, seen.products)
                for numbers in spool.numbers():
                    spool.mark_known(uow.imports.known_tickets(system, numbers))
                survey = survey_tickets(spool, system, customer, summary, progress)
                summary.notes.extend(str(p) for p in problems if not p.fatal)
                if dry_run or fatal:
                    self._count_people(uow, system, people[1], survey, summary)
                    return summary
                writer = TicketWriter(uow, system, (customers, products), summary, progress)
                self._prepare(uow, me, people, survey, writer)
                writer.write(spool, customer)
                uow.imports.resync_write_path()  # open counts: the pipeline did not see these
                changes.bump(uow, f"import:{summary.run_id}")
                writer.chain_ledger(spool)
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

    @staticmethod
    def _customers(uow: UnitOfWork, named: set[str | None], default: str | None) -> dict[str, int]:
        wanted = {code or default for code in named}
        if None in wanted or (not wanted and default is None):
            raise ValidationError("some tickets name no customer; give a default customer.")
        codes = {c for c in wanted if c} | ({default} if default else set())
        found = uow.imports.customer_ids(codes)
        missing = sorted(codes - found.keys())
        if missing:
            raise ValidationError(f"no customer with code {', '.join(missing)}.")
        return found

    @staticmethod
    def _products(uow: UnitOfWork, codes: set[str]) -> dict[str, int]:
        found = uow.imports.product_ids(codes) if codes else {}
        missing = sorted(codes - found.keys())
        if missing:
            raise ValidationError(f"no product with code {', '.join(missing)}.")
        return found

    def _count_people(
        self, uow: UnitOfWork, system: str, fold: bool, survey: Survey, summary: ImportSummary
    ) -> None:
        key = _person_key(fold)
        known = {key(n) for n in uow.imports.imported_people(system)}
        summary.users_new = len({key(n) for n in survey.people} - known)
        now = self.ctx.clock.now()
        _, new_teams = uow.imports.teams(system, survey.groups, now, create=False)
        summary.teams_new = len(new_teams)

    def _prepare(
        self,
        uow: UnitOfWork,
        me: User,
        who: tuple[str, bool],
        survey: Survey,
        writer: TicketWriter,
    ) -> None:
        """The people, teams and run record the tickets refer to, before any ticket."""
        system, summary = writer.system, writer.summary
        now = self.ctx.clock.now()
        prefix, fold = who
        key = _person_key(fold)
        # One user per person: with case folding "Ann Lee" and "ann lee" are one, shown
        # as spelled the first time the file names them.
        people = {key(n): v for n, v in uow.imports.imported_people(system).items()}
        spelled: dict[str, str] = {}
        for name in survey.people:
            spelled.setdefault(key(name), name)
        new_people = sorted(spelled[k] for k in spelled if k not in people)
        added = uow.imports.add_people(system, prefix, new_people, now)
        people.update({key(n): v for n, v in added.items()})
        team_ids, new_teams = uow.imports.teams(system, survey.groups, now, create=True)
        summary.users_new, summary.teams_new = len(new_people), len(new_teams)
        customers = writer.customers
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
        system_user = uow.users.system()
        writer.people(people, key, (system_user.id, system_user.username))
        writer.teams = team_ids
        writer.now = now


def _refusal(file_name: str, problems: Problems) -> str:
    fatal = [p for p in problems if p.fatal]
    listed = "; ".join(str(p) for p in fatal[:MAX_LISTED_PROBLEMS]) or "problems found"
    more = problems.fatal_total - min(len(fatal), MAX_LISTED_PROBLEMS)
    tail = f"; and {more:,} more (--dry-run lists the first {MAX_PROBLEMS})" if more > 0 else ""
    text = f"{file_name} refused, nothing was imported: {listed.rstrip('.')}{tail}"
    return text if text.endswith("?") else f"{text}."


@dataclass(slots=True)
class _Seen:
    """What the first pass keeps besides the spool: the customers and products named."""

    customers: set[str | None] = field(default_factory=set)
    products: set[str] = field(default_factory=set)


def _first_pass(rows: Iterable[SourceRow], spool: Spool, *, fold: bool) -> _Seen:
    seen = _Seen()
    spell = _Spelling()
    for row in rows:
        if fold:
            spell(row)
        seen.customers.add(row.customer)
        if row.product:
            seen.products.add(row.product)
        spool.add(row)
    spool.finish()
    return seen


class _Spelling:
    """Case folding: each person keeps the spelling the file first uses, on every row, so
    "Bo Chan" handing over to "bo chan" is no reassignment. Rows come in file order, so
    the first spelling seen is the file's first."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def one(self, name: str | None) -> str | None:
        return None if name is None else self.first.setdefault(name.casefold(), name)

    def __call__(self, row: SourceRow) -> None:
        one = self.one
        row.assignee, row.actor = one(row.assignee), one(row.actor)
        row.opened_by, row.resolved_by = one(row.opened_by), one(row.resolved_by)


def _person_key(fold: bool) -> Callable[[str], str]:
    return str.casefold if fold else str
