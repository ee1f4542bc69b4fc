"""The period report's per-priority figures (``GroupTotals``) from the rollups: sums and
counts from ``report_days``, percentiles from ``report_month_buckets`` plus the few
tickets of the buckets that hold them (:mod:`app.persistence.report_rollup_reads`).

All customers' figures; one customer's come from its own rows
(:mod:`app.persistence.report_customer`) and are shaped by :func:`group_totals` too. If
the histogram and the tickets ever disagree (a database changed behind the
application's back), the report falls back to the full computation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, case, cast, exists, func, literal, or_, select, union, union_all
from sqlalchemy.orm import Session

from app.persistence.orm import Customer, Product
from app.persistence.orm_reports import BREACHED, MISSED, ReportDay, ReportDayKey, ReportMonth
from app.persistence.report_month_keys import ReportMonthKey
from app.persistence.report_percentiles import percentiles
from app.persistence.report_rollup_reads import (
    MEASURE_NAMES,
    Inconsistent,
    in_period,
    month_cover,
    period_sums,
    split_days,
    summed_by_key,
)
from app.persistence.report_rows import AgeCount, BreachRow, GroupTotals, KeyCount, MeasureTotals
from app.persistence.report_sql import (
    BACKLOG,
    F,
    I,
    T,
    joined,
)

Scan = Callable[[int | None, datetime, datetime], dict[str, GroupTotals]]


def _share(total: float, n: float) -> float | None:
    return float(total) / n if n else None


def rollup_totals(
    session: Session, start: datetime, end: datetime, scan: Scan
) -> dict[str, GroupTotals]:
    """All customers' figures; ``scan`` computes them from the tickets instead."""
    sums = period_sums(session, start, end)
    counts = {
        grp: {short: int(row[f"{short}_n"]) for short in MEASURE_NAMES} for grp, row in sums.items()
    }
    try:
        quantiles = percentiles(session, start, end, counts)
    except Inconsistent:
        return scan(None, start, end)
    return group_totals(sums, quantiles)


def group_totals(
    sums: dict[str, dict[str, float]], quantiles: dict[str, dict[str, dict[int, float]]]
) -> dict[str, GroupTotals]:
    """The report's figures per group from the rollup sums (report_rollup_reads.SUMS)
    and the percentiles (measure -> group -> share -> value)."""
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
            ).where(model.dimension == by, *in_period(model, column, first, stop))
            if by == "product":
                rolled = rolled.outerjoin(Product, cast(Product.id, String) == model.key)
            pieces.append(rolled.group_by(label))
    return summed_by_key(session, pieces, parts.edges, customer_id=None, by=by, key=key)


def breaches(
    session: Session, start: datetime, end: datetime, limit: int
) -> tuple[list[BreachRow], int]:
    """All customers' breaches as the scan finds them (reports_repository.breaches_scan),
    through the rollups and indexes: the count is ``missed`` + ``breached`` of the
    rollups (whole days; the hours at the ends from the tickets) plus the imported
    tickets whose source says "not made" and that are neither (few, counted apart); the
    list walks ``ix_ticket_facts_missed``, ``ix_tickets_breached`` and the imported
    tickets in time order and keeps the first ``limit``."""
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

    opened = select(T.created_at).where(T.id == I.ticket_id).scalar_subquery()
    imported_ids = select(I.ticket_id.label("id"), opened.label("at")).where(
        not_made, of_imported(*in_period)
    )
    extra_imported = (
        select(func.count())
        .select_from(I)
        .where(not_made, of_imported(~MISSED, or_(T.sla_state.is_(None), ~breached), *in_period))
    )
    total = _breach_count(session, start, end) + int(session.scalar(extra_imported) or 0)
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


def _breach_count(session: Session, start: datetime, end: datetime) -> int:
    """Tickets opened in [start, end) that missed a target or are breached."""
    parts = split_days(start, end)
    total = 0
    if parts.days is not None:
        for model, column, (first, stop), sign in month_cover(*parts.days).reads(
            ReportDay, ReportMonth
        ):
            found = session.execute(
                select(func.sum(model.missed), func.sum(model.breached)).where(
                    *in_period(model, column, first, stop)
                )
            ).one()
            total += sign * (int(found[0] or 0) + int(found[1] or 0))
    for since, until in parts.edges:
        raw = (
            select(func.count())
            .select_from(T)
            .outerjoin(F, F.ticket_id == T.id)
            .where(or_(MISSED, BREACHED), T.created_at >= since, T.created_at < until)
        )
        total += int(session.scalar(raw) or 0)
    return total


def backlog(session: Session, now: datetime, buckets: Sequence[tuple[str, int]]) -> list[AgeCount]:
    """All customers' open tickets waiting for us by priority and age: the days before
    the month the oldest age boundary falls in from the month rows (all of the oldest
    bucket), the days after from the day rows (at most 16 shards × 4 priorities each).
    A day an age boundary falls in is split there: the smaller piece is counted from
    the tickets, the other is the day's rows less it."""
    bounds = [now - timedelta(days=days) for _, days in buckets[1:]]

    def age(at: datetime) -> str:
        for (label, _), bound in zip(buckets, bounds, strict=False):
            if at > bound:
                return label
        return buckets[-1][0]

    # The day of each boundary, and the labels either side of it (one boundary a day:
    # they are days apart).
    split = {_day(b): (b, buckets[k][0], buckets[k + 1][0]) for k, b in enumerate(bounds)}
    first = min(split).replace(day=1)
    out: dict[tuple[int, str], int] = {}

    def add(prio: Any, label: str, n: Any) -> None:
        if n:
            key = (int(prio), label)
            out[key] = out.get(key, 0) + int(n)

    m, r = ReportMonth, ReportDay
    oldest = session.scalar(select(func.min(m.month)))  # the primary key's first entry
    if oldest is not None and oldest < first:
        older = (
            select(m.priority, func.sum(m.backlog))
            .where(*in_period(m, m.month, oldest, first), m.backlog > 0)
            .group_by(m.priority)
        )
        for prio, n in session.execute(older):
            add(prio, buckets[-1][0], n)
    recent = (
        select(r.day, r.priority, func.sum(r.backlog))
        .where(r.day >= first, r.backlog > 0)  # ix_report_days_backlog
        .group_by(r.day, r.priority)
    )
    whole: dict[date, dict[int, int]] = {}
    for day, prio, n in session.execute(recent):
        if day in split:
            whole.setdefault(day, {})[int(prio)] = int(n or 0)
        else:
            add(prio, age(_start(day)), n)
    pieces = []
    for i, (d, (bound, _, _)) in enumerate(sorted(split.items())):
        start, stop = _start(d), _start(d) + timedelta(days=1)
        # Opened after the boundary: the younger label; up to it: the older.
        after = stop - bound < bound - start
        piece = (T.created_at > bound, T.created_at < stop) if after else (
            T.created_at >= start, T.created_at <= bound)  # fmt: skip
        pieces.append(
            select(literal(i).label("i"), T.priority, func.count().label("n"))
            .where(*piece, T.status.in_(BACKLOG))
            .group_by(T.priority)
        )
    counted: dict[int, dict[int, int]] = {}
    for i, prio, n in session.execute(union_all(*pieces)):
        counted.setdefault(int(i), {})[int(prio)] = int(n)
    for i, (d, (bound, young, old)) in enumerate(sorted(split.items())):
        start, stop = _start(d), _start(d) + timedelta(days=1)
        after = stop - bound < bound - start
        read, rest = (young, old) if after else (old, young)
        day_rows, piece_rows = whole.get(d, {}), counted.get(i, {})
        for prio in set(day_rows) | set(piece_rows):
            add(prio, read, piece_rows.get(prio, 0))
            add(prio, rest, day_rows.get(prio, 0) - piece_rows.get(prio, 0))
    return [AgeCount(p, a, n) for (p, a), n in out.items() if n]


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)
