"""What one ticket adds to the report rollups (``report_days``, ``report_day_keys``,
``report_month_buckets``), computed from its facts row alone, so that the facts hook can
take a ticket's old contribution out and put its new one in, inside the ticket's own
transaction. The set-based rebuild (:mod:`app.persistence.report_rollups`) computes the
same figures in SQL; a test holds the two equal after random changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from app.domain.tickets import OPEN_STATUSES, Status
from app.persistence.facts_rows import FactsRow, SourceFacts
from app.persistence.orm_reports import SHARDS, own_shard
from app.persistence.report_rollup_sql import bucket
from app.persistence.report_rollup_writes import work_keys

# Open work waiting for us (a resolved ticket waits for the customer): report_sql.BACKLOG.
BACKLOG = frozenset(s.value for s in OPEN_STATUSES if s != Status.RESOLVED)
# (table, key) -> {column: amount}
Contribution = dict[tuple[str, tuple[object, ...]], dict[str, float]]


def utc_day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def span_minutes(start: datetime, end: datetime, dialect: str) -> float:
    """Fractional minutes as the reports' SQL computes them (report_sql.minutes_between):
    SQLite to the millisecond, PostgreSQL to the microsecond."""
    if dialect == "sqlite":
        return round((end - start).total_seconds() * 1000) / 60000.0
    return (end - start).total_seconds() / 60.0


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def contribution(
    facts: FactsRow | None, imported: SourceFacts | None, dialect: str
) -> Contribution:
    """The ticket's share of every rollup row, from its facts as last counted."""
    if facts is None or facts.opened_at is None or facts.customer_id is None:
        return {}
    opened = facts.opened_at
    day = utc_day(opened)
    prio = int(facts.priority or 0)
    row: dict[str, float] = {"opened": 1}
    row["closed"] = int(facts.status == Status.CLOSED.value)
    row["backlog"] = int(facts.status in BACKLOG)
    missed = facts.response_met is False or facts.resolution_met is False
    row["missed"] = int(missed)
    row["breached"] = int(bool(facts.breached) and not missed)
    resolved = facts.resolved_at is not None
    values: dict[str, int | None] = {
        "rw": facts.response_wall_minutes,
        "rb": facts.response_business_minutes,
        "xw": facts.resolution_wall_minutes if resolved else None,
        "xb": facts.resolution_business_minutes,
    }
    for name, value in values.items():
        if value is not None:
            row[f"{name}_n"] = 1
            row[f"{name}_sum"] = value
    row.pop("xw_n", None)
    row.pop("xw_sum", None)
    if facts.resolved_at is not None:  # "resolved", and its time to full precision
        row["xw_n"] = 1
        row["xw_sum"] = span_minutes(opened, facts.resolved_at, dialect)
    response, resolution = _flag(facts.response_met), _flag(facts.resolution_met)
    if imported is not None:
        sla = _flag(imported.made_sla)
    elif resolution is None:
        sla = None
    else:
        sla = 0 if response == 0 else resolution
    for name, flag in (
        ("response_met", response),
        ("resolution_met", resolution),
        ("sla_met", sla),
    ):
        if flag is not None:
            row[f"{name}_n"] = 1
            row[f"{name}_sum"] = flag
    source_reassignments = imported.reassignment_count if imported is not None else None
    source_reopenings = imported.reopen_count if imported is not None else None
    reassignments = _first(source_reassignments, facts.reassignments)
    reopenings = _first(source_reopenings, facts.reopenings)
    row["reassignments"] = reassignments
    row["reopenings"] = reopenings
    row["reopened"] = int(reopenings > 0)
    row["logged"] = facts.time_logged_minutes or 0
    shard = facts.customer_id % SHARDS
    month = day.replace(day=1)
    out: Contribution = {
        ("days", (day, shard, prio)): row,
        ("months", (month, shard, prio)): dict(row),
        # The customer's own month row (one customer's report), in the same upsert.
        ("months", (month, own_shard(facts.customer_id), prio)): dict(row),
    }
    if facts.ticket_resolved_at is not None:  # the dashboard's trend (tickets.resolved_at)
        trend: dict[str, float] = {"resolved": 1}
        if sla is not None:
            trend["sla_met_n"], trend["sla_met_sum"] = 1, sla
        out[("resolved", (utc_day(facts.ticket_resolved_at), shard, prio))] = trend
    _breakdowns(out, facts, day, prio, values)
    return out


def _breakdowns(
    out: Contribution, facts: FactsRow, day: date, prio: int, values: dict[str, int | None]
) -> None:
    """The ticket's share of ``report_day_keys`` and ``report_month_buckets``."""
    resolved_n = 1 if facts.resolved_at is not None else 0
    for dimension, key in (
        ("category", facts.category),
        ("service_type", facts.service_type),
        ("product", "" if facts.product_id is None else str(facts.product_id)),
    ):
        keys = (day, facts.customer_id, dimension, key or "")
        out[("keys", keys)] = {"opened": 1, "resolved": resolved_n}
    month = day.replace(day=1)
    for name, value in values.items():
        if value is not None:
            out[("buckets", (month, prio, name, bucket(int(value))))] = {"n": 1}


def _first(imported: int | None, ours: int | None) -> int:
    # coalesce(imported counter, our counter, 0) — report_sql.REASSIGNMENTS / REOPENINGS
    if imported is not None:
        return int(imported)
    return int(ours or 0)


def work(events: Iterable[Any], customer_id: int) -> Contribution:
    """The minutes of work ``events`` (just appended) add to the work rollups."""
    out: Contribution = {}
    for event in events:
        if event.minutes and event.minutes > 0:
            actor = event.actor_id if event.actor_id is not None else event.actor.id
            for key in work_keys(utc_day(event.occurred_at), customer_id, actor):
                row = out.setdefault(key, {})
                row["minutes"] = row.get("minutes", 0) + event.minutes
    return out


def difference(new: Contribution, old: Contribution) -> Contribution:
    """new − old, without the rows and columns that do not change."""
    out: Contribution = {}
    for key in set(new) | set(old):
        after, before = new.get(key, {}), old.get(key, {})
        delta = {c: after.get(c, 0) - before.get(c, 0) for c in set(after) | set(before)}
        delta = {c: v for c, v in delta.items() if v != 0}
        if delta:
            out[key] = delta
    return out


def total(parts: Iterable[Contribution]) -> Contribution:
    out: Contribution = {}
    for part in parts:
        for key, row in part.items():
            into = out.setdefault(key, {})
            for column, value in row.items():
                into[column] = into.get(column, 0) + value
    return out
