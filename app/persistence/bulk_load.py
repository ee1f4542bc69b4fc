"""Bulk loading of generated data (``uow.bulk``): COPY on PostgreSQL, ``executemany`` on
the raw SQLite connection, secondary indexes dropped before and rebuilt after.

Only the data generator uses it, and only on a database without tickets: it bypasses
the ORM (rows are tuples in table column order given by the caller), so every row must
already be what the services would have written, in the form the load sends as it is:
instants as UTC text (:func:`db_time`, SQLite's stored form; PostgreSQL reads it in the
load's UTC session), days as ISO text, booleans as bool. No per-value conversion here:
at a million tickets it cost more than the inserts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, inspect, select, text
from sqlalchemy.orm import Session

from app.persistence.engine import SQLITE_SYNCHRONOUS
from app.persistence.orm import Base, Counter, User
from app.persistence.orm_sla import BusinessCalendarRow, SlaTargetRow

# The tables that grow with the ticket count: their secondary indexes are rebuilt
# once after the load instead of being maintained row by row.
BIG_TABLES = ("tickets", "ticket_events", "history_ledger", "ticket_facts", "sla_clocks")
# Tables whose ids the generator assigns itself (PostgreSQL sequences follow after).
ID_TABLES = (
    "users",
    "customers",
    "contacts",
    "products",
    "contracts",
    "releases",
    "tickets",
    "ticket_events",
)


def db_time(value: datetime) -> str:
    """An instant as the load takes it: the text SQLAlchemy's SQLite DateTime stores
    (UTC without offset, microseconds), which PostgreSQL reads in the load's UTC session."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


class BulkLoadRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name
        self._dropped: list[str] = []
        self.journal = ""

    # -- what the generator needs to know ---------------------------------------------------

    def ticket_count(self) -> int:
        return int(self.session.scalar(text("SELECT count(*) FROM tickets")) or 0)

    def users(self) -> list[tuple[int, str, str]]:
        """(id, username, role) of every user, by id."""
        rows = self.session.execute(select(User.id, User.username, User.role).order_by(User.id))
        return [(r[0], r[1], r[2]) for r in rows]

    def password_hash(self, username: str) -> str:
        return str(self.session.scalar(select(User.password_hash).where(User.username == username)))

    def sla_targets(self) -> dict[tuple[str, str], tuple[int, int, int]]:
        """(tier, criticality) → (priority, response minutes, resolution minutes)."""
        rows = self.session.execute(
            select(
                SlaTargetRow.tier,
                SlaTargetRow.criticality,
                SlaTargetRow.priority,
                SlaTargetRow.response_minutes,
                SlaTargetRow.resolution_minutes,
            )
        )
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}

    def calendar_id(self, code: str) -> int | None:
        return self.session.scalar(
            select(BusinessCalendarRow.id).where(BusinessCalendarRow.code == code)
        )

    def next_id(self, table: str) -> int:
        tbl = Base.metadata.tables[table]
        return int(self.session.scalar(select(func.coalesce(func.max(tbl.c.id), 0))) or 0) + 1

    # -- loading ------------------------------------------------------------------------------

    def begin(self) -> None:
        """Fast-load settings and no secondary indexes on the big tables until :meth:`end`."""
        if self.dialect == "sqlite":
            raw = cast(Any, self.session.connection().connection.driver_connection)
            # Journal off, no fsync, FK checks off: a crash mid-load loses the throw-away
            # load, never real work (the generator refuses databases with tickets). The
            # pragmas only take effect between transactions, hence the COMMIT/BEGIN.
            raw.execute("COMMIT")
            self.journal = raw.execute("PRAGMA journal_mode = OFF").fetchone()[0]
            raw.execute("PRAGMA synchronous = OFF")
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute("PRAGMA cache_size = -262144")
            raw.execute("BEGIN IMMEDIATE")
        else:
            self.journal = "COPY"
            # The rows carry instants as UTC text without an offset (see db_time).
            self.session.execute(text("SET LOCAL TimeZone = 'UTC'"))
            superuser = self.session.scalar(
                text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            )
            if superuser:
                # Skips the per-row FK triggers during COPY; every id is generated from
                # rows inserted before it, so the references hold.
                self.session.execute(text("SET LOCAL session_replication_role = replica"))
            self.session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        # The indexes as migrated (not as the models say: those may be ahead of the schema).
        for name, ddl in self._secondary_indexes():
            self.session.execute(text(f"DROP INDEX {name}"))
            self._dropped.append(ddl)
        if self.dialect == "sqlite":
            # Full-text indexes fed row by row by insert triggers: rebuilt in one pass instead.
            for name, ddl in self._fts_insert_triggers():
                self.session.execute(text(f"DROP TRIGGER {name}"))
                self._dropped.append(ddl)

    def _fts_insert_triggers(self) -> list[tuple[str, str]]:
        rows = self.session.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN :tables AND sql LIKE '%AFTER INSERT%' AND sql LIKE '%_fts%' "
                "ORDER BY name"
            ).bindparams(bindparam("tables", expanding=True)),
            {"tables": list(BIG_TABLES)},
        )
        return [(r[0], r[1]) for r in rows]

    def _fts_tables(self) -> list[str]:
        """SQLite full-text tables whose content is one of the big tables."""
        rows = self.session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
        )
        return [
            r[0]
            for r in rows
            if any(f"content='{t}'" in r[1].replace('"', "'") for t in BIG_TABLES)
        ]

    def _secondary_indexes(self) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the big tables' indexes that back no constraint."""
        if self.dialect == "sqlite":
            rows = self.session.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND sql IS NOT NULL AND tbl_name IN :tables ORDER BY name"
                ).bindparams(bindparam("tables", expanding=True)),
                {"tables": list(BIG_TABLES)},
            )
        else:
            rows = self.session.execute(
                text(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                    "WHERE i.schemaname = current_schema() AND i.tablename IN :tables "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                    "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || "
                    "quote_ident(i.indexname))::regclass) ORDER BY i.indexname"
                ).bindparams(bindparam("tables", expanding=True)),
                {"tables": list(BIG_TABLES)},
            )
            # A partial index stays unless its definition as pg_indexes spells it makes the
            # same predicate again: an IN list comes back re-spelled (a cast array), which
            # the planner no longer matches to the queries' IN; the full-text and work
            # indexes come back the same, and the full-text one is the dearest to keep up.
            return [(r[0], r[1]) for r in rows if " WHERE " not in r[1] or self._same(r[0], r[1])]
        return [(r[0], r[1]) for r in rows]

    def _same(self, name: str, ddl: str) -> bool:
        """Whether ``ddl`` re-creates index ``name``'s predicate node for node (tried on a
        probe index while the table is still empty)."""
        probe = "bulk_load_probe"
        self.session.execute(text(ddl.replace(f" {name} ON ", f" {probe} ON ", 1)))
        # The node trees as text, less the parse positions.
        tree = "regexp_replace(indpred::text, :where, '', 'g')"
        same = self.session.scalar(
            text(
                f"SELECT (SELECT {tree} FROM pg_index WHERE indexrelid = CAST(:a AS regclass)) "
                f"= (SELECT {tree} FROM pg_index WHERE indexrelid = CAST(:b AS regclass))"
            ),
            {"a": name, "b": probe, "where": ":location -?[0-9]+"},
        )
        self.session.execute(text(f"DROP INDEX {probe}"))
        return bool(same)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert ``rows`` (values in ``columns`` order, in the form the module doc says)."""
        raw = cast(Any, self.session.connection().connection.driver_connection)
        names = ", ".join(columns)
        if self.dialect == "postgresql":
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join("?" * len(columns))
        raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    def set_counter(self, name: str, value: int) -> None:
        table = cast(Table, Counter.__table__)
        found = self.session.scalar(select(table.c.value).where(table.c.name == name))
        if found is None:
            self.session.execute(table.insert().values(name=name, value=value))
        else:
            self.session.execute(table.update().where(table.c.name == name).values(value=value))

    def end(self) -> None:
        """Rebuild the dropped indexes and move PostgreSQL's id sequences past the rows."""
        for ddl in self._dropped:
            self.session.connection().exec_driver_sql(ddl)
        self._dropped.clear()
        if self.dialect == "sqlite":
            for name in self._fts_tables():
                self.session.execute(text(f"INSERT INTO {name}({name}) VALUES ('rebuild')"))
        self._derived()
        if self.dialect == "postgresql":
            for name in ID_TABLES:
                self.session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
                    )
                )

    def _derived(self) -> None:
        """Counters other features keep beside the tickets, set from the loaded rows
        (only where the migrated schema has them)."""
        found = inspect(self.session.connection())
        if "open_tickets" in {c["name"] for c in found.get_columns("engineer_profiles")}:
            self.session.execute(
                text(
                    "UPDATE engineer_profiles SET open_tickets = (SELECT count(*) FROM tickets "
                    "WHERE tickets.assignee_id = engineer_profiles.user_id AND tickets.status "
                    "IN ('assigned', 'in_progress', 'waiting_on_customer'))"
                )
            )
        if self.dialect == "postgresql" and found.has_sequence("ticket_numbers"):
            self.session.execute(
                text(
                    "SELECT setval('ticket_numbers', greatest(n, 1), n > 0) "
                    "FROM (SELECT count(*) AS n FROM tickets) c"
                )
            )

    def finish(self) -> None:
        """After the load's commit: the connection's usual settings back, and fresh planner
        statistics for every table (ANALYZE is committed by itself on SQLite)."""
        if self.dialect == "postgresql":
            self.journal = "wal"  # PostgreSQL always writes ahead; COPY did too
            # VACUUM too: freshly loaded pages are not marked all-visible, so no index-only
            # scan is possible until autovacuum comes by (minutes to hours after a big
            # load). VACUUM runs outside a transaction: this one has done nothing yet.
            raw = cast(Any, self.session.connection().connection.driver_connection)
            raw.commit()
            raw.autocommit = True
            try:
                raw.execute("VACUUM (ANALYZE)")
            finally:
                raw.autocommit = False
            return
        raw = cast(Any, self.session.connection().connection.driver_connection)
        raw.execute("COMMIT")
        self.journal = raw.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        raw.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("PRAGMA cache_size = -2000")
        raw.execute("ANALYZE")
        raw.execute("BEGIN")
