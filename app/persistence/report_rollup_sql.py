"""SQL pieces the report rollups are counted with (issue 19): the UTC day and month of a
timestamp, the first day of a DATE's month, and the fixed duration buckets of the
percentile histograms (``report_month_buckets``), in Python and in SQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, case, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.persistence.report_sql import F

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
