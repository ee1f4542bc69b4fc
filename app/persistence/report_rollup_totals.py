"""The period report's per-priority figures (``GroupTotals``) from the rollups: sums and
counts from ``report_days``, percentiles from ``report_month_buckets`` plus the few
tickets of the buckets that hold them (:mod:`app.persistence.report_rollup_reads`).

One customer's report is computed from its tickets (a small set read by
``ix_tickets_customer_created``). If the histogram and the tickets ever disagree (a
database changed behind the application's back), the report falls back to the full
computation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, case, cast, exists, func, or_, select, union, union_all
from sqlalchemy.orm import Session

from app.persistence.orm import Customer, Product
from app.persistence.orm_reports import BREACHED, MISSED, ReportDay, ReportDayKey, ReportMonth
from app.persistence.report_month_keys import ReportMonthKey
from app.persistence.report_rollup_reads import (
    MEASURE_NAMES,
    Inconsistent,
    month_cover,
    percentiles,
    period_sums,
    split_days,
)
from app.persistence.report_rows import AgeCount, BreachRow, GroupTotals, KeyCount, MeasureTotals
from app.persistence.report_sql import (
    BACKLOG,
    RESOLUTION_WALL,
    F,
    I,
    T,
    age_bucket,
    joined,
    scoped,
)

Scan = Callable[[int | None, datetime, datetime], dict[str, GroupTotals]]


def _share(total: float, n: float) -> float | None:
    return float(total) / n if n else None


def rollup_totals(
    session: Session, start: datetime, end: datetime, scan: Scan
) -> dict[str, GroupTotals]:
    """All customers' figures; ``scan`` computes them from the tickets instead."""
    sums = period_sums(session, None, start, end)
    counts = {
        grp: {short: int(row[f"{short}_n"]) for short in MEASURE_NAMES} for grp, row in sums.items()
    }
    try:
        quantiles = percentiles(session, start, end, counts)
    except Inconsistent:
        return scan(None, start, end)
    result: dict[str, GroupTotals] = {}
    for grp, row in sums.items():
        measures = {}
        for short, name in MEASURE_NAMES.items():
            n = int(row[f"{short}_n"])
            q = quantiles.get(name, {}).get(grp, {})
            mean = float(row[f"{short}_sum"]) / n if n else None
            measures[name] = MeasureTotals(n, mean, q.get(50), q.get(90))
        result[grp] = GroupTotals(
            key=grp,
            tickets=int(row["opened"]),
            resolved=int(row["xw_n"]),
            closed=int(row["closed"]),
            measures=measures,
            response_met=_share(row["response_met_sum"], row["response_met_n"]),
            resolution_met=_share(row["resolution_met_sum"], row["resolution_met_n"]),
            sla_met=_share(row["sla_met_sum"], row["sla_met_n"]),
            sla_known=int(row["sla_met_n"]),
            reassignments=int(row["reassignments"]),
            reopenings=int(row["reopenings"]),
            reopened=int(row["reopened"]),
            logged_minutes=int(row["logged"]),
        )
    return result


# -- breakdowns, breaches, backlog -------------------------------------------------------


def rollup_counts(
    session: Session, start: datetime, end: datetime, by: str, key: Any
) -> list[KeyCount]:
    """All customers' tickets opened in the period per ``by`` (``key``: its column, as
    the scan groups by), in key order: whole months from ``report_month_keys``, the
    days of partial months from ``report_day_keys``, hours at the ends from the tickets."""
    parts = split_days(start, end)
    pieces = []
    if parts.days is not None:
        for model, column, (first, stop), sign in month_cover(*parts.days).reads(
            ReportDayKey, ReportMonthKey
        ):
            label = Product.code if by == "product" else model.key
            rolled = select(
                label.label("k"),
                (sign * func.sum(model.opened)).label("n"),
                (sign * func.sum(model.resolved)).label("r"),
            ).where(model.dimension == by, column >= first, column < stop)
            if by == "product":
                rolled = rolled.outerjoin(Product, cast(Product.id, String) == model.key)
            pieces.append(rolled.group_by(label))
    for since, until in parts.edges:
        raw = joined(
            select(key.label("k"), func.count().label("n"), func.count(RESOLUTION_WALL).label("r"))
        )
        if by == "product":
            raw = raw.outerjoin(Product, Product.id == T.product_id)
        pieces.append(scoped(raw, None, T.created_at, since, until).group_by(key))
    if not pieces:
        return []
    sub = (union_all(*pieces) if len(pieces) > 1 else pieces[0]).subquery()
    query = (
        select(sub.c.k, func.sum(sub.c.n), func.sum(sub.c.r))
        .group_by(sub.c.k)
        .having(func.sum(sub.c.n) > 0)
        .order_by(sub.c.k)
    )
    return [KeyCount(k, int(n), int(r)) for k, n, r in session.execute(query)]


def breaches(
    session: Session, customer_id: int | None, start: datetime, end: datetime, limit: int
) -> tuple[list[BreachRow], int]:
    """The scan's breach list (reports_repository.breaches_scan) through indexes: missed
    targets are counted by ``report_days.missed`` (whole days) and listed by
    ``ix_ticket_facts_missed``; breached open tickets (``ix_tickets_sla_state``) and
    imported tickets whose source says "not made" are few and counted apart."""
    in_period = (T.created_at >= start, T.created_at < end)
    breached = BREACHED
    not_made = I.made_sla.is_(False)
    missed_ids = select(F.ticket_id.label("id"), F.opened_at.label("at")).where(
        MISSED, F.opened_at >= start, F.opened_at < end
    )
    breached_ids = select(T.id.label("id"), T.created_at.label("at")).where(breached, *in_period)

    # Driven from imported_tickets (few rows), never from the period's tickets.
    def of_imported(*conditions: Any) -> Any:
        return exists(
            select(T.id).outerjoin(F, F.ticket_id == T.id).where(T.id == I.ticket_id, *conditions)
        )

    mine = () if customer_id is None else (T.customer_id == customer_id,)
    opened = select(T.created_at).where(T.id == I.ticket_id).scalar_subquery()
    imported_ids = select(I.ticket_id.label("id"), opened.label("at")).where(
        not_made, of_imported(*in_period, *mine)
    )
    extra_breached = (
        select(func.count())
        .select_from(T)
        .outerjoin(F, F.ticket_id == T.id)
        .where(breached, ~MISSED, *in_period)
    )
    extra_imported = (
        select(func.count())
        .select_from(I)
        .where(
            not_made,
            of_imported(~MISSED, or_(T.sla_state.is_(None), ~breached), *in_period, *mine),
        )
    )
    if customer_id is not None:
        missed_ids = missed_ids.where(F.customer_id == customer_id)
        breached_ids = breached_ids.where(T.customer_id == customer_id)
        extra_breached = extra_breached.where(T.customer_id == customer_id)
    total = _missed_count(session, customer_id, start, end)
    total += int(session.scalar(extra_breached) or 0) + int(session.scalar(extra_imported) or 0)
    # The first ``limit`` of each set in time order (each walks its index), then merged.
    firsts = [
        select(q.c.id, q.c.at)
        for q in (
            part.order_by("at", "id").limit(limit).subquery()
            for part in (missed_ids, breached_ids, imported_ids)
        )
    ]
    ids = union(*firsts).subquery("breach_ids")
    response = F.response_met.is_(False)
    resolution = or_(F.resolution_met.is_(False), breached)
    query = (
        joined(
            select(
                T.number,
                Customer.code,
                T.priority,
                T.subject,
                T.status,
                T.created_at,
                case((response, 1), else_=0),
                case((resolution, 1), else_=0),
                case((not_made, 1), else_=0),
            )
        )
        .join(Customer, Customer.id == T.customer_id)
        .join(ids, ids.c.id == T.id)
        .order_by(T.created_at, T.id)
        .limit(limit)
    )
    rows = [
        BreachRow(number, code, prio, subject, status, opened, bool(r1), bool(r2), bool(r3))
        for number, code, prio, subject, status, opened, r1, r2, r3 in session.execute(query)
    ]
    return rows, total


def _missed_count(session: Session, customer_id: int | None, start: datetime, end: datetime) -> int:
    parts = split_days(start, end)
    total = 0
    if parts.days is not None:
        for model, column, (first, stop), sign in month_cover(*parts.days).reads(
            ReportDay, ReportMonth
        ):
            query = select(func.sum(model.missed)).where(column >= first, column < stop)
            if customer_id is not None:
                query = query.where(model.customer_id == customer_id)
            total += sign * int(session.scalar(query) or 0)
    for since, until in parts.edges:
        raw = select(func.count()).where(MISSED, F.opened_at >= since, F.opened_at < until)
        if customer_id is not None:
            raw = raw.where(F.customer_id == customer_id)
        total += int(session.scalar(raw.select_from(F)) or 0)
    return total


def backlog(
    session: Session, customer_id: int | None, now: datetime, buckets: Sequence[tuple[str, int]]
) -> list[AgeCount]:
    """Open tickets waiting for us by priority and age: whole UTC days from the rollup's
    ``backlog``; the days an age boundary falls in, from the tickets."""
    bounds = [now - timedelta(days=days) for _, days in buckets[1:]]

    def age(at: datetime) -> str:
        for (label, _), bound in zip(buckets, bounds, strict=False):
            if at > bound:
                return label
        return buckets[-1][0]

    raw_days = sorted({_day(b) for b in bounds})
    out: dict[tuple[int, str], int] = {}
    r = ReportDay
    query = select(r.day, r.priority, func.sum(r.backlog)).where(r.backlog > 0)
    if customer_id is not None:
        query = query.where(r.customer_id == customer_id)
    for day, prio, n in session.execute(query.group_by(r.day, r.priority)):
        if day in raw_days or not n:
            continue
        key = (int(prio), age(_start(day)))
        out[key] = out.get(key, 0) + int(n)
    for d in raw_days:  # one range each, so each walks ix_tickets_created
        inner = select(T.priority, age_bucket(now, buckets).label("age")).where(
            T.created_at >= _start(d),
            T.created_at < _start(d) + timedelta(days=1),
            T.status.in_(BACKLOG),
        )
        if customer_id is not None:
            inner = inner.where(T.customer_id == customer_id)
        sub = inner.subquery()
        grouped = select(sub.c.priority, sub.c.age, func.count()).group_by(
            sub.c.priority, sub.c.age
        )
        for prio, label, n in session.execute(grouped):
            key = (int(prio), str(label))
            out[key] = out.get(key, 0) + int(n)
    return [AgeCount(p, a, n) for (p, a), n in out.items() if n]


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)
