"""The database side of an import: lookups and bulk writes with SQLAlchemy Core.

Everything runs in the caller's unit of work (``uow.imports``). History rows are
inserted in chunks with ``executemany`` (no ORM object per event): an import of 150,000
rows stays in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.domain.roles import DEFAULT_DEPARTMENT, Role
from app.persistence.orm import Customer, Product, Ticket, TicketEvent, User
from app.persistence.orm_import import ImportedTicket, ImportedUser, ImportRun, Team
from app.persistence.orm_reports import TicketFacts
from app.persistence.write_path import next_ticket_numbers, resync

CHUNK = 5_000
_IN_CHUNK = 500  # values per IN (...) list
USERNAME_MAX = 64
NO_PASSWORD = "!"  # matches no password: imported people cannot log in

_users = cast(Table, User.__table__)
_tickets = cast(Table, Ticket.__table__)
_events = cast(Table, TicketEvent.__table__)
_imported = cast(Table, ImportedTicket.__table__)
_imported_users = cast(Table, ImportedUser.__table__)
_teams = cast(Table, Team.__table__)
_facts = cast(Table, TicketFacts.__table__)


def chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def username_for(prefix: str, name: str, taken: Callable[[str], bool]) -> str:
    """``sn.beth.anglin`` for "Beth Anglin": lower-case, safe characters, unique."""
    slug = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") or "person"
    base = f"{prefix}.{slug}"[:USERNAME_MAX]
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = base[: USERNAME_MAX - len(suffix)] + suffix
    return candidate


class ImportRepository:
    """Lookups and bulk inserts for importing another help desk's tickets."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- lookups -------------------------------------------------------------------------

    def customer_ids(self, codes: Iterable[str]) -> dict[str, int]:
        query = select(Customer.code, Customer.id).where(Customer.code.in_(sorted(set(codes))))
        return {code: cid for code, cid in self.session.execute(query)}

    def run_with_checksum(self, system: str, checksum: str) -> int | None:
        return self.session.scalar(
            select(ImportRun.id)
            .where(ImportRun.source_system == system, ImportRun.checksum == checksum)
            .order_by(ImportRun.id)
            .limit(1)
        )

    def known_tickets(self, system: str, numbers: Sequence[str]) -> dict[str, int]:
        """source number → rows imported then, for the numbers already imported."""
        found: dict[str, int] = {}
        for part in chunks(numbers, _IN_CHUNK):
            query = select(ImportedTicket.source_number, ImportedTicket.source_rows).where(
                ImportedTicket.source_system == system, ImportedTicket.source_number.in_(part)
            )
            found.update({n: rows for n, rows in self.session.execute(query)})
        return found

    def imported_people(self, system: str) -> dict[str, tuple[int, str]]:
        """source name → (user id, username) of the people imported from ``system`` before."""
        query = (
            select(ImportedUser.source_name, User.id, User.username)
            .join(User, User.id == ImportedUser.user_id)
            .where(ImportedUser.source_system == system)
        )
        return {name: (uid, username) for name, uid, username in self.session.execute(query)}

    # -- people, teams, numbers, the run -------------------------------------------------

    def add_people(
        self, system: str, prefix: str, names: Sequence[str], now: datetime
    ) -> dict[str, tuple[int, str]]:
        """Create inactive users for ``names`` (source people new to us)."""
        if not names:
            return {}
        existing = set(
            self.session.scalars(select(User.username).where(User.username.like(f"{prefix}.%")))
        )
        wanted: dict[str, str] = {}
        for name in names:
            username = username_for(prefix, name, lambda u: u in existing)
            existing.add(username)
            wanted[name] = username
        self.session.execute(
            insert(_users),
            [
                {
                    "username": username,
                    "full_name": name[:200],
                    "email": "",
                    "role": Role.ENGINEER.value,
                    "department": DEFAULT_DEPARTMENT[Role.ENGINEER].value,
                    "password_hash": NO_PASSWORD,
                    "active": False,
                    "created_at": now,
                }
                for name, username in wanted.items()
            ],
        )
        ids: dict[str, int] = {}
        for part in chunks(list(wanted.values()), _IN_CHUNK):
            query = select(User.username, User.id).where(User.username.in_(part))
            ids.update({name: uid for name, uid in self.session.execute(query)})
        self.session.execute(
            insert(_imported_users),
            [
                {"user_id": ids[u], "source_system": system, "source_name": n[:200]}
                for n, u in wanted.items()
            ],
        )
        return {name: (ids[username], username) for name, username in wanted.items()}

    def teams(
        self, system: str, names: Iterable[str], now: datetime, *, create: bool
    ) -> tuple[dict[str, int], list[str]]:
        """Team ids by name, creating (when ``create``) the missing ones; and the new names."""
        wanted = sorted(set(names))
        found = self._team_ids(wanted)
        new = [n for n in wanted if n not in found]
        if new and create:
            rows = [{"name": n, "source_system": system, "created_at": now} for n in new]
            self.session.execute(insert(_teams), rows)
            found.update(self._team_ids(new))
        return found, new

    def _team_ids(self, names: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in chunks(names, _IN_CHUNK):
            query = select(Team.name, Team.id).where(Team.name.in_(part))
            found.update({name: tid for name, tid in self.session.execute(query)})
        return found

    def reserve_numbers(self, count: int) -> list[int]:
        """``count`` new ticket numbers, ascending (``app/persistence/write_path.py``)."""
        return next_ticket_numbers(self.session, count)

    def resync_write_path(self) -> None:
        """Imported tickets bypass the change pipeline: recount the engineers' open tickets
        (their numbers came from the sequence already)."""
        resync(self.session.connection(), numbers=False)

    def add_run(self, values: dict[str, Any]) -> int:
        query = insert(ImportRun).returning(ImportRun.id)
        return int(self.session.scalars(query, [values]).one())

    # -- tickets, their history and their source facts -----------------------------------

    def add_tickets(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Insert ticket rows; returns their ids by number.

        A plain executemany and a read-back: INSERT … RETURNING of thousands of rows makes
        psycopg rewrite one huge statement (seconds), while executemany is pipelined.
        """
        for part in chunks(rows, CHUNK):
            self.session.execute(insert(_tickets), list(part))
        ids: dict[str, int] = {}
        for part in chunks([r["number"] for r in rows], _IN_CHUNK):
            query = select(Ticket.number, Ticket.id).where(Ticket.number.in_(part))
            ids.update({number: tid for number, tid in self.session.execute(query)})
        return ids

    def add_facts(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert the source facts of imported tickets (one ``imported_tickets`` row each)."""
        for part in chunks(rows, CHUNK):
            self.session.execute(insert(_imported), list(part))

    def add_report_facts(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert the report facts (``ticket_facts``) the importer derived from history."""
        for part in chunks(rows, CHUNK):
            self.session.execute(insert(_facts), list(part))

    def product_ids(self, codes: Iterable[str]) -> dict[str, int]:
        query = select(Product.code, Product.id).where(Product.code.in_(sorted(set(codes))))
        return {code: pid for code, pid in self.session.execute(query)}

    def add_events(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert history rows: the Core INSERT compiled once, values converted by the
        columns' own bind processors, then the driver's executemany. SQLAlchemy's per-row
        parameter handling was a quarter of the import's time."""
        if not rows:
            return
        conn = self.session.connection()
        dialect = conn.dialect
        names = list(rows[0])
        compiled = insert(_events).compile(dialect=dialect, column_keys=names)
        order = list(compiled.positiontup or names)
        convert = [_events.c[name].type.bind_processor(dialect) for name in order]
        if compiled.positional:
            params: list[Any] = [
                tuple(f(row[n]) if f else row[n] for n, f in zip(order, convert, strict=True))
                for row in rows
            ]
        else:
            params = [
                {n: f(row[n]) if f else row[n] for n, f in zip(order, convert, strict=True)}
                for row in rows
            ]
        for part in chunks(params, CHUNK):
            conn.exec_driver_sql(compiled.string, list(part))
