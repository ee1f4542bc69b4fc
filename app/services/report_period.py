"""The period report's figures, from the reports' repository (``uow.reports``): every
figure is an aggregation over indexed columns of the tickets and their facts, ours or
the ones another help desk recorded for tickets imported from it. Here the minutes
and shares the repository returns become the hours and percentages of the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.persistence.report_rows import GroupTotals, MeasureTotals
from app.persistence.reports_repository import ReportRepository
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

BREACH_LIMIT = 500  # breaches listed; the report says how many there are in all


def _pct(value: float | None) -> float | None:
    # Full precision: the PDF, CSV and screens round for display.
    return None if value is None else float(value) * 100


def _times(m: MeasureTotals) -> TimeFigures:
    return TimeFigures(count=m.count, median=hours(m.median), mean=hours(m.mean), p90=hours(m.p90))


def _figures(g: GroupTotals) -> GroupFigures:
    reopened = g.reopened
    return GroupFigures(
        key=str(g.key),
        tickets=g.tickets,
        resolved=g.resolved,
        unresolved=g.tickets - g.resolved,
        response_wall=_times(g.measures["response_wall"]),
        response_business=_times(g.measures["response_business"]),
        resolution_wall=_times(g.measures["resolution_wall"]),
        resolution_business=_times(g.measures["resolution_business"]),
        response_met_pct=_pct(g.response_met),
        resolution_met_pct=_pct(g.resolution_met),
        sla_met_pct=_pct(g.sla_met),
        sla_known=g.sla_known,
        reassignments=g.reassignments,
        reopenings=g.reopenings,
        reopened_tickets=reopened,
        reopen_rate_pct=100 * reopened / g.resolved if g.resolved else None,
        time_logged_minutes=g.logged_minutes,
    )


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    by_priority: tuple[GroupFigures, ...]
    total: GroupFigures
    closed: int  # tickets opened in the period that are closed now


def period_figures(
    reports: ReportRepository, customer_id: int | None, start: datetime, end: datetime
) -> PeriodFigures:
    """The figures per priority and over all the tickets opened in the period, from
    one aggregation (the headline counts are the "all" row's)."""
    totals = reports.period_totals(customer_id, start, end)
    keys = sorted((k for k in totals if k != "all"), key=int)
    everything = totals.get("all")
    return PeriodFigures(
        by_priority=tuple(_figures(totals[k]) for k in keys),
        total=_figures(everything) if everything else empty_figures("all"),
        closed=everything.closed if everything else 0,
    )


def counts_by(
    reports: ReportRepository, customer_id: int | None, start: datetime, end: datetime, by: str
) -> list[CountRow]:
    return [
        CountRow(str(c.key) if c.key is not None else "(none)", c.opened, c.resolved)
        for c in reports.counts_by(customer_id, start, end, by)
    ]


def breaches(
    reports: ReportRepository,
    customer_id: int | None,
    start: datetime,
    end: datetime,
    limit: int = BREACH_LIMIT,
) -> tuple[list[Breach], int]:
    """The first ``limit`` breaches, oldest first, and how many there are in all."""
    found = []
    rows, total = reports.breaches(customer_id, start, end, limit)
    for b in rows:
        measures = [m for m, hit in (("response", b.response), ("resolution", b.resolution)) if hit]
        if b.imported:
            measures.append("imported: SLA not made")
        found.append(
            Breach(
                b.number,
                b.customer,
                b.priority,
                b.subject,
                b.status,
                b.opened_at,
                ", ".join(measures),
            )
        )
    return found, total


def backlog(reports: ReportRepository, customer_id: int | None, now: datetime) -> list[BacklogCell]:
    order = {label: i for i, (label, _) in enumerate(AGE_BUCKETS)}
    cells = [
        BacklogCell(c.priority, c.age, c.tickets)
        for c in reports.backlog(customer_id, now, AGE_BUCKETS)
    ]
    return sorted(cells, key=lambda c: (c.priority, order[c.age]))


def time_by_person(
    reports: ReportRepository, customer_id: int | None, start: datetime, end: datetime
) -> list[PersonTime]:
    return [PersonTime(m.who, m.minutes) for m in reports.time_by_person(customer_id, start, end)]


def time_by_customer(
    reports: ReportRepository, customer_id: int | None, start: datetime, end: datetime
) -> list[PersonTime]:
    return [PersonTime(m.who, m.minutes) for m in reports.time_by_customer(customer_id, start, end)]


def empty_figures(key: str) -> GroupFigures:
    none = TimeFigures(0, None, None, None)
    return GroupFigures(key, 0, 0, 0, none, none, none, none, None, None, None, 0, 0, 0, 0, None, 0)
