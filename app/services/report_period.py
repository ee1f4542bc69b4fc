"""The period report's SQL: every figure is an aggregation over indexed columns of
``tickets`` joined with ``ticket_facts`` (our tickets) and ``imported_tickets`` (the
facts another help desk recorded, used for tickets imported from it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from app.domain.tickets import OPEN_STATUSES, Status
from app.persistence.orm import Customer, Product, Ticket, TicketEvent, User
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts
from app.persistence.report_sql import minutes_between, percentiles
from app.services.report_model import (
    AGE_BUCKETS,
    BacklogCell,
    Breach,
    CountRow,
    GroupFigures,
    PersonTime,
    TimeFigures,
    hours,
)

T, F, I = Ticket, TicketFacts, ImportedTicket  # noqa: E741
IMPORTED = I.ticket_id.is_not(None)
# Open work waiting for us (a resolved ticket waits for the customer).
BACKLOG = [s.value for s in OPEN_STATUSES if s != Status.RESOLVED]


def _bool01(column: Any) -> ColumnElement[Any]:
    return case((column.is_(True), 1), (column.is_(False), 0), else_=None)


# One expression per figure, choosing the imported fact where the ticket came from elsewhere.
RESOLUTION_WALL = case(
    (IMPORTED, minutes_between(func.coalesce(I.opened_at, T.created_at), I.resolved_at)),
    else_=F.resolution_wall_minutes,
)
MEASURES: dict[str, Any] = {
    "response_wall": F.response_wall_minutes,
    "response_business": F.response_business_minutes,
    "resolution_wall": RESOLUTION_WALL,
    "resolution_business": F.resolution_business_minutes,
}
RESPONSE_MET = _bool01(F.response_met)
RESOLUTION_MET = _bool01(F.resolution_met)
SLA_MET = case(
    (IMPORTED, _bool01(I.made_sla)),
    (F.resolution_met.is_(None), None),
    (F.response_met.is_(False), 0),
    else_=RESOLUTION_MET,
)
REASSIGNMENTS = func.coalesce(I.reassignment_count, F.reassignments, 0)
REOPENINGS = func.coalesce(I.reopen_count, F.reopenings, 0)


def joined(query: Select[Any]) -> Select[Any]:
    return query.select_from(T).outerjoin(F, F.ticket_id == T.id).outerjoin(I, I.ticket_id == T.id)


def scoped(
    query: Select[Any], customer_id: int | None, column: Any, start: datetime, end: datetime
) -> Select[Any]:
    """Tickets of the customer (or all) whose ``column`` lies in [start, end)."""
    query = query.where(column >= start, column < end)
    return query.where(T.customer_id == customer_id) if customer_id is not None else query


def _pct(value: Any) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def group_figures(
    session: Session,
    customer_id: int | None,
    start: datetime,
    end: datetime,
    group: Any,
) -> dict[Any, GroupFigures]:
    """Figures per ``group`` (e.g. the priority) over the tickets opened in the period;
    ``group=None``: one row of totals, under the key "all"."""
    grouped = group is not None
    group = group if group is not None else literal_column("'all'")
    resolved = func.count(RESOLUTION_WALL)
    reopened = func.sum(case((REOPENINGS > 0, 1), else_=0))
    query = joined(
        select(
            group.label("grp"),
            func.count().label("tickets"),
            resolved.label("resolved"),
            *[func.avg(cast(expr, Float)).label(name) for name, expr in MEASURES.items()],
            *[func.count(expr).label(f"{name}_n") for name, expr in MEASURES.items()],
            func.avg(cast(RESPONSE_MET, Float)).label("response_met"),
            func.avg(cast(RESOLUTION_MET, Float)).label("resolution_met"),
            func.avg(cast(SLA_MET, Float)).label("sla_met"),
            func.count(SLA_MET).label("sla_known"),
            func.sum(REASSIGNMENTS).label("reassignments"),
            func.sum(REOPENINGS).label("reopenings"),
            reopened.label("reopened"),
            func.sum(T.time_logged_minutes).label("logged"),
        )
    )
    if grouped:
        query = query.group_by(group)
    rows = session.execute(scoped(query, customer_id, T.created_at, start, end)).mappings().all()
    quantiles = percentiles(
        session,
        scoped(
            joined(
                select(
                    group.label("grp"),
                    *[cast(expr, Float).label(name) for name, expr in MEASURES.items()],
                )
            ),
            customer_id,
            T.created_at,
            start,
            end,
        ),
        list(MEASURES),
        grouped=grouped,
    )
    result: dict[Any, GroupFigures] = {}
    for row in rows:
        key = row["grp"]

        def times(name: str, key: Any = key, row: Any = row) -> TimeFigures:
            q = quantiles[name].get(key, {})
            return TimeFigures(
                count=int(row[f"{name}_n"]),
                median=hours(q.get(50)),
                mean=hours(row[name]),
                p90=hours(q.get(90)),
            )

        n_resolved = int(row["resolved"])
        reopened_n = int(row["reopened"] or 0)
        result[key] = GroupFigures(
            key=str(key),
            tickets=int(row["tickets"]),
            resolved=n_resolved,
            unresolved=int(row["tickets"]) - n_resolved,
            response_wall=times("response_wall"),
            response_business=times("response_business"),
            resolution_wall=times("resolution_wall"),
            resolution_business=times("resolution_business"),
            response_met_pct=_pct(row["response_met"]),
            resolution_met_pct=_pct(row["resolution_met"]),
            sla_met_pct=_pct(row["sla_met"]),
            sla_known=int(row["sla_known"]),
            reassignments=int(row["reassignments"] or 0),
            reopenings=int(row["reopenings"] or 0),
            reopened_tickets=reopened_n,
            reopen_rate_pct=round(100 * reopened_n / n_resolved, 1) if n_resolved else None,
            time_logged_minutes=int(row["logged"] or 0),
        )
    return result


def counts_by(
    session: Session,
    customer_id: int | None,
    start: datetime,
    end: datetime,
    key: Any,
    *,
    with_product: bool = False,
) -> list[CountRow]:
    resolved = func.count(RESOLUTION_WALL)
    query = joined(select(key.label("k"), func.count().label("n"), resolved.label("r")))
    if with_product:
        query = query.outerjoin(Product, Product.id == T.product_id)
    query = scoped(query.group_by(key), customer_id, T.created_at, start, end).order_by(key)
    return [
        CountRow(str(k) if k is not None else "(none)", int(n), int(r))
        for k, n, r in session.execute(query)
    ]


def event_count(
    session: Session, customer_id: int | None, column: Any, start: datetime, end: datetime
) -> int:
    query = select(func.count()).select_from(T)
    if column is T.closed_at:
        query = query.where(T.status == Status.CLOSED)
    return int(session.scalar(scoped(query, customer_id, column, start, end)) or 0)


def breaches(
    session: Session, customer_id: int | None, start: datetime, end: datetime, limit: int = 500
) -> list[Breach]:
    response = F.response_met.is_(False)
    resolution = or_(F.resolution_met.is_(False), T.sla_state == "breached")
    imported = I.made_sla.is_(False)
    query = joined(
        select(
            T.number,
            Customer.code,
            T.priority,
            T.subject,
            T.status,
            T.created_at,
            case((response, 1), else_=0),
            case((resolution, 1), else_=0),
            case((imported, 1), else_=0),
        ).join(Customer, Customer.id == T.customer_id)
    ).where(or_(response, resolution, imported))
    query = scoped(query, customer_id, T.created_at, start, end)
    found = []
    for number, code, prio, subject, status, opened, resp, reso, imp in session.execute(
        query.order_by(T.created_at, T.id).limit(limit)
    ):
        measures = [m for m, hit in (("response", resp), ("resolution", reso)) if hit]
        if imp:
            measures.append("imported: SLA not made")
        found.append(Breach(number, code, prio, subject, status, opened, ", ".join(measures)))
    return found


def age_bucket(now: datetime) -> ColumnElement[Any]:
    """The age label of an open ticket, by comparing its opening with fixed instants."""
    whens = [
        (T.created_at > now - timedelta(days=AGE_BUCKETS[i + 1][1]), label)
        for i, (label, _) in enumerate(AGE_BUCKETS[:-1])
    ]
    return case(*whens, else_=literal(AGE_BUCKETS[-1][0]))


def backlog(session: Session, customer_id: int | None, now: datetime) -> list[BacklogCell]:
    inner = select(T.priority, age_bucket(now).label("age")).where(T.status.in_(BACKLOG))
    if customer_id is not None:
        inner = inner.where(T.customer_id == customer_id)
    # Grouped outside: PostgreSQL will not match a CASE with bound values to itself.
    sub = inner.subquery()
    query = select(sub.c.priority, sub.c.age, func.count()).group_by(sub.c.priority, sub.c.age)
    order = {label: i for i, (label, _) in enumerate(AGE_BUCKETS)}
    cells = [BacklogCell(int(p), str(a), int(n)) for p, a, n in session.execute(query)]
    return sorted(cells, key=lambda c: (c.priority, order[c.age]))


def time_by_person(
    session: Session, customer_id: int | None, start: datetime, end: datetime
) -> list[PersonTime]:
    who = aliased(User)
    name = func.coalesce(func.nullif(who.full_name, ""), who.username)
    query = (
        select(name, func.sum(TicketEvent.minutes))
        .select_from(TicketEvent)
        .join(who, who.id == TicketEvent.actor_id)
        .join(T, T.id == TicketEvent.ticket_id)
        .where(
            TicketEvent.minutes > 0,
            TicketEvent.occurred_at >= start,
            TicketEvent.occurred_at < end,
        )
        .group_by(name)
        .order_by(func.sum(TicketEvent.minutes).desc(), name)
    )
    if customer_id is not None:
        query = query.where(T.customer_id == customer_id)
    return [PersonTime(str(n), int(m)) for n, m in session.execute(query)]


def ordered(groups: dict[Any, GroupFigures], keys: Sequence[Any]) -> tuple[GroupFigures, ...]:
    return tuple(groups[k] for k in keys if k in groups)


COUNTED = (T.created_at, T.resolved_at, T.closed_at)


def empty_figures(key: str) -> GroupFigures:
    none = TimeFigures(0, None, None, None)
    return GroupFigures(key, 0, 0, 0, none, none, none, none, None, None, None, 0, 0, 0, 0, None, 0)
