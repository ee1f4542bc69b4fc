"""Writing the report rollups (:mod:`app.persistence.orm_reports`): the facts hook's
deltas as upserts that add (``x = x + delta``: no read-modify-write, so concurrent
desks never lose each other's counts) — one statement per table on SQLite, one for all
of them on PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Table, bindparam, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.persistence import report_month_keys as month_keys
from app.persistence.orm_reports import (
    ReportDay,
    ReportDayKey,
    ReportDayWork,
    ReportMonth,
    ReportMonthBucket,
    ReportMonthCustomerWork,
    ReportMonthWork,
    ReportResolvedDay,
)

TABLES: dict[str, Table] = {
    "days": ReportDay.__table__,  # type: ignore[dict-item]
    "months": ReportMonth.__table__,  # type: ignore[dict-item]
    "keys": ReportDayKey.__table__,  # type: ignore[dict-item]
    "month_keys": month_keys.TABLE,
    "buckets": ReportMonthBucket.__table__,  # type: ignore[dict-item]
    "resolved": ReportResolvedDay.__table__,  # type: ignore[dict-item]
    "work": ReportDayWork.__table__,  # type: ignore[dict-item]
    "month_work": ReportMonthWork.__table__,  # type: ignore[dict-item]
    "month_customer_work": ReportMonthCustomerWork.__table__,  # type: ignore[dict-item]
}
KEYS: dict[str, tuple[str, ...]] = {
    "days": ("day", "shard", "priority"),
    "months": ("month", "shard", "priority"),
    "keys": ("day", "customer_id", "dimension", "key"),
    "month_keys": month_keys.KEY,
    "buckets": ("month", "priority", "measure", "bucket"),
    "resolved": ("day", "shard", "priority"),
    "work": ("day", "customer_id", "actor_id"),
    "month_work": ("month", "actor_id"),
    "month_customer_work": ("month", "customer_id"),
}


def work_keys(day: date, customer_id: int, actor_id: int) -> list[tuple[str, tuple[Any, ...]]]:
    """The rollup rows minutes of work logged on ``day`` add to: per day × customer ×
    person, per month × person, per month × customer."""
    month = day.replace(day=1)
    return [
        ("work", (day, customer_id, actor_id)),
        ("month_work", (month, actor_id)),
        ("month_customer_work", (month, customer_id)),
    ]


def apply(
    session: Session, delta: Mapping[tuple[str, tuple[Any, ...]], Mapping[str, float]]
) -> None:
    """Add ``delta`` (app.services.report_rollup.difference) to the rollup rows, on
    the session's connection (no flush first; Session.execute would cost these Core
    statements as much client CPU again, issue 19)."""
    delta = month_keys.with_month_keys(delta)  # report_day_keys per month, same transaction
    dialect = session.get_bind().dialect.name
    # One multi-row upsert per table (an opening's three report_day_keys rows are one
    # statement): every row gets every column the table's rows change, 0 where its own
    # change has none (the counters are NOT NULL DEFAULT 0, and each is added). Tables
    # and rows keep the sorted order, so concurrent writers lock rows in one order.
    groups: dict[str, list[dict[str, Any]]] = {}
    changed: dict[str, set[str]] = {}
    for (name, key), change in sorted(delta.items(), key=lambda item: repr(item[0])):
        groups.setdefault(name, []).append({**dict(zip(KEYS[name], key, strict=True)), **change})
        changed.setdefault(name, set()).update(change)
    if dialect == "postgresql" and len(groups) > 1:
        _apply_together(session, groups, changed)
        return
    for name, rows in groups.items():
        columns = tuple(sorted(changed[name]))
        full = [{c: 0 for c in columns} | row for row in rows]
        stmt = _upsert(dialect, name, columns)
        # One row: one execute; several (an opening's report_day_keys): one executemany,
        # one round trip. (A multi-row VALUES statement has no cache key: SQLAlchemy
        # would compile it anew every time.)
        session.connection().execute(stmt, full[0] if len(full) == 1 else full)


# A statement shape: per table, its name, the columns it adds and its number of rows.
_Shape = tuple[tuple[str, tuple[str, ...], int], ...]
_TOGETHER: dict[_Shape, Any] = {}


def _apply_together(
    session: Session, groups: Mapping[str, list[dict[str, Any]]], changed: Mapping[str, set[str]]
) -> None:
    """PostgreSQL: every table's upsert in ONE statement (data-modifying CTEs; an opening
    touches four rollup tables: one round trip instead of four). Each table's rows are
    distinct keys, so no row is affected twice. The CTEs are not referenced, so the
    server runs each to completion after the main SELECT, in one fixed order for a
    shape, and every shape lists the tables sorted: concurrent writers still lock in
    one order. Built once per shape (tables, columns, row counts) as text."""
    shape: _Shape = tuple(
        (name, tuple(sorted(changed[name])), len(rows)) for name, rows in groups.items()
    )
    stmt = _TOGETHER.get(shape)
    if stmt is None:
        parts = []
        for t, (name, columns, count) in enumerate(shape):
            names = (*KEYS[name], *columns)
            table = f'"{TABLES[name].name}"'
            values = ", ".join(
                "(" + ", ".join(f":t{t}r{r}_{c}" for c in names) + ")" for r in range(count)
            )
            sets = ", ".join(f'"{c}" = {table}."{c}" + EXCLUDED."{c}"' for c in columns)
            listed = ", ".join(f'"{c}"' for c in names)
            key = ", ".join(f'"{c}"' for c in KEYS[name])
            parts.append(
                f"u{t} AS (INSERT INTO {table} ({listed}) VALUES {values}"
                f" ON CONFLICT ({key}) DO UPDATE SET {sets})"
            )
        stmt = _TOGETHER[shape] = text("WITH " + ", ".join(parts) + " SELECT 1")
    params: dict[str, Any] = {}
    for t, (name, columns, _count) in enumerate(shape):
        names = (*KEYS[name], *columns)
        for r, row in enumerate(groups[name]):
            for c in names:
                params[f"t{t}r{r}_{c}"] = row.get(c, 0)
    session.connection().execute(stmt, params)


_UPSERTS: dict[tuple[str, str, tuple[str, ...]], Any] = {}


def _upsert(dialect: str, name: str, columns: tuple[str, ...]) -> Any:
    """INSERT … ON CONFLICT (key) DO UPDATE adding ``columns`` to the rollup ``name``,
    with a bound parameter per column; built once per process (building it costs more
    client CPU than running it)."""
    found = _UPSERTS.get((dialect, name, columns))
    if found is None:
        table = TABLES[name]
        build = pg_insert if dialect == "postgresql" else sqlite_insert
        names = (*KEYS[name], *columns)
        stmt = build(table).values({c: bindparam(c, type_=table.c[c].type) for c in names})
        found = _UPSERTS[(dialect, name, columns)] = stmt.on_conflict_do_update(
            index_elements=list(KEYS[name]),
            set_={column: table.c[column] + stmt.excluded[column] for column in columns},
        )
    return found
