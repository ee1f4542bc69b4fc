"""Time logged per person / per customer and the dashboard's weekly resolution trend,
from the rollups ``report_day_work`` and ``report_resolved_days`` (issue 19): whole UTC
days from the rollup, the partial days at the ends from the history / the tickets,
combined in one SQL aggregation so names group and order exactly as the scans did."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from app.persistence.orm import Customer, TicketEvent, User
from app.persistence.orm_reports import (
    ReportDayWork,
    ReportMonthCustomerWork,
    ReportMonthWork,
    ReportResolvedDay,
)
from app.persistence.report_rollup_reads import month_cover, split_days
from app.persistence.report_rows import Minutes, WeekTotals
from app.persistence.report_sql import SLA_MET, F, I, T


def _logged(
    customer_id: int | None, start: datetime, end: datetime, by_customer: bool
) -> list[Any]:
    """(actor or customer id, minutes) selects: rollup days plus raw edges. All
    customers: whole months from the month rollup of the key (person or customer);
    one customer: its days (``ix_report_day_work_customer``)."""
    parts = split_days(start, end)
    w, e = ReportDayWork, TicketEvent
    pieces: list[Any] = []
    if parts.days is not None:
        month: Any = ReportMonthCustomerWork if by_customer else ReportMonthWork
        if customer_id is None:
            reads = month_cover(*parts.days).reads(w, month)
        else:
            reads = [(w, w.day, parts.days, 1)]
        for model, column, (first, stop), sign in reads:
            key = model.customer_id if by_customer else model.actor_id
            rolled = select(key.label("k"), (sign * func.sum(model.minutes)).label("m")).where(
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
    rolled = (
        select(r.day, func.sum(r.resolved), func.sum(r.sla_met_n), func.sum(r.sla_met_sum))
        .where(r.day >= cut_days[0], r.day <= cut_days[-1])
        .group_by(r.day)
    )
    days: dict[Any, tuple[int, int, int]] = {}
    for day, n, known, met in session.execute(rolled):
        days[day] = (int(n or 0), int(known or 0), int(met or 0))
        if day not in cut_days:
            add(week_of(_start(day)), *days[day])
    # A day a boundary falls in is split there; its pieces are read from the tickets but
    # for the biggest, which is the day's rollup row less the others (today's biggest is
    # mostly the hours after now: nothing).
    pieces: list[tuple[datetime, datetime]] = []
    biggest: dict[Any, tuple[datetime, datetime]] = {}
    for d in cut_days:
        edges = sorted({_start(d), *(b for b in bounds if _day(b) == d), _start(d) + DAY})
        parts = list(pairwise(edges))
        biggest[d] = max(parts, key=lambda part: part[1] - part[0])
        pieces += [part for part in parts if part != biggest[d]]
    read = dict(zip(pieces, _resolved_in(session, pieces), strict=True))
    for d in cut_days:
        n, known, met = days.get(d, (0, 0, 0))
        for (a, _), (pn, pknown, pmet) in read.items():
            if _day(a) == d:
                add(week_of(a), pn, pknown, pmet)
                n, known, met = n - pn, known - pknown, met - pmet
        add(week_of(biggest[d][0]), n, known, met)
    return {
        week: WeekTotals(int(n), int(known), (met / known) if known else None)
        for week, (n, known, met) in totals.items()
    }


DAY = timedelta(days=1)


def _day(at: datetime) -> Any:
    return at.astimezone(UTC).date()


def _resolved_in(
    session: Session, ranges: Sequence[tuple[datetime, datetime]]
) -> list[tuple[int, int, int]]:
    """(resolved, with a known SLA outcome, met) of the tickets resolved in each range:
    one statement, counted in SQL over ``ix_ticket_facts_resolved`` (the facts' copy of
    the resolution time with the outcome: no ticket or facts row is read)."""
    if not ranges:
        return []
    parts = [
        select(
            literal(i).label("i"),
            func.count().label("n"),
            func.count(SLA_MET).label("known"),
            func.coalesce(func.sum(SLA_MET), 0).label("met"),
        )
        .select_from(F)
        .outerjoin(I, I.ticket_id == F.ticket_id)
        .where(F.ticket_resolved_at >= a, F.ticket_resolved_at < b)
        for i, (a, b) in enumerate(ranges)
    ]
    found = {int(i): (int(n), int(k), int(m)) for i, n, k, m in session.execute(union_all(*parts))}
    return [found.get(i, (0, 0, 0)) for i in range(len(ranges))]
