"""The manager dashboard's figures, and the tickets behind each of them (click-through).

All in SQL over indexed columns: the SLA trend groups resolutions of the last weeks
(``tickets.resolved_at``), the backlog and the load count open tickets by status and
assignee, and "at risk now" reads the SLA state the SLA hook keeps on every ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Float, case, cast, func, select

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import Role
from app.persistence.orm import Customer, Ticket, User
from app.services import report_period as q
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.report_model import AGE_BUCKETS, BacklogCell

DASHBOARD_READERS = frozenset({Role.MANAGER, Role.ADMIN})
AT_RISK_LIMIT = 200
CLICK_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class TrendPoint:
    start: datetime  # the week runs from here for seven days
    resolved: int
    sla_known: int
    sla_met_pct: float | None


@dataclass(frozen=True, slots=True)
class EngineerLoad:
    username: str
    name: str
    open_tickets: int


@dataclass(frozen=True, slots=True)
class AtRiskTicket:
    number: str
    subject: str
    customer: str
    priority: int
    state: str  # at_risk | breached
    due_at: datetime | None
    assignee: str | None


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    generated_at: datetime
    trend: tuple[TrendPoint, ...]
    backlog: tuple[BacklogCell, ...]
    load: tuple[EngineerLoad, ...]
    at_risk: tuple[AtRiskTicket, ...]


class DashboardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def figures(self, actor: Actor, *, weeks: int = 8) -> DashboardFigures:
        if not 1 <= weeks <= 104:
            raise ValidationError("the SLA trend covers 1 to 104 weeks.")
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            _reader(uow, actor)
            s = uow.session
            now = self.ctx.clock.now()
            starts = [now - timedelta(weeks=weeks - i) for i in range(weeks)]
            week = _week(starts)
            inner = q.joined(select(week.label("week"), q.SLA_MET.label("met"))).where(
                Ticket.resolved_at >= starts[0], Ticket.resolved_at < now
            )
            sub = inner.subquery()
            rows = {
                int(w): (int(n), int(k), avg)
                for w, n, k, avg in s.execute(
                    select(
                        sub.c.week,
                        func.count(),
                        func.count(sub.c.met),
                        func.avg(cast(sub.c.met, Float)),
                    ).group_by(sub.c.week)
                )
            }
            trend = []
            for i, start in enumerate(starts):
                n, k, avg = rows.get(i, (0, 0, None))
                pct = None if avg is None else round(float(avg) * 100, 1)
                trend.append(TrendPoint(start, n, k, pct))
            load = [
                EngineerLoad(u, f or u, int(n))
                for u, f, n in s.execute(
                    select(User.username, User.full_name, func.count(Ticket.id))
                    .join(Ticket, Ticket.assignee_id == User.id)
                    .where(Ticket.status.in_(q.BACKLOG))
                    .group_by(User.username, User.full_name)
                    .order_by(func.count(Ticket.id).desc(), User.username)
                )
            ]
            assignee = User.username
            risky = s.execute(
                select(
                    Ticket.number,
                    Ticket.subject,
                    Customer.code,
                    Ticket.priority,
                    Ticket.sla_state,
                    Ticket.sla_due_at,
                    assignee,
                )
                .join(Customer, Customer.id == Ticket.customer_id)
                .outerjoin(User, User.id == Ticket.assignee_id)
                .where(Ticket.sla_state.in_(("at_risk", "breached")))
                .where(Ticket.status.in_(q.BACKLOG))
                .order_by(Ticket.sla_due_at, Ticket.id)
                .limit(AT_RISK_LIMIT)
            ).all()
            return DashboardFigures(
                generated_at=now,
                trend=tuple(trend),
                backlog=tuple(q.backlog(s, None, now)),
                load=tuple(load),
                at_risk=tuple(
                    AtRiskTicket(n, subject, c, p, state or "", due, who)
                    for n, subject, c, p, state, due, who in risky
                ),
            )

    def tickets_behind(self, actor: Actor, figure: str, key: Any) -> list[str]:
        """Numbers of the tickets a figure counts (``CLICK_LIMIT`` at most):
        ``("backlog", (priority, age))``, ``("load", username)``, ``("trend", week_start)``
        with the week's start as the dashboard gave it."""
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            _reader(uow, actor)
            s = uow.session
            now = self.ctx.clock.now()
            query = select(Ticket.number).order_by(Ticket.priority, Ticket.created_at, Ticket.id)
            if figure == "backlog":
                priority, age = key
                labels = [label for label, _ in AGE_BUCKETS]
                if age not in labels:
                    raise ValidationError(f"unknown backlog age {age!r}.")
                i = labels.index(age)
                query = query.where(
                    Ticket.status.in_(q.BACKLOG),
                    Ticket.priority == int(priority),
                    Ticket.created_at <= now - timedelta(days=AGE_BUCKETS[i][1]),
                )
                if i + 1 < len(AGE_BUCKETS):
                    query = query.where(
                        Ticket.created_at > now - timedelta(days=AGE_BUCKETS[i + 1][1])
                    )
            elif figure == "load":
                query = query.join(User, User.id == Ticket.assignee_id).where(
                    User.username == str(key), Ticket.status.in_(q.BACKLOG)
                )
            elif figure == "trend":
                start: datetime = key
                query = query.where(
                    Ticket.resolved_at >= start,
                    Ticket.resolved_at < min(start + timedelta(weeks=1), now),
                )
            else:
                raise ValidationError(f"unknown dashboard figure {figure!r}.")
            return list(s.scalars(query.limit(CLICK_LIMIT)))


def _reader(uow: Any, actor: Actor) -> None:
    me = acting_user(uow, actor)
    if Role(me.role) not in DASHBOARD_READERS:
        raise PermissionDenied(
            f"{me.username} ({me.role}) may not open the manager dashboard; "
            "allowed roles: admin, manager."
        )


def _week(starts: list[datetime]) -> Any:
    """The index of the week a resolution falls in, by comparing with fixed instants."""
    whens = [(Ticket.resolved_at >= start, i) for i, start in reversed(list(enumerate(starts)))]
    return case(*whens, else_=-1)
