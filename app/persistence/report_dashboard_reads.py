"""The manager dashboard's reads (a part of :class:`ReportRepository`, ``uow.reports``):
the weekly resolution trend from ``report_resolved_days``, the open load, the tickets at
risk, and the tickets behind each figure (click-through)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, Select, case, cast, func, select, text
from sqlalchemy.orm import Session

from app.persistence import report_rollup_time as rollup_time
from app.persistence.orm import Customer, User
from app.persistence.orm_reports import AT_RISK
from app.persistence.report_rows import OpenLoad, RiskRow, WeekTotals
from app.persistence.report_sql import BACKLOG, SLA_MET, T, joined


class DashboardReads:
    session: Session
    use_rollups: bool

    def resolutions_by_week(
        self, starts: Sequence[datetime], now: datetime
    ) -> dict[int, WeekTotals]:
        """Tickets resolved from ``starts[0]`` to ``now`` per week (the index of the
        week's start in ``starts``), with the share that met the SLA."""
        if self.use_rollups:
            return rollup_time.resolutions_by_week(self.session, starts, now)
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
        if self.session.get_bind().dialect.name == "sqlite":
            # Per user, one seek per open status in ix_tickets_assignee_status.
            rows = self.session.connection().execute(
                select(User.username, User.full_name, func.count(T.id))
                .join(T, T.assignee_id == User.id)
                .where(T.status.in_(BACKLOG))
                .group_by(User.username, User.full_name)
                .order_by(func.count(T.id).desc(), User.username)
            )
            return [OpenLoad(u, f, int(n)) for u, f, n in rows]
        # PostgreSQL: counted per assignee id over the open-status index first, then
        # named: joining users before counting hashed 75,000 rows (1M: ~20 of ~65 ms).
        # (SQLite would walk every assigned ticket's entry for this one: 10 -> 140 ms.)
        counted = (
            select(T.assignee_id.label("uid"), func.count().label("n"))
            .where(T.status.in_(BACKLOG), T.assignee_id.is_not(None))
            .group_by(T.assignee_id)
            .subquery()
        )
        rows = self.session.connection().execute(
            select(User.username, User.full_name, counted.c.n)
            .join(counted, counted.c.uid == User.id)
            .order_by(counted.c.n.desc(), User.username)
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
            .where(AT_RISK)  # ix_tickets_at_risk_due, walked in deadline order
            .where(T.status.in_(BACKLOG))
            .where(*self._first_at_risk(limit))
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

    def _first_at_risk(self, limit: int) -> list[ColumnElement[bool]]:
        # SQLite otherwise reads every at-risk ticket by ix_tickets_sla_state and sorts
        # them (78,000 at a million tickets: 0.25-0.4 s) to keep the first 200; it takes
        # no index hint through SQLAlchemy, so the ids come from a statement naming it.
        if self.session.get_bind().dialect.name != "sqlite":
            return []
        statuses = ", ".join(f"'{s}'" for s in BACKLOG)
        first = text(
            "SELECT id FROM tickets INDEXED BY ix_tickets_at_risk_due "
            f"WHERE sla_state IN ('at_risk', 'breached') AND status IN ({statuses}) "
            "ORDER BY sla_due_at, id LIMIT :first"
        ).bindparams(first=limit)
        return [T.id.in_(first.columns(id=Integer))]

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
