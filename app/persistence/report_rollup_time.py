"""Time logged per person / per customer and the dashboard's weekly resolution trend,
from the rollups ``report_day_work`` and ``report_resolved_days`` (issue 19): whole UTC
days from the rollup, the partial days at the ends from the history / the tickets,
combined in one SQL aggregation so names group and order exactly as the scans did."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Float, and_, cast, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from app.persistence.orm import Customer, TicketEvent, User
from app.persistence.orm_reports import ReportDayWork, ReportMonthWork, ReportResolvedDay
from app.persistence.report_rollup_reads import months_within, split_days
from app.persistence.report_rows import Minutes, WeekTotals
from app.persistence.report_sql import SLA_MET, T, joined


def _logged(
    customer_id: int | None, start: datetime, end: datetime, by_customer: bool
) -> list[Any]:
    """(actor or customer id, minutes) selects: rollup days plus raw edges."""
    parts = split_days(start, end)
    w, e = ReportDayWork, TicketEvent
    pieces: list[Any] = []
    if parts.days is not None:
        months, day_ranges = months_within(*parts.days)
        reads: list[tuple[Any, Any, tuple[date, date]]] = [(w, w.day, r) for r in day_ranges]
        if months is not None:
            reads.append((ReportMonthWork, ReportMonthWork.month, months))
        for model, column, (first, stop) in reads:
            key = model.customer_id if by_customer else model.actor_id
            rolled = select(key.label("k"), func.sum(model.minutes).label("m")).where(
                column >= first, column < stop
            )
            if customer_id is not None:
                rolled = rolled.where(model.customer_id == customer_id)
            pieces.append(rolled.group_by(key))
    for since, until in parts.edges:
        key = T.customer_id if by_customer else e.actor_id
        raw = (
            select(key.label("k"), func.sum(e.minutes).label("m"))
            .join(T, T.id == e.ticket_id)
            .where(e.minutes > 0, e.occurred_at >= since, e.occurred_at < until)
        )
        if customer_id is not None:
            # "+ 0": keep the planner on the event-time index for these few hours; the
            # customer's index would read every event of a big customer's tickets.
            raw = raw.where(T.customer_id + 0 == customer_id)
        pieces.append(raw.group_by(key))
    return pieces


def _combined(pieces: list[Any]) -> Any:
    if len(pieces) == 1:
        return pieces[0].subquery()
    return union_all(*pieces).subquery()


def time_by_person(
    session: Session, customer_id: int | None, start: datetime, end: datetime
) -> list[Minutes]:
    sub = _combined(_logged(customer_id, start, end, by_customer=False))
    who = aliased(User)
    name = func.coalesce(func.nullif(who.full_name, ""), who.username)
    query = (
        select(name, func.sum(sub.c.m))
        .join(who, who.id == sub.c.k)
        .group_by(name)
        .having(func.sum(sub.c.m) > 0)
        .order_by(func.sum(sub.c.m).desc(), name)
    )
    return [Minutes(str(n), int(m)) for n, m in session.execute(query)]


def time_by_customer(
    session: Session, customer_id: int | None, start: datetime, end: datetime
) -> list[Minutes]:
    sub = _combined(_logged(customer_id, start, end, by_customer=True))
    query = (
        select(Customer.code, func.sum(sub.c.m))
        .join(Customer, Customer.id == sub.c.k)
        .group_by(Customer.code)
        .having(func.sum(sub.c.m) > 0)
        .order_by(func.sum(sub.c.m).desc(), Customer.code)
    )
    return [Minutes(str(c), int(m)) for c, m in session.execute(query)]


def _start(day: Any) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def resolutions_by_week(
    session: Session, starts: Sequence[datetime], now: datetime
) -> dict[int, WeekTotals]:
    """ReportRepository.resolutions_by_week from ``report_resolved_days``: the days a
    week boundary (or ``now``) falls in are read from the tickets."""
    bounds = [*starts, now]
    cut_days = sorted({b.astimezone(UTC).date() for b in bounds})
    totals: dict[int, list[float]] = {}

    def week_of(at: datetime) -> int | None:
        if not starts[0] <= at < now:
            return None
        index = 0
        for i, start in enumerate(starts):
            if at >= start:
                index = i
        return index

    def add(week: int | None, n: int, known: int, met: float) -> None:
        if week is not None and n:
            row = totals.setdefault(week, [0, 0, 0.0])
            row[0], row[1], row[2] = row[0] + n, row[1] + known, row[2] + met

    r = ReportResolvedDay
    first, last = cut_days[0], cut_days[-1]
    rolled = (
        select(r.day, func.sum(r.resolved), func.sum(r.sla_met_n), func.sum(r.sla_met_sum))
        .where(r.day > first, r.day < last)
        .group_by(r.day)
    )
    for day, n, known, met in session.execute(rolled):
        if day not in cut_days:
            add(week_of(_start(day)), int(n or 0), int(known or 0), float(met or 0))
    ranges = [(_start(d), _start(d) + timedelta(days=1)) for d in cut_days]
    raw = joined(select(T.resolved_at, cast(SLA_MET, Float))).where(
        or_(*[and_(T.resolved_at >= a, T.resolved_at < b) for a, b in ranges])
    )
    for at, met in session.execute(raw):
        add(week_of(at), 1, 0 if met is None else 1, float(met or 0))
    return {
        week: WeekTotals(int(n), int(known), (met / known) if known else None)
        for week, (n, known, met) in totals.items()
    }
