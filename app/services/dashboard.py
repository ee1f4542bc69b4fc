"""The manager dashboard's figures, and the tickets behind each of them (click-through).

All in SQL over indexed columns: the SLA trend groups resolutions of the last weeks
(``tickets.resolved_at``), the backlog and the load count open tickets by status and
assignee, and "at risk now" reads the SLA state the SLA hook keeps on every ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import Role
from app.persistence.unit_of_work import UnitOfWork
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
            reports = uow.reports
            now = self.ctx.clock.now()
            starts = [now - timedelta(weeks=weeks - i) for i in range(weeks)]
            weekly = reports.resolutions_by_week(starts, now)
            trend = []
            for i, start in enumerate(starts):
                week = weekly.get(i)
                if week is None:
                    trend.append(TrendPoint(start, 0, 0, None))
                    continue
                pct = None if week.sla_met is None else round(week.sla_met * 100, 1)
                trend.append(TrendPoint(start, week.resolved, week.sla_known, pct))
            load = [
                EngineerLoad(e.username, e.full_name or e.username, e.open_tickets)
                for e in reports.open_load()
            ]
            return DashboardFigures(
                generated_at=now,
                trend=tuple(trend),
                backlog=tuple(q.backlog(reports, None, now)),
                load=tuple(load),
                at_risk=tuple(
                    AtRiskTicket(
                        r.number,
                        r.subject,
                        r.customer,
                        r.priority,
                        r.sla_state or "",
                        r.sla_due_at,
                        r.assignee,
                    )
                    for r in reports.at_risk(AT_RISK_LIMIT)
                ),
            )

    def tickets_behind(self, actor: Actor, figure: str, key: Any) -> list[str]:
        """Numbers of the tickets a figure counts (``CLICK_LIMIT`` at most):
        ``("backlog", (priority, age))``, ``("load", username)``, ``("trend", week_start)``
        with the week's start as the dashboard gave it."""
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            _reader(uow, actor)
            reports = uow.reports
            now = self.ctx.clock.now()
            if figure == "backlog":
                priority, age = key
                labels = [label for label, _ in AGE_BUCKETS]
                if age not in labels:
                    raise ValidationError(f"unknown backlog age {age!r}.")
                i = labels.index(age)
                younger = (
                    now - timedelta(days=AGE_BUCKETS[i + 1][1])
                    if i + 1 < len(AGE_BUCKETS)
                    else None
                )
                return reports.backlog_numbers(
                    int(priority),
                    now - timedelta(days=AGE_BUCKETS[i][1]),
                    younger,
                    CLICK_LIMIT,
                )
            if figure == "load":
                return reports.open_numbers_of(str(key), CLICK_LIMIT)
            if figure == "trend":
                start: datetime = key
                end = min(start + timedelta(weeks=1), now)
                return reports.resolved_numbers(start, end, CLICK_LIMIT)
            raise ValidationError(f"unknown dashboard figure {figure!r}.")


def _reader(uow: UnitOfWork, actor: Actor) -> None:
    me = acting_user(uow, actor)
    if Role(me.role) not in DASHBOARD_READERS:
        raise PermissionDenied(
            f"{me.username} ({me.role}) may not open the manager dashboard; "
            "allowed roles: admin, manager."
        )
