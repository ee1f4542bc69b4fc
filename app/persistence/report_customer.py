"""One customer's period report from its own rollup rows (issue 19, item 6; migration
0028).

All customers' figures are read from the shards' rows; one customer's would have to
read its tickets (a year of the biggest customer at a million tickets: ~72,000 tickets,
4.7-6.3 s). Here:

* sums, counts and the breach count come from the customer's own rows of
  ``report_months`` (shard ``-customer_id``, orm_reports.own_shard): whole UTC months,
  12 rows per priority for a year; a partial month at either end is read from its
  tickets (``ix_tickets_customer_created``) or, when the part of it outside the period
  is the smaller, as the whole month less that part;
* the breakdowns from its days of ``report_day_keys`` (per customer already);
* the medians and 90th percentiles from one range of ``ix_ticket_facts_customer_opened``
  (report_indexes): the period's durations, ranked in Python exactly as each engine ranks
  them (report_percentiles.rank_position), so the figures equal the scan's;
* the breach list walks the customer's tickets in time order and stops at the limit.

If the rollup counts and the durations read disagree (a database changed behind the
application's back), :class:`Inconsistent` makes the caller fall back to the scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Float, String, bindparam, cast, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from app.persistence.orm import Product
from app.persistence.orm_reports import BREACHED, MISSED, ReportDayKey, ReportMonth, own_shard
from app.persistence.report_percentiles import rank_position
from app.persistence.report_rollup_reads import (
    EXACT,
    MEASURE_NAMES,
    SUMS,
    Inconsistent,
    edge_sums,
    midnight,
    next_month,
    raw_connection,
    split_days,
    split_months,
    summed_by_key,
    with_all,
)
from app.persistence.report_rows import KeyCount
from app.persistence.report_sql import F, I, T


@dataclass(frozen=True, slots=True)
class CustomerCover:
    """A period as whole UTC months of the customer's own rows, plus (sign 1) or less
    (sign -1) ranges of instants read from its tickets."""

    months: tuple[date, ...]
    pieces: tuple[tuple[datetime, datetime, int], ...]


def customer_cover(since: datetime, until: datetime) -> CustomerCover:
    parts = split_months(since, until)
    months: list[date] = []
    if parts.days is not None:
        first, end = parts.days
        while first < end:
            months.append(first)
            first = next_month(first)
    pieces: list[tuple[datetime, datetime, int]] = []
    for start, end in parts.edges:
        first = start.astimezone(UTC).date().replace(day=1)
        month_start, month_end = midnight(first), midnight(next_month(first))
        outside = [(a, b) for a, b in ((month_start, start), (end, month_end)) if a < b]
        # The current month of a period that ends today: outside are future days (no
        # tickets); a year in a zone east of UTC: two hours of the last month.
        if end <= month_end and sum((b - a for a, b in outside), timedelta()) < end - start:
            months.append(first)
            pieces += [(a, b, -1) for a, b in outside]
        else:
            pieces.append((start, end, 1))
    return CustomerCover(tuple(sorted(months)), tuple(pieces))


def _own_months(model: Any, customer_id: int, months: tuple[date, ...]) -> list[Any]:
    """The customer's own rows of ``months``: one primary-key seek per month."""
    return [model.month.in_(list(months)), model.shard == own_shard(customer_id)]


# -- sums and percentiles -------------------------------------------------------------------


def customer_sums(
    session: Session, customer_id: int, cover: CustomerCover
) -> dict[str, dict[str, float]]:
    """The customer's rollup sums (report_rollup_reads.SUMS) per priority and "all"."""
    groups: dict[str, dict[str, float]] = {}

    def add(key: str, row: Any, sign: int) -> None:
        into = groups.setdefault(key, dict.fromkeys(SUMS, 0))
        for name in SUMS:
            into[name] += sign * (row[name] or 0)

    if cover.months:
        m = ReportMonth
        query = (
            select(m.priority, *[func.sum(m.__table__.c[n]).label(n) for n in SUMS])
            .where(*_own_months(m, customer_id, cover.months))
            .group_by(m.priority)
        )
        for row in session.execute(query).mappings():
            add(str(row["priority"]), row, 1)
    for start, end, sign in cover.pieces:
        for key, edge in edge_sums(session, customer_id, start, end):
            add(key, edge, sign)
    return with_all(groups)


def customer_percentiles(
    session: Session,
    customer_id: int,
    since: datetime,
    until: datetime,
    counts: dict[str, dict[str, int]],
) -> dict[str, dict[str, dict[int, float]]]:
    """Medians and 90th percentiles per measure (report name), group and share, of the
    customer's tickets opened in [since, until): their durations read from the covering
    index ``ix_ticket_facts_customer_opened``, sorted and picked as each engine's
    percentile picks them. ``counts`` (group -> short measure -> values) must match."""
    shorts = list(MEASURE_NAMES)
    where = (F.customer_id == customer_id, F.opened_at >= since, F.opened_at < until)
    if session.get_bind().dialect.name == "postgresql":
        return _percentile_cont(session, where, counts)
    rows = _sqlite_rows(session, customer_id, since, until)  # by priority
    prios, *columns = zip(*rows, strict=True) if rows else ((), *([()] * len(shorts)))
    slices: dict[str, tuple[int, int]] = {}
    for i, prio in enumerate(prios):
        start, _ = slices.get(str(prio), (i, i))
        slices[str(prio)] = (start, i + 1)
    result: dict[str, dict[str, dict[int, float]]] = {}
    for short, column in zip(shorts, columns, strict=True):
        # Column by column and priority by priority: a loop per ticket and measure in
        # Python cost twice the read at 72,000 tickets.
        values: dict[str, list[float]] = {}
        for grp, (a, b) in slices.items():
            values[grp] = sorted(v for v in column[a:b] if v is not None)
        # Sorted runs: the sort of all of them merges them.
        values["all"] = sorted(v for run in values.values() for v in run)
        for grp, per_measure in counts.items():
            mine = values.get(grp, [])
            if len(mine) != per_measure.get(short, 0):
                raise Inconsistent(f"{short} {grp}: {len(mine)} != {per_measure.get(short)}")
            if mine:
                result.setdefault(MEASURE_NAMES[short], {})[grp] = _picked(mine)
    return result


def _sqlite_statement() -> Any:
    start: Any = bindparam("start", type_=F.opened_at.type)
    end: Any = bindparam("end", type_=F.opened_at.type)
    # Ordered by priority: each priority's rows come as one slice.
    return (
        select(F.priority, *[cast(EXACT[s], Float) for s in MEASURE_NAMES])
        .where(F.customer_id == bindparam("customer_id"), F.opened_at >= start, F.opened_at < end)
        .order_by(F.priority)
    )


_SQLITE_DURATIONS = _sqlite_statement()


def _sqlite_rows(session: Session, customer_id: int, since: datetime, until: datetime) -> Any:
    """The period's (priority, four durations) as the driver's plain tuples: building
    72,000 result rows cost twice the read itself (240 against 85 ms of CPU)."""
    params = {"customer_id": customer_id, "start": since, "end": until}
    result = raw_connection(session).execute(_SQLITE_DURATIONS, params)
    return result.cursor.fetchall() if result.cursor is not None else []


def _picked(values: list[float]) -> dict[int, float]:
    """SQLite's percentiles of sorted ``values`` as report_sql._ranked interpolates
    them (the fraction in hundredths, by integer division)."""
    n = len(values)
    out = {}
    for q in (50, 90):
        first, proportion = rank_position(q, n, postgres=False)
        low = values[first]
        high = values[first + 1] if first + 1 < n else low
        out[q] = low + (high - low) * proportion / 100
    return out


def _percentile_cont(
    session: Session, where: tuple[Any, ...], counts: dict[str, dict[str, int]]
) -> dict[str, dict[str, dict[int, float]]]:
    """PostgreSQL: ``percentile_cont`` over the same float values as the scan's
    (report_sql.percentiles), per priority and over all in one statement (GROUPING
    SETS): the server sorts the index range's values, ~72,000 for the biggest
    customer's year, instead of sending them (the client's rows cost 3x the sort)."""
    shorts = list(MEASURE_NAMES)
    columns = []
    for short in shorts:
        value = cast(EXACT[short], Float)
        columns.append(func.count(value).label(f"{short}_n"))
        for q in (50, 90):
            columns.append(func.percentile_cont(q / 100).within_group(value).label(f"{short}_{q}"))
    total = func.grouping(F.priority).label("total")
    query = (
        select(F.priority, total, *columns)
        .where(*where)
        .group_by(func.grouping_sets(tuple_(F.priority), tuple_()))
    )
    result: dict[str, dict[str, dict[int, float]]] = {}
    seen: set[str] = set()
    for row in session.execute(query).mappings():
        grp = "all" if row["total"] else str(row["priority"])
        seen.add(grp)
        for short in shorts:
            n = int(row[f"{short}_n"])
            if n != counts.get(grp, {}).get(short, 0):
                raise Inconsistent(f"{short} {grp}: {n} != {counts.get(grp, {}).get(short)}")
            if n:
                result.setdefault(MEASURE_NAMES[short], {})[grp] = {
                    q: float(row[f"{short}_{q}"]) for q in (50, 90)
                }
    if set(counts) - seen - {"all"}:
        raise Inconsistent(f"groups {sorted(set(counts) - seen)} have no durations")
    return result


def customer_totals(
    session: Session, customer_id: int, since: datetime, until: datetime
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, dict[int, float]]]]:
    """The sums and the percentiles of the customer's period (Inconsistent: scan)."""
    sums = customer_sums(session, customer_id, customer_cover(since, until))
    counts = {
        grp: {short: int(row[f"{short}_n"]) for short in MEASURE_NAMES} for grp, row in sums.items()
    }
    return sums, customer_percentiles(session, customer_id, since, until, counts)


# -- breakdowns and the breach count ------------------------------------------------------


def customer_counts(
    session: Session, customer_id: int, period: tuple[datetime, datetime], by: str, key: Any
) -> list[KeyCount]:
    """The customer's tickets opened in the period per ``by`` (``key``: its column, as
    the scan groups by), in key order: its whole UTC days of ``report_day_keys`` (per
    day × customer already: the days named, one key seek each — a year of the biggest
    customer is ~8,000 rows), the hours at the ends from its tickets."""
    parts = split_days(*period)
    pieces = []
    if parts.days is not None:
        k = ReportDayKey
        first, end = parts.days
        days = [first + timedelta(days=i) for i in range((end - first).days)]
        label = Product.code if by == "product" else k.key
        rolled = select(
            label.label("k"), func.sum(k.opened).label("n"), func.sum(k.resolved).label("r")
        ).where(k.day.in_(days), k.customer_id == customer_id, k.dimension == by)
        if by == "product":
            rolled = rolled.outerjoin(Product, cast(Product.id, String) == k.key)
        pieces.append(rolled.group_by(label))
    return summed_by_key(session, pieces, parts.edges, customer_id=customer_id, by=by, key=key)


def customer_breach_count(
    session: Session, customer_id: int, since: datetime, until: datetime
) -> int:
    """The customer's tickets opened in the period that missed a target or are breached
    (own rows' ``missed`` + ``breached``, pieces from its tickets), plus its imported
    tickets whose source says "not made" and that are neither (few): the scan's count."""
    cover = customer_cover(since, until)
    total = 0
    if cover.months:
        m = ReportMonth
        found = session.execute(
            select(func.sum(m.missed), func.sum(m.breached)).where(
                *_own_months(m, customer_id, cover.months)
            )
        ).one()
        total += int(found[0] or 0) + int(found[1] or 0)
    for start, end, sign in cover.pieces:
        raw = (
            select(func.count())
            .select_from(T)
            .outerjoin(F, F.ticket_id == T.id)
            .where(or_(MISSED, BREACHED), T.customer_id == customer_id)
            .where(T.created_at >= start, T.created_at < end)
        )
        total += sign * int(session.scalar(raw) or 0)
    # Driven from imported_tickets (few rows), never from the period's tickets.
    neither = exists(
        select(T.id)
        .outerjoin(F, F.ticket_id == T.id)
        .where(
            T.id == I.ticket_id,
            T.customer_id == customer_id,
            T.created_at >= since,
            T.created_at < until,
            ~MISSED,
            or_(T.sla_state.is_(None), ~BREACHED),
        )
    )
    extra = select(func.count()).select_from(I).where(I.made_sla.is_(False), neither)
    return total + int(session.scalar(extra) or 0)
