"""The period report's figures from the rollups (issue 19).

A period is ``[since, until)`` in UTC instants (local midnights of the report's time
zone). The whole UTC days (months, for the histograms) inside it are read from the
rollups; the partial days at either end — hours, when the zone is not UTC — from the
tickets themselves with the report's own expressions. Sums and counts add up exactly;
a percentile is found by counting the histogram up to its rank and reading only the
tickets of that bucket (:func:`percentiles`), so the figures equal the ones a scan of
every ticket gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select, union_all
from sqlalchemy.orm import Session

from app.persistence.orm import Product
from app.persistence.orm_reports import ReportDay, ReportMonth
from app.persistence.report_rows import KeyCount
from app.persistence.report_sql import (
    RESOLUTION_WALL,
    F,
    T,
    joined,
    minutes_between,
    period_tickets,
    scoped,
)

Range = tuple[datetime, datetime]
SUMS = ("opened", "closed", "rw_n", "rw_sum", "rb_n", "rb_sum", "xw_n", "xw_sum", "xb_n",
        "xb_sum", "response_met_n", "response_met_sum", "resolution_met_n",
        "resolution_met_sum", "sla_met_n", "sla_met_sum", "reassignments", "reopenings",
        "reopened", "logged")  # fmt: skip
# The report's measure names (report_sql.MEASURES) by the rollups' short names.
MEASURE_NAMES = {
    "rw": "response_wall",
    "rb": "response_business",
    "xw": "resolution_wall",
    "xb": "resolution_business",
}
# The value a percentile reports, as report_sql.MEASURES computes it.
EXACT: dict[str, Any] = {
    "rw": F.response_wall_minutes,
    "rb": F.response_business_minutes,
    "xw": minutes_between(F.opened_at, F.resolved_at),
    "xb": F.resolution_business_minutes,
}


# The whole-minute columns the buckets count (DURATIONS without the CASE of "xw"; the
# candidates add that condition): what the duration indexes are ordered by.
DURATION_COLUMNS: dict[str, Any] = {
    "rw": F.response_wall_minutes,
    "rb": F.response_business_minutes,
    "xw": F.resolution_wall_minutes,
    "xb": F.resolution_business_minutes,
}


class Inconsistent(Exception):
    """The histogram and the tickets disagree: the caller falls back to a full scan."""


@dataclass(frozen=True, slots=True)
class Split:
    days: tuple[date, date] | None  # whole UTC days [first, end) read from the rollups
    edges: tuple[Range, ...]  # the rest, read from the tickets


def raw_connection(session: Session) -> Any:
    """The session's connection: thousands of plain rows come back without the ORM's
    row processing (a third of the histogram's time at a million tickets)."""
    return session.connection()


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def split_days(since: datetime, until: datetime) -> Split:
    first = since.astimezone(UTC).date()
    if midnight(first) < since:
        first += timedelta(days=1)
    end = until.astimezone(UTC).date()
    if end <= first:
        return Split(None, ((since, until),))
    edges = [(since, midnight(first)), (midnight(end), until)]
    return Split((first, end), tuple((a, b) for a, b in edges if a < b))


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_months(since: datetime, until: datetime) -> Split:
    first = since.astimezone(UTC).date().replace(day=1)
    if midnight(first) < since:
        first = next_month(first)
    end = until.astimezone(UTC).date().replace(day=1)
    if end <= first:
        return Split(None, ((since, until),))
    edges = [(since, midnight(first)), (midnight(end), until)]
    return Split((first, end), tuple((a, b) for a, b in edges if a < b))


@dataclass(frozen=True, slots=True)
class Cover:
    """Whole days [first, end) as month rows plus and minus day rows: ``months`` is the
    range of months read whole, ``plus`` the day ranges added, ``minus`` the day ranges
    of those months that lie outside the days (taken out)."""

    months: tuple[date, date] | None
    plus: tuple[tuple[date, date], ...]
    minus: tuple[tuple[date, date], ...]

    def reads(self, day: Any, month: Any) -> list[tuple[Any, Any, tuple[date, date], int]]:
        """(model, its period column, range, sign) for the day model ``day`` and the
        month model ``month``: what to add up, and with which sign."""
        out = [(day, day.day, r, 1) for r in self.plus]
        out += [(day, day.day, r, -1) for r in self.minus]
        if self.months is not None:
            out.append((month, month.month, self.months, 1))
        return out


def month_cover(first: date, end: date) -> Cover:
    """How to add up the days [first, end) from month and day rows reading the fewest
    days: a partial month at either end is read as its days inside the range, or — when
    fewer of its days lie outside (the current month of a period that ends today:
    outside are only future days, which have no rows) — as the whole month less them."""
    kept: list[date] = []
    plus: list[tuple[date, date]] = []
    minus: list[tuple[date, date]] = []
    month = first.replace(day=1)
    while month < end:
        following = next_month(month)
        lo, hi = max(first, month), min(end, following)
        outside = [(a, b) for a, b in ((month, lo), (hi, following)) if a < b]
        if sum((b - a).days for a, b in outside) < (hi - lo).days:
            kept.append(month)
            minus += outside
        else:
            plus.append((lo, hi))
        month = following
    months = (kept[0], next_month(kept[-1])) if kept else None
    return Cover(months, tuple(plus), tuple(minus))


def months_of(first: date, end: date) -> list[date]:
    """The first days of the months in [first, end) (both first days of months)."""
    out = []
    while first < end:
        out.append(first)
        first = next_month(first)
    return out


def in_period(model: Any, column: Any, first: date, end: date, own: int | None = None) -> list[Any]:
    """The conditions that read the rows of ``model`` in [first, end) of ``column`` (its
    day or month). ``report_months`` holds the shards' rows and the customers' own
    (negative shards, orm_reports.own_shard): the shards' (``own`` None) or one
    customer's (``own``: its shard) are found by month, one index seek per month (a
    range of months would walk every customer's own rows too)."""
    if model.__table__.name == "report_months":
        shard = model.__table__.c.shard
        which = shard >= 0 if own is None else shard == own
        return [column.in_(months_of(first, end)), which]
    return [column >= first, column < end]


# -- sums and counts ----------------------------------------------------------------------


def period_sums(session: Session, since: datetime, until: datetime) -> dict[str, dict[str, float]]:
    """All customers' rollup sums (SUMS) per priority ("1" … "4") and over all ("all")."""
    parts = split_days(since, until)
    groups: dict[str, dict[str, float]] = {}

    def add(key: str, row: dict[str, Any]) -> None:
        into = groups.setdefault(key, dict.fromkeys(SUMS, 0))
        for name in SUMS:
            into[name] += row[name] or 0

    if parts.days is not None:
        for model, column, (first, end), sign in month_cover(*parts.days).reads(
            ReportDay, ReportMonth
        ):
            table = model.__table__
            query = select(table.c.priority, *[func.sum(table.c[n]).label(n) for n in SUMS]).where(
                *in_period(model, column, first, end)
            )
            for rolled in session.execute(query.group_by(table.c.priority)).mappings():
                add(str(rolled["priority"]), {n: sign * (rolled[n] or 0) for n in SUMS})
    for start, end in parts.edges:
        for key, edge in edge_sums(session, None, start, end):
            add(key, edge)
    return with_all(groups)


def with_all(groups: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``groups`` (sums per priority) without the empty ones, plus their total "all"."""
    everything = dict.fromkeys(SUMS, 0.0)
    for key in list(groups):
        if groups[key]["opened"] == 0:
            del groups[key]  # rows whose tickets all moved away
            continue
        for name in SUMS:
            everything[name] += groups[key][name]
    groups["all"] = everything
    return groups


def edge_sums(
    session: Session, customer_id: int | None, start: datetime, end: datetime
) -> Iterator[tuple[str, dict[str, Any]]]:
    base = period_tickets(customer_id, start, end)
    columns = [
        func.count().label("opened"),
        func.coalesce(func.sum(base.c.closed), 0).label("closed"),
    ]
    for short, name in MEASURE_NAMES.items():
        columns.append(func.count(base.c[name]).label(f"{short}_n"))
        columns.append(func.sum(base.c[name]).label(f"{short}_sum"))
    for name in ("response_met", "resolution_met", "sla_met"):
        columns.append(func.count(base.c[name]).label(f"{name}_n"))
        columns.append(func.sum(base.c[name]).label(f"{name}_sum"))
    columns += [
        func.sum(base.c.reassignments).label("reassignments"),
        func.sum(base.c.reopenings).label("reopenings"),
        func.sum(case((base.c.reopenings > 0, 1), else_=0)).label("reopened"),
        func.sum(base.c.logged).label("logged"),
    ]
    query = select(base.c.priority, *columns).group_by(base.c.priority)
    for row in session.execute(query).mappings():
        yield str(row["priority"]), dict(row)


def summed_by_key(
    session: Session,
    rolled: Sequence[Any],
    edges: Sequence[tuple[datetime, datetime]],
    *,
    customer_id: int | None,
    by: str,
    key: Any,
) -> list[KeyCount]:
    """A breakdown's ``rolled`` pieces (key ``k``, opened ``n``, resolved ``r``) with the
    hours at the period's ends (``edges``) counted from the tickets, summed per key, in
    key order: all customers' (``customer_id`` None) or one customer's."""
    # Typed: union_all over a list of Any crashes mypy 2.4 (an unpacked TypeVarTuple).
    pieces: list[Select[Any]] = list(rolled)
    for since, until in edges:
        raw = joined(
            select(key.label("k"), func.count().label("n"), func.count(RESOLUTION_WALL).label("r"))
        )
        if by == "product":
            raw = raw.outerjoin(Product, Product.id == T.product_id)
        pieces.append(scoped(raw, customer_id, T.created_at, since, until).group_by(key))
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
