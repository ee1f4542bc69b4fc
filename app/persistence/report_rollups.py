"""Recounting the report rollups from scratch (after a bulk load, to repair, or in a
migration): set-based, from the tickets, their facts and their imported source facts —
the same expressions the reports aggregate (:mod:`app.persistence.report_sql`). The
change-by-change writes are :mod:`app.persistence.report_rollup_writes`, the SQL
functions and buckets :mod:`app.persistence.report_rollup_sql`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from app.persistence import report_month_keys as month_keys
from app.persistence.orm import TicketEvent
from app.persistence.orm_reports import (
    BREACHED,
    MISSED,
    SHARDS,
    ReportDay,
    ReportDayKey,
    ReportDayWork,
    ReportMonth,
    TicketFacts,
)
from app.persistence.report_rollup_sql import DURATIONS, bucket_sql, month_of, utc_day, utc_month
from app.persistence.report_rollup_writes import TABLES
from app.persistence.report_sql import (
    BACKLOG,
    REASSIGNMENTS,
    REOPENINGS,
    RESOLUTION_MET,
    RESPONSE_MET,
    SLA_MET,
    F,
    I,
    T,
    minutes_between,
)

# The ticket's breached flag as the facts copy it (false, not NULL, without an SLA state).
IS_BREACHED: Any = case((BREACHED, True), else_=False)


def copy_ticket_columns(session: Session, ticket_ids: Sequence[int] | None = None) -> None:
    """Fill the facts' copy of what the rollups count a ticket under (all rows, or
    those of ``ticket_ids``): for facts written without the hook (imports, migrations)."""
    stmt = (
        update(TicketFacts)
        .values(
            opened_at=T.created_at,
            customer_id=T.customer_id,
            priority=T.priority,
            status=T.status,
            category=T.category,
            service_type=T.service_type,
            product_id=T.product_id,
            ticket_resolved_at=T.resolved_at,
            breached=IS_BREACHED,
        )
        .where(T.id == TicketFacts.ticket_id)
        .execution_options(synchronize_session=False)  # no facts objects to refresh
    )
    # Only the rows whose copy differs: a bulk load that wrote them rewrites nothing.
    stmt = stmt.where(
        or_(
            TicketFacts.opened_at.is_distinct_from(T.created_at),
            TicketFacts.customer_id.is_distinct_from(T.customer_id),
            TicketFacts.priority.is_distinct_from(T.priority),
            TicketFacts.status.is_distinct_from(T.status),
            TicketFacts.category.is_distinct_from(T.category),
            TicketFacts.service_type.is_distinct_from(T.service_type),
            TicketFacts.product_id.is_distinct_from(T.product_id),
            TicketFacts.ticket_resolved_at.is_distinct_from(T.resolved_at),
            TicketFacts.breached.is_distinct_from(IS_BREACHED),
        )
    )
    if ticket_ids is None:
        session.execute(stmt)
        return
    for start in range(0, len(ticket_ids), 500):
        part = list(ticket_ids[start : start + 500])
        session.execute(stmt.where(TicketFacts.ticket_id.in_(part)))


def _joined(*columns: Any) -> Any:
    return (
        select(*columns)
        .select_from(T)
        .outerjoin(F, F.ticket_id == T.id)
        .outerjoin(I, I.ticket_id == T.id)
    )


def _sums() -> dict[str, Any]:
    """The period sums (orm_reports._PeriodSums) of a group of tickets, in SQL."""
    flags = {"response_met": RESPONSE_MET, "resolution_met": RESOLUTION_MET, "sla_met": SLA_MET}
    columns: dict[str, Any] = {
        "opened": func.count(),
        "closed": func.sum(case((T.status == "closed", 1), else_=0)),
        "backlog": func.sum(case((T.status.in_(BACKLOG), 1), else_=0)),
        "missed": func.sum(case((MISSED, 1), else_=0)),
        "breached": func.sum(case((and_(BREACHED, ~MISSED), 1), else_=0)),
    }
    for name, value in DURATIONS.items():
        columns[f"{name}_n"] = func.count(value)
        columns[f"{name}_sum"] = func.coalesce(func.sum(value), 0)
    exact = minutes_between(T.created_at, F.resolved_at)
    columns["xw_n"] = func.count(F.resolved_at)  # "resolved", as the report counts it
    columns["xw_sum"] = func.coalesce(func.sum(cast(exact, Float)), 0)
    for name, flag in flags.items():
        columns[f"{name}_n"] = func.count(flag)
        columns[f"{name}_sum"] = func.coalesce(func.sum(flag), 0)
    columns["reassignments"] = func.sum(REASSIGNMENTS)
    columns["reopenings"] = func.sum(REOPENINGS)
    columns["reopened"] = func.sum(case((REOPENINGS > 0, 1), else_=0))
    columns["logged"] = func.coalesce(func.sum(T.time_logged_minutes), 0)
    return columns


def own_month_rows(session: Session) -> None:
    """(Re)count every customer's own ``report_months`` rows (shard ``-customer_id``,
    orm_reports.own_shard) from its tickets: one customer's period report."""
    session.execute(delete(ReportMonth).where(ReportMonth.shard < 0))
    columns = _sums()
    month = utc_month(T.created_at)
    own = -T.customer_id
    grouped = _joined(
        month.label("month"), own.label("shard"), T.priority,
        *[c.label(n) for n, c in columns.items()],
    ).group_by(month, T.customer_id, T.priority)  # fmt: skip
    session.execute(
        insert(TABLES["months"]).from_select(["month", "shard", "priority", *columns], grouped)
    )


def rebuild(session: Session) -> int:
    """Recompute every rollup row from scratch (after a bulk load, or to repair);
    returns the number of tickets counted. (Migration 0024 runs it on a database with
    tickets: a migration that changes a rollup table later must run it instead.)"""
    copy_ticket_columns(session)
    for table in TABLES.values():
        session.execute(delete(table))
    day = utc_day(T.created_at)
    shard = T.customer_id % SHARDS
    one = literal(1)
    columns = _sums()
    grouped = _joined(
        day.label("day"), shard.label("shard"), T.priority,
        *[c.label(n) for n, c in columns.items()],
    ).group_by(day, shard, T.priority)  # fmt: skip
    session.execute(
        insert(TABLES["days"]).from_select(["day", "shard", "priority", *columns], grouped)
    )
    d = ReportDay
    month = month_of(d.day)
    monthly = select(
        month.label("month"), d.shard, d.priority,
        *[func.sum(d.__table__.c[name]).label(name) for name in columns],
    ).group_by(month, d.shard, d.priority)  # fmt: skip
    session.execute(
        insert(TABLES["months"]).from_select(["month", "shard", "priority", *columns], monthly)
    )
    own_month_rows(session)
    resolved = func.count(case((F.resolved_at.is_not(None), one)))
    for dimension, key in (
        ("category", T.category),
        ("service_type", T.service_type),
        ("product", func.coalesce(cast(T.product_id, ReportDayKey.key.type), "")),
    ):
        rows = _joined(
            day.label("day"), T.customer_id, literal(dimension).label("dimension"),
            key.label("key"), func.count().label("opened"), resolved.label("resolved"),
        ).group_by(day, T.customer_id, key)  # fmt: skip
        session.execute(
            insert(TABLES["keys"]).from_select(
                ["day", "customer_id", "dimension", "key", "opened", "resolved"], rows
            )
        )
    month_keys.rebuild(session)
    opened_month = utc_month(F.opened_at)
    for name, value in DURATIONS.items():
        slot = bucket_sql(value)
        rows = (
            select(
                opened_month.label("month"),
                F.priority,
                literal(name).label("measure"),
                cast(slot, Integer).label("bucket"),
                func.count().label("n"),
            )
            .where(value.is_not(None), F.opened_at.is_not(None))
            .group_by(opened_month, F.priority, slot)
        )
        session.execute(
            insert(TABLES["buckets"]).from_select(
                ["month", "priority", "measure", "bucket", "n"], rows
            )
        )
    resolved_day = utc_day(T.resolved_at)
    rows = (
        _joined(
            resolved_day.label("day"),
            shard.label("shard"),
            T.priority,
            func.count().label("resolved"),
            func.count(SLA_MET).label("sla_met_n"),
            func.coalesce(func.sum(SLA_MET), 0).label("sla_met_sum"),
        )
        .where(T.resolved_at.is_not(None))
        .group_by(resolved_day, shard, T.priority)
    )
    session.execute(
        insert(TABLES["resolved"]).from_select(
            ["day", "shard", "priority", "resolved", "sla_met_n", "sla_met_sum"], rows
        )
    )
    session.execute(
        insert(TABLES["work"]).from_select(
            ["day", "customer_id", "actor_id", "minutes"], work_minutes().subquery().select()
        )
    )
    w = ReportDayWork
    work_month = month_of(w.day)
    by: dict[str, Any] = {"month_work": w.actor_id, "month_customer_work": w.customer_id}
    for name, key in by.items():
        session.execute(
            insert(TABLES[name]).from_select(
                ["month", key.name, "minutes"],
                select(work_month, key, func.sum(w.minutes)).group_by(work_month, key),
            )
        )
    return int(session.scalar(select(func.coalesce(func.sum(ReportDay.opened), 0))) or 0)


def work_minutes(ticket_ids: Sequence[int] | None = None) -> Any:
    """Minutes of work per UTC day × customer × person (of ``ticket_ids``, or all)."""
    e = TicketEvent
    day = utc_day(e.occurred_at)
    query = (
        select(day.label("day"), T.customer_id, e.actor_id, func.sum(e.minutes).label("minutes"))
        .join(T, T.id == e.ticket_id)
        .where(e.minutes > 0)
        .group_by(day, T.customer_id, e.actor_id)
    )
    if ticket_ids is not None:
        query = query.where(e.ticket_id.in_(list(ticket_ids)))
    return query
