"""The reports' and the manager dashboard's reads: aggregations in SQL over indexed
columns (see :mod:`app.persistence.report_sql` for the expressions), returned as small
rows in minutes and shares; the services turn them into hours and percentages."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Float, Select, case, cast, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain.tickets import Status
from app.persistence.orm import Customer, Product, TicketEvent, User
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts
from app.persistence.report_rows import (
    AgeCount,
    BreachRow,
    EventBy,
    GroupTotals,
    KeyCount,
    MeasureTotals,
    Minutes,
    OpenLoad,
    RiskRow,
    WeekTotals,
    WorkLogged,
)
from app.persistence.report_sql import (
    BACKLOG,
    MEASURES,
    REASSIGNMENTS,
    REOPENINGS,
    RESOLUTION_MET,
    RESOLUTION_WALL,
    RESPONSE_MET,
    SLA_MET,
    F,
    I,
    T,
    age_bucket,
    joined,
    percentiles,
    scoped,
)

# What a figure is grouped, counted or dated by.
GROUPS: dict[str, Any] = {"priority": T.priority}
COUNT_KEYS: dict[str, Any] = {
    "category": T.category,
    "service_type": T.service_type,
    "product": Product.code,
}
DATES: dict[str, Any] = {"opened": T.created_at, "resolved": T.resolved_at, "closed": T.closed_at}


class ReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def without_autoflush(self) -> Iterator[None]:
        """For reports that compute facts in memory and must not write them."""
        with self.session.no_autoflush:
            yield

    # -- the period report ------------------------------------------------------------------

    def group_totals(
        self, customer_id: int | None, start: datetime, end: datetime, by: str | None
    ) -> dict[Any, GroupTotals]:
        """Figures per group (``by``: a key of GROUPS) over the tickets opened in the
        period; ``by=None``: one row of totals, under the key "all"."""
        grouped = by is not None
        group = GROUPS[by] if by is not None else literal_column("'all'")
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
        rows = self.session.execute(scoped(query, customer_id, T.created_at, start, end))
        values = select(
            group.label("grp"), *[cast(expr, Float).label(name) for name, expr in MEASURES.items()]
        )
        quantiles = percentiles(
            self.session,
            scoped(joined(values), customer_id, T.created_at, start, end),
            list(MEASURES),
            grouped=grouped,
        )
        result: dict[Any, GroupTotals] = {}
        for row in rows.mappings().all():
            key = row["grp"]
            measures = {}
            for name in MEASURES:
                q = quantiles[name].get(key, {})
                mean = row[name]
                measures[name] = MeasureTotals(
                    int(row[f"{name}_n"]),
                    None if mean is None else float(mean),
                    q.get(50),
                    q.get(90),
                )
            result[key] = GroupTotals(
                key=key,
                tickets=int(row["tickets"]),
                resolved=int(row["resolved"]),
                measures=measures,
                response_met=_share(row["response_met"]),
                resolution_met=_share(row["resolution_met"]),
                sla_met=_share(row["sla_met"]),
                sla_known=int(row["sla_known"]),
                reassignments=int(row["reassignments"] or 0),
                reopenings=int(row["reopenings"] or 0),
                reopened=int(row["reopened"] or 0),
                logged_minutes=int(row["logged"] or 0),
            )
        return result

    def counts_by(
        self, customer_id: int | None, start: datetime, end: datetime, by: str
    ) -> list[KeyCount]:
        """Tickets opened in the period (and how many resolved) per ``by`` (a key of
        COUNT_KEYS), in key order."""
        key = COUNT_KEYS[by]
        resolved = func.count(RESOLUTION_WALL)
        query = joined(select(key.label("k"), func.count().label("n"), resolved.label("r")))
        if by == "product":
            query = query.outerjoin(Product, Product.id == T.product_id)
        query = scoped(query.group_by(key), customer_id, T.created_at, start, end).order_by(key)
        return [KeyCount(k, int(n), int(r)) for k, n, r in self.session.execute(query)]

    def event_count(
        self, customer_id: int | None, what: str, start: datetime, end: datetime
    ) -> int:
        """Tickets ``what`` ("opened", "resolved" or "closed") in the period."""
        column = DATES[what]
        query = select(func.count()).select_from(T)
        if what == "closed":
            query = query.where(T.status == Status.CLOSED)
        return int(self.session.scalar(scoped(query, customer_id, column, start, end)) or 0)

    def breaches(
        self, customer_id: int | None, start: datetime, end: datetime, limit: int
    ) -> list[BreachRow]:
        """Tickets opened in the period that missed a target, oldest first."""
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
        return [
            BreachRow(number, code, prio, subject, status, opened, bool(r1), bool(r2), bool(r3))
            for number, code, prio, subject, status, opened, r1, r2, r3 in self.session.execute(
                query.order_by(T.created_at, T.id).limit(limit)
            )
        ]

    def backlog(
        self, customer_id: int | None, now: datetime, buckets: Sequence[tuple[str, int]]
    ) -> list[AgeCount]:
        """Open tickets waiting for us, by priority and age bucket (in no order)."""
        inner = select(T.priority, age_bucket(now, buckets).label("age")).where(
            T.status.in_(BACKLOG)
        )
        if customer_id is not None:
            inner = inner.where(T.customer_id == customer_id)
        # Grouped outside: PostgreSQL will not match a CASE with bound values to itself.
        sub = inner.subquery()
        query = select(sub.c.priority, sub.c.age, func.count()).group_by(sub.c.priority, sub.c.age)
        return [AgeCount(int(p), str(a), int(n)) for p, a, n in self.session.execute(query)]

    def time_by_person(
        self, customer_id: int | None, start: datetime, end: datetime
    ) -> list[Minutes]:
        """Minutes logged in the period per person (full name, else username), most first."""
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
        return [Minutes(str(n), int(m)) for n, m in self.session.execute(query)]

    # -- one ticket's report ---------------------------------------------------------------

    def imported(self, ticket_id: int) -> ImportedTicket | None:
        """The facts the source system recorded, for a ticket imported from it."""
        return self.session.get(ImportedTicket, ticket_id)

    def work_logged(self, ticket_id: int) -> list[WorkLogged]:
        rows = self.session.execute(
            select(User.full_name, User.username, TicketEvent.minutes)
            .join(User, User.id == TicketEvent.actor_id)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.minutes > 0)
            .order_by(TicketEvent.seq)
        ).all()
        return [WorkLogged(full, username, int(minutes)) for full, username, minutes in rows]

    def public_events(self, ticket_id: int) -> list[EventBy]:
        """The ticket's events that are not internal, with their author, in order."""
        rows = self.session.execute(
            select(TicketEvent, User.full_name, User.username)
            .join(User, User.id == TicketEvent.actor_id)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.internal.is_(False))
            .order_by(TicketEvent.seq)
        ).all()
        return [EventBy(event, full, username) for event, full, username in rows]

    def full_names(self, usernames: Collection[str]) -> dict[str, str]:
        rows = self.session.execute(
            select(User.username, User.full_name).where(User.username.in_(list(usernames)))
        )
        return {username: full for username, full in rows}

    def ticket_ids_for_facts(self, *, everything: bool) -> list[int]:
        """Our tickets (not imported ones) without facts, or all of them, by id."""
        query = (
            select(T.id)
            .outerjoin(ImportedTicket, ImportedTicket.ticket_id == T.id)
            .where(ImportedTicket.ticket_id.is_(None))
            .order_by(T.id)
        )
        if not everything:
            query = query.outerjoin(TicketFacts, TicketFacts.ticket_id == T.id).where(
                TicketFacts.ticket_id.is_(None)
            )
        return list(self.session.scalars(query))

    # -- the manager dashboard -------------------------------------------------------------

    def resolutions_by_week(
        self, starts: Sequence[datetime], now: datetime
    ) -> dict[int, WeekTotals]:
        """Tickets resolved from ``starts[0]`` to ``now`` per week (the index of the
        week's start in ``starts``), with the share that met the SLA."""
        whens = [(T.resolved_at >= start, i) for i, start in reversed(list(enumerate(starts)))]
        week = case(*whens, else_=-1)
        inner = joined(select(week.label("week"), SLA_MET.label("met"))).where(
            T.resolved_at >= starts[0], T.resolved_at < now
        )
        sub = inner.subquery()
        rows = self.session.execute(
            select(
                sub.c.week,
                func.count(),
                func.count(sub.c.met),
                func.avg(cast(sub.c.met, Float)),
            ).group_by(sub.c.week)
        )
        return {int(w): WeekTotals(int(n), int(k), _share(avg)) for w, n, k, avg in rows}

    def open_load(self) -> list[OpenLoad]:
        """Open tickets waiting for us per assignee, busiest first."""
        rows = self.session.execute(
            select(User.username, User.full_name, func.count(T.id))
            .join(T, T.assignee_id == User.id)
            .where(T.status.in_(BACKLOG))
            .group_by(User.username, User.full_name)
            .order_by(func.count(T.id).desc(), User.username)
        )
        return [OpenLoad(u, f, int(n)) for u, f, n in rows]

    def at_risk(self, limit: int) -> list[RiskRow]:
        """Open tickets whose SLA is at risk or breached, the most urgent deadline first."""
        rows = self.session.execute(
            select(
                T.number,
                T.subject,
                Customer.code,
                T.priority,
                T.sla_state,
                T.sla_due_at,
                User.username,
            )
            .join(Customer, Customer.id == T.customer_id)
            .outerjoin(User, User.id == T.assignee_id)
            .where(T.sla_state.in_(("at_risk", "breached")))
            .where(T.status.in_(BACKLOG))
            .order_by(T.sla_due_at, T.id)
            .limit(limit)
        ).all()
        return [
            RiskRow(
                number=number,
                subject=subject,
                customer=customer,
                priority=priority,
                sla_state=state,
                sla_due_at=due,
                assignee=assignee,
            )
            for number, subject, customer, priority, state, due, assignee in rows
        ]

    # The tickets behind a figure, most urgent first.

    def backlog_numbers(
        self, priority: int, opened_until: datetime, opened_after: datetime | None, limit: int
    ) -> list[str]:
        """Open tickets of ``priority`` opened in (``opened_after``, ``opened_until``]."""
        query = _numbers().where(
            T.status.in_(BACKLOG), T.priority == priority, T.created_at <= opened_until
        )
        if opened_after is not None:
            query = query.where(T.created_at > opened_after)
        return list(self.session.scalars(query.limit(limit)))

    def open_numbers_of(self, username: str, limit: int) -> list[str]:
        """Open tickets waiting for us assigned to ``username``."""
        query = _numbers().join(User, User.id == T.assignee_id)
        query = query.where(User.username == username, T.status.in_(BACKLOG))
        return list(self.session.scalars(query.limit(limit)))

    def resolved_numbers(self, start: datetime, end: datetime, limit: int) -> list[str]:
        """Tickets resolved in [start, end)."""
        query = _numbers().where(T.resolved_at >= start, T.resolved_at < end)
        return list(self.session.scalars(query.limit(limit)))


def _numbers() -> Select[str]:
    return select(T.number).order_by(T.priority, T.created_at, T.id)


def _share(value: Any) -> float | None:
    return None if value is None else float(value)
