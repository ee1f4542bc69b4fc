"""The reports' and the manager dashboard's reads: aggregations in SQL over indexed
columns (see :mod:`app.persistence.report_sql` for the expressions), returned as small
rows in minutes and shares; the services turn them into hours and percentages."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from app.persistence import report_customer as own
from app.persistence import report_rollup_time as rollup_time
from app.persistence import report_rollup_totals as rollups
from app.persistence.orm import Customer, Product, TicketEvent, User
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_queue import OPEN_PREDICATE
from app.persistence.orm_reports import TicketFacts
from app.persistence.orm_sla import BusinessCalendarRow, Contract
from app.persistence.report_dashboard_reads import DashboardReads
from app.persistence.report_rollup_reads import Inconsistent
from app.persistence.report_rows import (
    AgeCount,
    BreachRow,
    EventBy,
    GroupTotals,
    KeyCount,
    MeasureTotals,
    Minutes,
    WorkLogged,
)
from app.persistence.report_sql import (
    BACKLOG,
    MEASURES,
    RESOLUTION_WALL,
    F,
    I,
    T,
    age_bucket,
    joined,
    percentiles,
    period_aggregate,
    period_tickets,
    scoped,
)

# What a breakdown counts by.
COUNT_KEYS: dict[str, Any] = {
    "category": T.category,
    "service_type": T.service_type,
    "product": Product.code,
}


class ReportRepository(DashboardReads):
    # Issue 19: read the period figures from the rollups. The benchmark turns this off to
    # time the scans (kept as *_scan) side by side; the outputs are the same.
    use_rollups = True

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def without_autoflush(self) -> Iterator[None]:
        """For reports that compute facts in memory and must not write them."""
        with self.session.no_autoflush:
            yield

    # -- the period report ------------------------------------------------------------------

    def period_totals(
        self, customer_id: int | None, start: datetime, end: datetime
    ) -> dict[str, GroupTotals]:
        if not self.use_rollups:
            return self.period_totals_scan(customer_id, start, end)
        if customer_id is None:
            return rollups.rollup_totals(self.session, start, end, self.period_totals_scan)
        # One customer: its own rollup rows and its durations' index (report_customer).
        try:
            sums, quantiles = own.customer_totals(self.session, customer_id, start, end)
        except Inconsistent:
            return self.period_totals_scan(customer_id, start, end)
        return rollups.group_totals(sums, quantiles)

    def period_totals_scan(
        self, customer_id: int | None, start: datetime, end: datetime
    ) -> dict[str, GroupTotals]:
        """The figures of the tickets opened in [start, end): per priority (keys "1" …
        "4") and over all of them (key "all").

        Every count and sum comes from one statement over one derived table of the
        period's tickets (the per-priority rows and the "all" row are a UNION ALL of
        two aggregations of it), so a headline can never disagree with a table; the
        percentiles are computed over the same derived table."""
        base = period_tickets(customer_id, start, end)
        aggregate = partial(period_aggregate, base)
        everything: ColumnElement[str] = literal_column("'all'")
        query = union_all(
            aggregate(base.c.priority).group_by(base.c.priority),
            aggregate(everything),
        )
        rows = self.session.execute(query).mappings().all()
        columns = [base.c[name] for name in MEASURES]
        by_priority = percentiles(
            self.session, select(base.c.priority.label("grp"), *columns), list(MEASURES)
        )
        overall = percentiles(
            self.session,
            select(everything.label("grp"), *columns),
            list(MEASURES),
            grouped=False,
        )
        result: dict[str, GroupTotals] = {}
        for row in rows:
            key = str(row["grp"])
            quantiles = overall if key == "all" else by_priority
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
                closed=int(row["closed"] or 0),
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
        if self.use_rollups and customer_id is None:
            return rollups.rollup_counts(self.session, start, end, by, key)
        if self.use_rollups and customer_id is not None:
            return own.customer_counts(self.session, customer_id, (start, end), by, key)
        resolved = func.count(RESOLUTION_WALL)
        query = joined(select(key.label("k"), func.count().label("n"), resolved.label("r")))
        if by == "product":
            query = query.outerjoin(Product, Product.id == T.product_id)
        query = scoped(query.group_by(key), customer_id, T.created_at, start, end).order_by(key)
        return [KeyCount(k, int(n), int(r)) for k, n, r in self.session.execute(query)]

    def breaches(
        self, customer_id: int | None, start: datetime, end: datetime, limit: int
    ) -> tuple[list[BreachRow], int]:
        if not self.use_rollups:
            return self.breaches_scan(customer_id, start, end, limit)
        if customer_id is None:
            return rollups.breaches(self.session, start, end, limit)
        # One customer: the list by its own tickets' index in time order (stops at the
        # limit), the count from its own rollup rows.
        query = self._breach_query(customer_id, start, end)
        total = own.customer_breach_count(self.session, customer_id, start, end)
        return self._breach_rows(query, limit), total

    def breaches_scan(
        self, customer_id: int | None, start: datetime, end: datetime, limit: int
    ) -> tuple[list[BreachRow], int]:
        """Tickets opened in the period that missed a target, oldest first (at most
        ``limit``), and how many there are in all."""
        query = self._breach_query(customer_id, start, end)
        total = self.session.scalar(select(func.count()).select_from(query.subquery()))
        return self._breach_rows(query, limit), int(total or 0)

    def _breach_rows(self, query: Select[Any], limit: int) -> list[BreachRow]:
        return [
            BreachRow(number, code, prio, subject, status, opened, bool(r1), bool(r2), bool(r3))
            for number, code, prio, subject, status, opened, r1, r2, r3 in self.session.execute(
                query.order_by(T.created_at, T.id).limit(limit)
            )
        ]

    def _breach_query(self, customer_id: int | None, start: datetime, end: datetime) -> Select[Any]:
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
        return scoped(query, customer_id, T.created_at, start, end)

    def backlog(
        self, customer_id: int | None, now: datetime, buckets: Sequence[tuple[str, int]]
    ) -> list[AgeCount]:
        """Open tickets waiting for us, by priority and age bucket (in no order). One
        customer's are few: counted from its tickets."""
        if self.use_rollups and customer_id is None:
            return rollups.backlog(self.session, now, buckets)
        inner = select(T.priority, age_bucket(now, buckets).label("age")).where(
            T.status.in_(BACKLOG)
        )
        if customer_id is not None:
            inner = inner.where(T.customer_id == customer_id)
            if self.session.get_bind().dialect.name == "sqlite":
                # Its open tickets' partial index (orm_queue), not its whole history
                # (the biggest customer's at 1M: 170,000 tickets, 230 -> 45 ms): the
                # literal open predicate lets SQLite match the index's. (PostgreSQL
                # plans well without it, and with it misjudged the rows: 38 -> 64 ms.)
                inner = inner.where(OPEN_PREDICATE)
        # Grouped outside: PostgreSQL will not match a CASE with bound values to itself.
        sub = inner.subquery()
        query = select(sub.c.priority, sub.c.age, func.count()).group_by(sub.c.priority, sub.c.age)
        return [AgeCount(int(p), str(a), int(n)) for p, a, n in self.session.execute(query)]

    def time_by_person(
        self, customer_id: int | None, start: datetime, end: datetime
    ) -> list[Minutes]:
        if self.use_rollups:
            return rollup_time.time_by_person(self.session, customer_id, start, end)
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

    def time_by_customer(
        self, customer_id: int | None, start: datetime, end: datetime
    ) -> list[Minutes]:
        if self.use_rollups:
            return rollup_time.time_by_customer(self.session, customer_id, start, end)
        """Minutes logged in the period per customer (code), most first. Work events
        are found through ``ix_ticket_events_work`` (logged time only, by moment)."""
        query = (
            select(Customer.code, func.sum(TicketEvent.minutes))
            .select_from(TicketEvent)
            .join(T, T.id == TicketEvent.ticket_id)
            .join(Customer, Customer.id == T.customer_id)
            .where(
                TicketEvent.minutes > 0,
                TicketEvent.occurred_at >= start,
                TicketEvent.occurred_at < end,
            )
            .group_by(Customer.code)
            .order_by(func.sum(TicketEvent.minutes).desc(), Customer.code)
        )
        if customer_id is not None:
            query = query.where(T.customer_id == customer_id)
        return [Minutes(str(c), int(m)) for c, m in self.session.execute(query)]

    def customer_timezone(self, customer_id: int) -> str | None:
        """The time zone of the customer's calendar: that of its latest contract."""
        return self.session.scalar(
            select(BusinessCalendarRow.timezone)
            .join(Contract, Contract.calendar_id == BusinessCalendarRow.id)
            .where(Contract.customer_id == customer_id)
            .order_by(Contract.valid_from.desc(), Contract.id.desc())
            .limit(1)
        )

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
        """Tickets without facts (from before the reports, or imported before imports
        wrote them), or all of them, by id."""
        query = select(T.id).order_by(T.id)
        if not everything:
            query = query.outerjoin(TicketFacts, TicketFacts.ticket_id == T.id).where(
                TicketFacts.ticket_id.is_(None)
            )
        return list(self.session.scalars(query))


def _share(value: Any) -> float | None:
    return None if value is None else float(value)
