"""Writing the report rollups (:mod:`app.persistence.orm_reports`): the facts hook's
deltas as upserts that add (``x = x + delta``: no read-modify-write, so concurrent
desks never lose each other's counts), and the set-based rebuild from the tickets, their
facts and their imported source facts — the same expressions the reports aggregate
(:mod:`app.persistence.report_sql`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Integer,
    Table,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.persistence import report_month_keys as month_keys
from app.persistence.orm import TicketEvent
from app.persistence.orm_reports import (
    BREACHED,
    MISSED,
    SHARDS,
    ReportDay,
    ReportDayKey,
    ReportDayWork,
    ReportMonth,
    ReportMonthBucket,
    ReportMonthCustomerWork,
    ReportMonthWork,
    ReportResolvedDay,
    TicketFacts,
)
from app.persistence.report_sql import (
    BACKLOG,
    REASSIGNMENTS,
    REOPENINGS,
    RESOLUTION_MET,
    RESPONSE_MET,
    SLA_MET,
    F,
    I,
    T,
    minutes_between,
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


# The whole-minute durations the rollups count, by short name (ReportMonthBucket.measure).
DURATIONS: dict[str, Any] = {
    "rw": F.response_wall_minutes,
    "rb": F.response_business_minutes,
    "xw": case((F.resolved_at.is_not(None), F.resolution_wall_minutes)),
    "xb": F.resolution_business_minutes,
}


# -- fixed buckets of whole minutes --------------------------------------------------------
# Exact below 64 minutes, then 16 buckets per doubling (each ≤ 6.25 % wide): a bucket
# holds few of a period's tickets, so a percentile reads only those.
EXACT = 64
STEPS = 16


def bucket(minutes: int) -> int:
    """The bucket of a whole-minute duration; monotone, so buckets keep values' order."""
    if minutes < EXACT:
        return minutes
    e = minutes.bit_length() - 1
    return EXACT + (e - 6) * STEPS + ((minutes << 4) >> e) - STEPS


def bucket_start(b: int) -> int:
    """The smallest duration in bucket ``b`` (the next bucket's start ends it)."""
    if b < EXACT:
        return b
    e, m = 6 + (b - EXACT) // STEPS, (b - EXACT) % STEPS
    return (STEPS + m) << (e - 4)


class utc_day(FunctionElement[Any]):  # noqa: N801 (reads like a SQL function)
    """The UTC calendar day of a timestamp, as a DATE (``month=True``: its month's 1st)."""

    type = Date()
    inherit_cache = True


@compiles(utc_day, "sqlite")
def _sqlite_day(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"date({compiler.process(column, **kw)})"


@compiles(utc_day, "postgresql")
def _pg_day(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"CAST(timezone('UTC', {compiler.process(column, **kw)}) AS DATE)"


class utc_month(utc_day):  # noqa: N801
    inherit_cache = True


@compiles(utc_month, "sqlite")
def _sqlite_month(element: utc_month, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"date({compiler.process(column, **kw)}, 'start of month')"


@compiles(utc_month, "postgresql")
def _pg_month(element: utc_month, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"CAST(date_trunc('month', timezone('UTC', {compiler.process(column, **kw)})) AS DATE)"


class month_of(FunctionElement[Any]):  # noqa: N801 (reads like a SQL function)
    """The first day of a DATE's month."""

    type = Date()
    inherit_cache = True


@compiles(month_of, "sqlite")
def _sqlite_month_of(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"date({compiler.process(column, **kw)}, 'start of month')"


@compiles(month_of, "postgresql")
def _pg_month_of(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"CAST(date_trunc('month', {compiler.process(column, **kw)}) AS DATE)"


def bucket_sql(value: Any) -> ColumnElement[Any]:
    """:func:`bucket` in SQL: integer arithmetic only (durations under 2**30 minutes)."""

    def n(number: int) -> Any:
        return literal_column(str(number), Integer)

    whens: list[tuple[Any, Any]] = [(value < n(EXACT), value)]
    for e in range(6, 30):
        slot = n(EXACT + (e - 6) * STEPS - STEPS) + value // n(2 ** (e - 4))
        whens.append((value < n(2 ** (e + 1)), slot))
    return case(*whens)


def apply(
    session: Session, delta: Mapping[tuple[str, tuple[Any, ...]], Mapping[str, float]]
) -> None:
    """Add ``delta`` (app.services.report_rollup.difference) to the rollup rows."""
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
        session.execute(stmt, full[0] if len(full) == 1 else full)


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
    session.execute(stmt, params)


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


# The ticket's breached flag as the facts copy it (false, not NULL, without an SLA state).
IS_BREACHED: Any = case((BREACHED, True), else_=False)


def copy_ticket_columns(session: Session, ticket_ids: Sequence[int] | None = None) -> None:
    """Fill the facts' copy of what the rollups count a ticket under (all rows, or
    those of ``ticket_ids``): for facts written without the hook (imports, migrations)."""
    stmt = (
        update(TicketFacts)
        .values(
            opened_at=T.created_at,
            customer_id=T.customer_id,
            priority=T.priority,
            status=T.status,
            category=T.category,
            service_type=T.service_type,
            product_id=T.product_id,
            ticket_resolved_at=T.resolved_at,
            breached=IS_BREACHED,
        )
        .where(T.id == TicketFacts.ticket_id)
        .execution_options(synchronize_session=False)  # no facts objects to refresh
    )
    # Only the rows whose copy differs: a bulk load that wrote them rewrites nothing.
    stmt = stmt.where(
        or_(
            TicketFacts.opened_at.is_distinct_from(T.created_at),
            TicketFacts.customer_id.is_distinct_from(T.customer_id),
            TicketFacts.priority.is_distinct_from(T.priority),
            TicketFacts.status.is_distinct_from(T.status),
            TicketFacts.category.is_distinct_from(T.category),
            TicketFacts.service_type.is_distinct_from(T.service_type),
            TicketFacts.product_id.is_distinct_from(T.product_id),
            TicketFacts.ticket_resolved_at.is_distinct_from(T.resolved_at),
            TicketFacts.breached.is_distinct_from(IS_BREACHED),
        )
    )
    if ticket_ids is None:
        session.execute(stmt)
        return
    for start in range(0, len(ticket_ids), 500):
        part = list(ticket_ids[start : start + 500])
        session.execute(stmt.where(TicketFacts.ticket_id.in_(part)))


def _joined(*columns: Any) -> Any:
    return (
        select(*columns)
        .select_from(T)
        .outerjoin(F, F.ticket_id == T.id)
        .outerjoin(I, I.ticket_id == T.id)
    )


def rebuild(session: Session) -> int:
    """Recompute every rollup row from scratch (after a bulk load, or to repair);
    returns the number of tickets counted. (Migration 0024 runs it on a database with
    tickets: a migration that changes a rollup table later must run it instead.)"""
    copy_ticket_columns(session)
    for table in TABLES.values():
        session.execute(delete(table))
    day = utc_day(T.created_at)
    shard = T.customer_id % SHARDS
    one = literal(1)
    flags = {"response_met": RESPONSE_MET, "resolution_met": RESOLUTION_MET, "sla_met": SLA_MET}
    columns: dict[str, Any] = {
        "opened": func.count(),
        "closed": func.sum(case((T.status == "closed", 1), else_=0)),
        "backlog": func.sum(case((T.status.in_(BACKLOG), 1), else_=0)),
        "missed": func.sum(case((MISSED, 1), else_=0)),
        "breached": func.sum(case((and_(BREACHED, ~MISSED), 1), else_=0)),
    }
    for name, value in DURATIONS.items():
        columns[f"{name}_n"] = func.count(value)
        columns[f"{name}_sum"] = func.coalesce(func.sum(value), 0)
    exact = minutes_between(T.created_at, F.resolved_at)
    columns["xw_n"] = func.count(F.resolved_at)  # "resolved", as the report counts it
    columns["xw_sum"] = func.coalesce(func.sum(cast(exact, Float)), 0)
    for name, flag in flags.items():
        columns[f"{name}_n"] = func.count(flag)
        columns[f"{name}_sum"] = func.coalesce(func.sum(flag), 0)
    columns["reassignments"] = func.sum(REASSIGNMENTS)
    columns["reopenings"] = func.sum(REOPENINGS)
    columns["reopened"] = func.sum(case((REOPENINGS > 0, 1), else_=0))
    columns["logged"] = func.coalesce(func.sum(T.time_logged_minutes), 0)
    grouped = _joined(
        day.label("day"), shard.label("shard"), T.priority,
        *[c.label(n) for n, c in columns.items()],
    ).group_by(day, shard, T.priority)  # fmt: skip
    session.execute(
        insert(TABLES["days"]).from_select(["day", "shard", "priority", *columns], grouped)
    )
    d = ReportDay
    month = month_of(d.day)
    monthly = select(
        month.label("month"), d.shard, d.priority,
        *[func.sum(d.__table__.c[name]).label(name) for name in columns],
    ).group_by(month, d.shard, d.priority)  # fmt: skip
    session.execute(
        insert(TABLES["months"]).from_select(["month", "shard", "priority", *columns], monthly)
    )
    resolved = func.count(case((F.resolved_at.is_not(None), one)))
    for dimension, key in (
        ("category", T.category),
        ("service_type", T.service_type),
        ("product", func.coalesce(cast(T.product_id, ReportDayKey.key.type), "")),
    ):
        rows = _joined(
            day.label("day"), T.customer_id, literal(dimension).label("dimension"),
            key.label("key"), func.count().label("opened"), resolved.label("resolved"),
        ).group_by(day, T.customer_id, key)  # fmt: skip
        session.execute(
            insert(TABLES["keys"]).from_select(
                ["day", "customer_id", "dimension", "key", "opened", "resolved"], rows
            )
        )
    month_keys.rebuild(session)
    opened_month = utc_month(F.opened_at)
    for name, value in DURATIONS.items():
        slot = bucket_sql(value)
        rows = (
            select(
                opened_month.label("month"),
                F.priority,
                literal(name).label("measure"),
                cast(slot, Integer).label("bucket"),
                func.count().label("n"),
            )
            .where(value.is_not(None), F.opened_at.is_not(None))
            .group_by(opened_month, F.priority, slot)
        )
        session.execute(
            insert(TABLES["buckets"]).from_select(
                ["month", "priority", "measure", "bucket", "n"], rows
            )
        )
    resolved_day = utc_day(T.resolved_at)
    rows = (
        _joined(
            resolved_day.label("day"),
            shard.label("shard"),
            T.priority,
            func.count().label("resolved"),
            func.count(SLA_MET).label("sla_met_n"),
            func.coalesce(func.sum(SLA_MET), 0).label("sla_met_sum"),
        )
        .where(T.resolved_at.is_not(None))
        .group_by(resolved_day, shard, T.priority)
    )
    session.execute(
        insert(TABLES["resolved"]).from_select(
            ["day", "shard", "priority", "resolved", "sla_met_n", "sla_met_sum"], rows
        )
    )
    session.execute(
        insert(TABLES["work"]).from_select(
            ["day", "customer_id", "actor_id", "minutes"], work_minutes().subquery().select()
        )
    )
    w = ReportDayWork
    work_month = month_of(w.day)
    by: dict[str, Any] = {"month_work": w.actor_id, "month_customer_work": w.customer_id}
    for name, key in by.items():
        session.execute(
            insert(TABLES[name]).from_select(
                ["month", key.name, "minutes"],
                select(work_month, key, func.sum(w.minutes)).group_by(work_month, key),
            )
        )
    return int(session.scalar(select(func.coalesce(func.sum(ReportDay.opened), 0))) or 0)


def work_minutes(ticket_ids: Sequence[int] | None = None) -> Any:
    """Minutes of work per UTC day × customer × person (of ``ticket_ids``, or all)."""
    e = TicketEvent
    day = utc_day(e.occurred_at)
    query = (
        select(day.label("day"), T.customer_id, e.actor_id, func.sum(e.minutes).label("minutes"))
        .join(T, T.id == e.ticket_id)
        .where(e.minutes > 0)
        .group_by(day, T.customer_id, e.actor_id)
    )
    if ticket_ids is not None:
        query = query.where(e.ticket_id.in_(list(ticket_ids)))
    return query
