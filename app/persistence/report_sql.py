"""Portable SQL pieces for the reports (SQLite and PostgreSQL alike).

* :class:`minutes_between` — fractional minutes from one timestamp column to another.
* :func:`percentiles` — medians and 90th percentiles: ``percentile_cont`` on PostgreSQL;
  on SQLite (which lacks it) the same linear interpolation from window functions that
  number each group's values, so only the (at most two) rows around each wanted rank
  leave the database.
* The figures' expressions over ``tickets`` joined with ``ticket_facts`` (kept by the
  facts hook, or written by the importer from the imported history with the same rule)
  and ``imported_tickets`` (counters and made_sla another help desk recorded, used
  where it recorded them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    String,
    Subquery,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.domain.tickets import OPEN_STATUSES, Status
from app.persistence.orm import Ticket
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts


class minutes_between(FunctionElement[float]):  # noqa: N801 (reads like a SQL function)
    """``minutes_between(start, end)``: fractional minutes; NULL if either is NULL."""

    type = Float()
    inherit_cache = True


@compiles(minutes_between, "sqlite")
def _sqlite_minutes(element: minutes_between, compiler: SQLCompiler, **kw: Any) -> str:
    # julianday() differences carry float noise (~40 µs); SQLite keeps times to the
    # millisecond, so rounding to whole milliseconds gives the exact span.
    start, end = list(element.clauses)
    return (
        f"(ROUND((julianday({compiler.process(end, **kw)}) - "
        f"julianday({compiler.process(start, **kw)})) * 86400000.0) / 60000.0)"
    )


@compiles(minutes_between, "postgresql")
def _pg_minutes(element: minutes_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - "
        f"{compiler.process(start, **kw)})) / 60.0)"
    )


def percentiles(
    session: Session,
    base: Select[Any],
    measures: Sequence[str],
    *,
    shares: Sequence[int] = (50, 90),
    grouped: bool = True,
) -> dict[str, dict[Any, dict[int, float]]]:
    """``base`` selects a column labelled ``grp`` and one column per name in ``measures``.
    Returns, per measure and group, the interpolated percentile for each share (in
    percent) over the non-NULL values. ``grouped=False``: one group (``grp`` constant).

    PostgreSQL computes them with ``percentile_cont``, all measures in one scan; SQLite
    (which lacks it) ranks each measure's values with window functions instead."""
    if session.get_bind().dialect.name == "postgresql":
        return _percentile_cont(session, base, measures, shares, grouped)
    return {m: _ranked(session, base, m, shares, grouped) for m in measures}


def _percentile_cont(
    session: Session,
    base: Select[Any],
    measures: Sequence[str],
    shares: Sequence[int],
    grouped: bool,
) -> dict[str, dict[Any, dict[int, float]]]:
    sub = base.subquery()
    columns = [
        func.percentile_cont(q / 100).within_group(sub.c[m]).label(f"{m}_{q}")
        for m in measures
        for q in shares
    ]
    if grouped:
        query = select(sub.c.grp, *columns).group_by(sub.c.grp)
    else:
        query = select(literal_column("'all'").label("grp"), *columns).select_from(sub)
    result: dict[str, dict[Any, dict[int, float]]] = {m: {} for m in measures}
    for row in session.execute(query).mappings():
        for m in measures:
            values = {q: row[f"{m}_{q}"] for q in shares}
            if all(v is not None for v in values.values()):
                result[m][row["grp"]] = {q: float(v) for q, v in values.items()}
    return result


def _ranked(
    session: Session, base: Select[Any], measure: str, shares: Sequence[int], grouped: bool
) -> dict[Any, dict[int, float]]:
    sub = base.subquery()
    value = sub.c[measure]
    part = sub.c.grp if grouped else None
    ranked = (
        select(
            sub.c.grp.label("grp"),
            value.label("value"),
            func.row_number().over(partition_by=part, order_by=value).label("rn"),
            func.count().over(partition_by=part).label("n"),
        )
        .where(value.is_not(None))
        .subquery()
    )
    # 0-based position of share q: q·(n−1)/100; integer division floors it on both databases.
    wanted: list[ColumnElement[bool]] = []
    for q in shares:
        low = (q * (ranked.c.n - 1)) // 100
        wanted.append(or_(ranked.c.rn - 1 == low, ranked.c.rn - 1 == low + 1))
    rows = session.execute(
        select(ranked.c.grp, ranked.c.rn, ranked.c.n, ranked.c.value).where(or_(*wanted))
    ).all()
    at: dict[Any, dict[int, float]] = {}
    sizes: dict[Any, int] = {}
    for grp, rn, n, v in rows:
        at.setdefault(grp, {})[int(rn) - 1] = float(v)
        sizes[grp] = int(n)
    result: dict[Any, dict[int, float]] = {}
    for grp, values in at.items():
        n = sizes[grp]
        result[grp] = {}
        for q in shares:
            at_rank, frac = divmod(q * (n - 1), 100)
            lo = values[at_rank]
            hi = values.get(at_rank + 1, lo)
            result[grp][q] = lo + (hi - lo) * frac / 100
    return result


# -- the figures' expressions -----------------------------------------------------------

T, F, I = Ticket, TicketFacts, ImportedTicket  # noqa: E741
IMPORTED = I.ticket_id.is_not(None)
# Open work waiting for us (a resolved ticket waits for the customer).
BACKLOG = [s.value for s in OPEN_STATUSES if s != Status.RESOLVED]


def _bool01(column: Any) -> ColumnElement[Any]:
    return case((column.is_(True), 1), (column.is_(False), 0), else_=None)


# Full precision from the timestamps (the facts' whole minutes are for one ticket's page).
# One rule for every ticket: the facts' resolution, which for an imported ticket is
# what the importer derived from its history (app.services.report_rules).
RESOLUTION_WALL = minutes_between(T.created_at, F.resolved_at)
MEASURES: dict[str, Any] = {
    "response_wall": F.response_wall_minutes,
    "response_business": F.response_business_minutes,
    "resolution_wall": RESOLUTION_WALL,
    "resolution_business": F.resolution_business_minutes,
}
RESPONSE_MET = _bool01(F.response_met)
RESOLUTION_MET = _bool01(F.resolution_met)
SLA_MET = case(
    (IMPORTED, _bool01(I.made_sla)),
    (F.resolution_met.is_(None), None),
    (F.response_met.is_(False), 0),
    else_=RESOLUTION_MET,
)
REASSIGNMENTS = func.coalesce(I.reassignment_count, F.reassignments, 0)
REOPENINGS = func.coalesce(I.reopen_count, F.reopenings, 0)


def joined(query: Select[Any]) -> Select[Any]:
    return query.select_from(T).outerjoin(F, F.ticket_id == T.id).outerjoin(I, I.ticket_id == T.id)


def scoped(
    query: Select[Any], customer_id: int | None, column: Any, start: datetime, end: datetime
) -> Select[Any]:
    """Tickets of the customer (or all) whose ``column`` lies in [start, end)."""
    query = query.where(column >= start, column < end)
    return query.where(T.customer_id == customer_id) if customer_id is not None else query


def age_bucket(now: datetime, buckets: Sequence[tuple[str, int]]) -> ColumnElement[Any]:
    """The age label of an open ticket, by comparing its opening with fixed instants;
    ``buckets`` are (label, lower bound in days), youngest first."""
    whens = [
        (T.created_at > now - timedelta(days=buckets[i + 1][1]), label)
        for i, (label, _) in enumerate(buckets[:-1])
    ]
    return case(*whens, else_=literal(buckets[-1][0]))


def period_tickets(customer_id: int | None, start: datetime, end: datetime) -> Subquery:
    """One row per ticket opened in [start, end) with every figure the period report
    aggregates: the one derived table its headline and tables all read."""
    return scoped(
        joined(
            select(
                cast(T.priority, String).label("priority"),
                case((T.status == Status.CLOSED.value, 1), else_=0).label("closed"),
                *[cast(expr, Float).label(name) for name, expr in MEASURES.items()],
                cast(RESPONSE_MET, Float).label("response_met"),
                cast(RESOLUTION_MET, Float).label("resolution_met"),
                cast(SLA_MET, Float).label("sla_met"),
                REASSIGNMENTS.label("reassignments"),
                REOPENINGS.label("reopenings"),
                T.time_logged_minutes.label("logged"),
            )
        ),
        customer_id,
        T.created_at,
        start,
        end,
    ).subquery("period_tickets")


def period_aggregate(base: Subquery, group: Any) -> Select[Any]:
    """The period's figures over ``base`` (:func:`period_tickets`), grouped by ``group``."""
    return select(
        group.label("grp"),
        func.count().label("tickets"),
        func.count(base.c.resolution_wall).label("resolved"),
        func.sum(base.c.closed).label("closed"),
        *[func.avg(base.c[name]).label(name) for name in MEASURES],
        *[func.count(base.c[name]).label(f"{name}_n") for name in MEASURES],
        func.avg(base.c.response_met).label("response_met"),
        func.avg(base.c.resolution_met).label("resolution_met"),
        func.avg(base.c.sla_met).label("sla_met"),
        func.count(base.c.sla_met).label("sla_known"),
        func.sum(base.c.reassignments).label("reassignments"),
        func.sum(base.c.reopenings).label("reopenings"),
        func.sum(case((base.c.reopenings > 0, 1), else_=0)).label("reopened"),
        func.sum(base.c.logged).label("logged"),
    )
