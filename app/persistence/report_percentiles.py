"""Medians and 90th percentiles of a period's tickets without reading them all (issue 19).

The rollups keep, per month, a histogram of every measure's values in buckets; a
percentile's rank is found by counting that histogram (plus the period's partial days,
read from the tickets), and only the tickets of the one bucket it lies in are read and
ranked. The result equals the percentile a scan of every ticket gives, with each
engine's own interpolation (PostgreSQL's ``percentile_cont``, SQLite's extension's).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from math import floor
from typing import Any

from sqlalchemy import Float, and_, bindparam, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.persistence.orm_reports import ReportMonthBucket
from app.persistence.report_rollup_reads import (
    DURATION_COLUMNS,
    EXACT,
    MEASURE_NAMES,
    Inconsistent,
    midnight,
    next_month,
    raw_connection,
    split_months,
)
from app.persistence.report_rollup_sql import DURATIONS, bucket_sql, bucket_start
from app.persistence.report_sql import F

# -- percentiles --------------------------------------------------------------------------


Plan = dict[tuple[str, str], list[tuple[int, int, float]]]  # (measure, grp) -> (q, rank, frac)
Wanted = dict[str, dict[str, list[tuple[int, int]]]]  # measure -> grp -> (bucket, rank)


def percentiles(
    session: Session, since: datetime, until: datetime, counts: dict[str, dict[str, int]]
) -> dict[str, dict[str, dict[int, float]]]:
    """Medians and 90th percentiles of every measure over all customers' tickets opened
    in ``[since, until)``: per measure (report name), group ("1" … "all"), share.
    ``counts`` are the rollup's counts per group and measure (short name), which the
    histogram must match; else :class:`Inconsistent`."""
    hist = _histogram(session, since, until)
    postgres = session.get_bind().dialect.name == "postgresql"
    plans, wanted = _plan(hist, counts, postgres)
    result: dict[str, dict[str, dict[int, float]]] = {}
    wanted_buckets = {
        short: sorted({b for pairs in per_group.values() for b, _ in pairs})
        for short, per_group in wanted.items()
    }
    found = _candidates(session, since, until, wanted_buckets)
    for short, per_group in wanted.items():
        at = _values_at(short, hist, per_group, found[short])
        for grp in per_group:
            for q, first, proportion in plans[(short, grp)]:
                low = at[(grp, first)]
                high = at.get((grp, first + 1), low)
                if postgres:
                    value = low + (high - low) * proportion if proportion else low
                else:
                    value = low + (high - low) * proportion / 100
                result.setdefault(MEASURE_NAMES[short], {}).setdefault(grp, {})[q] = value
    return result


def _plan(
    hist: dict[tuple[str, str], dict[int, int]], counts: dict[str, dict[str, int]], postgres: bool
) -> tuple[Plan, Wanted]:
    """Which ranks each percentile needs, and the bucket each of them lies in."""
    plans: Plan = {}
    wanted: Wanted = {}
    for short in MEASURE_NAMES:
        for grp, per_measure in counts.items():
            n = per_measure.get(short, 0)
            mine = hist.get((grp, short), {})
            if sum(mine.values()) != n:
                raise Inconsistent(f"{short} {grp}: {sum(mine.values())} != {n}")
            for q in (50, 90) if n else ():
                first, proportion = rank_position(q, n, postgres)
                plans.setdefault((short, grp), []).append((q, first, proportion))
                ranks = [first] + ([first + 1] if proportion and first + 1 < n else [])
                pairs = wanted.setdefault(short, {}).setdefault(grp, [])
                pairs.extend((_bucket_of(mine, rank), rank) for rank in ranks)
    return plans, wanted


def _values_at(
    short: str,
    hist: dict[tuple[str, str], dict[int, int]],
    per_group: dict[str, list[tuple[int, int]]],
    values: dict[int, list[tuple[int, float, int]]],
) -> dict[tuple[str, int], float]:
    """The value at each wanted rank: order the tickets of its bucket (``values``:
    bucket -> (priority, exact value, how many tickets have it)) and count on from the
    buckets below."""
    at: dict[tuple[str, int], float] = {}
    ordered: dict[tuple[str, int], list[tuple[float, int]]] = {}
    for grp, pairs in per_group.items():
        mine = hist[(grp, short)]
        for b, rank in pairs:
            below = sum(n for k, n in mine.items() if k < b)
            found = ordered.get((grp, b))
            if found is None:
                here = values.get(b, [])
                found = sorted((v, n) for p, v, n in here if grp == "all" or str(p) == grp)
                ordered[(grp, b)] = found
            if sum(n for _, n in found) != mine[b]:
                raise Inconsistent(f"{short} {grp} bucket {b}: {len(found)} != {mine[b]}")
            seen = rank - below
            for value, n in found:
                if seen < n:
                    at[(grp, rank)] = value
                    break
                seen -= n
    return at


def rank_position(q: int, n: int, postgres: bool) -> tuple[int, float]:
    """The 0-based rank and the fraction towards the next, as each engine's existing
    computation does (report_sql.percentiles): PostgreSQL's percentile_cont in floats,
    SQLite's integer division (the fraction in hundredths)."""
    if postgres:
        pos = (q / 100) * (n - 1)
        first = floor(pos)
        return first, pos - first
    first, frac = divmod(q * (n - 1), 100)
    return first, float(frac)


def _bucket_of(hist: dict[int, int], rank: int) -> int:
    seen = 0
    for b in sorted(hist):
        seen += hist[b]
        if rank < seen:
            return b
    raise Inconsistent(f"rank {rank} beyond {seen}")


def _histogram(
    session: Session, since: datetime, until: datetime
) -> dict[tuple[str, str], dict[int, int]]:
    """(group, measure) -> bucket -> tickets: whole months from the rollup, the partial
    months at the ends from the covering index on the facts."""
    hist: dict[tuple[str, str], dict[int, int]] = {}

    def add(prio: Any, measure: str, b: int, n: int) -> None:
        for grp in (str(prio), "all"):
            into = hist.setdefault((grp, measure), {})
            into[b] = into.get(b, 0) + n

    parts = split_months(since, until)
    if parts.days is not None:
        for prio, measure, k, n in _month_hist(session, *parts.days):
            add(prio, measure, k, n)
    for start, end in parts.edges:
        # A partial month: counted from the tickets, or — when the part of the month
        # outside the period is the smaller one (a year in a zone east of UTC ends two
        # hours before the last UTC month does) — as the whole month less that part.
        first = start.astimezone(UTC).date().replace(day=1)
        month_start, month_end = midnight(first), midnight(next_month(first))
        outside = [(a, b) for a, b in ((month_start, start), (end, month_end)) if a < b]
        cheaper = sum((b - a for a, b in outside), timedelta()) < end - start
        if end <= month_end and cheaper:
            for prio, measure, k, n in _month_hist(session, first, next_month(first)):
                add(prio, measure, k, n)
            for low, high in outside:
                for prio, measure, k, n in _raw_hist(session, low, high):
                    add(prio, measure, k, -n)
        else:
            for prio, measure, k, n in _raw_hist(session, start, end):
                add(prio, measure, k, n)
    for counts in hist.values():  # buckets the subtraction emptied
        for k in [k for k, n in counts.items() if n == 0]:
            del counts[k]
    return hist


def _month_hist(session: Session, first: date, stop: date) -> list[tuple[Any, str, int, int]]:
    m = ReportMonthBucket
    query = (
        select(m.priority, m.measure, m.bucket, func.sum(m.n))
        .where(m.month >= first, m.month < stop)
        .group_by(m.priority, m.measure, m.bucket)
    )
    rows = raw_connection(session).execute(query)
    return [(p, str(k), int(b), int(n)) for p, k, b, n in rows if n]


def _raw_hist_statement() -> Any:
    # Built once: the bucket CASE expressions are costly to construct (~40 ms each).
    start: Any = bindparam("start")
    end: Any = bindparam("end")
    counted = [
        select(F.priority, literal(name), slot, func.count())
        .where(value.is_not(None), F.opened_at >= start, F.opened_at < end)
        .group_by(F.priority, slot)
        for (name, value), slot in ((item, bucket_sql(item[1])) for item in DURATIONS.items())
    ]
    return union_all(*counted)


RAW_HIST = _raw_hist_statement()


def _raw_hist(session: Session, start: datetime, end: datetime) -> list[tuple[Any, str, int, int]]:
    """The histogram of the tickets opened in [start, end), counted in SQL over the
    covering index."""
    rows = raw_connection(session).execute(RAW_HIST, {"start": start, "end": end})
    return [(p, str(k), int(b), int(n)) for p, k, b, n in rows]


# A bucket this narrow is read as one index range per minute value on PostgreSQL: each
# range holds only the period's tickets (the index is (minutes, opened_at, …)), where
# the bucket's one range holds every year's.
NARROW = 64


def _in_bucket(column: Any, b: int, sqlite: bool) -> Any:
    low, high = bucket_start(b), bucket_start(b + 1)
    if sqlite or high - low > NARROW:
        return and_(column >= low, column < high)
    return column.in_(list(range(low, high)))


def _candidates(
    session: Session, since: datetime, until: datetime, buckets: dict[str, list[int]]
) -> dict[str, dict[int, list[tuple[int, float, int]]]]:
    """measure -> bucket -> (priority, exact value, tickets) of the period's tickets in
    the wanted buckets: each bucket a range of its duration's index (report_indexes),
    walked in value order and filtered by opening time inside the index; one statement.
    On SQLite the whole-minute measures come back counted per value (a bucket's
    tickets share few values); else one row per ticket."""
    out: dict[str, dict[int, list[tuple[int, float, int]]]] = {short: {} for short in DURATIONS}
    opened: Any = F.opened_at
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        # Not an index term (the column coalesced with itself: the same value): else
        # SQLite walks the whole period by ix_ticket_facts_opened, once per bucket.
        opened = func.coalesce(F.opened_at, F.opened_at)
    parts = []
    for short, wanted in buckets.items():
        column = DURATION_COLUMNS[short]
        value = cast(EXACT[short], Float).label("v")
        # EXACT is the whole-minute column itself but for "xw". Counted per value on
        # SQLite only: there the rows cost (25,000 a year at 1M: 230 -> 60 ms); on
        # PostgreSQL the grouping cost more than it saved (110 -> 200 ms).
        whole = sqlite and short != "xw"
        for b in wanted:
            part = select(
                literal(short).label("m"),
                literal(b).label("b"),
                F.priority,
                value,
                func.count().label("n") if whole else literal(1).label("n"),
            ).where(_in_bucket(column, b, sqlite), opened >= since, opened < until)
            if whole:
                part = part.group_by(F.priority, EXACT[short])
            if short == "xw":
                part = part.where(F.resolved_at.is_not(None))
            parts.append(part)
    if not parts:
        return out
    query = union_all(*parts) if len(parts) > 1 else parts[0]
    for short, b, prio, v, n in raw_connection(session).execute(query):
        out[short].setdefault(int(b), []).append((int(prio), float(v), int(n)))
    return out
