"""The rows the reports' repository returns (:mod:`app.persistence.reports_repository`):
durations in minutes, shares 0..1; the services turn them into hours and percentages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.persistence.orm import TicketEvent


@dataclass(frozen=True, slots=True)
class MeasureTotals:
    """One duration measure over a group, in minutes (None: no values)."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None


@dataclass(frozen=True, slots=True)
class GroupTotals:
    key: Any
    tickets: int
    resolved: int
    closed: int
    measures: dict[str, MeasureTotals]  # by the names of report_sql.MEASURES
    response_met: float | None  # shares 0..1 of the tickets with a known outcome
    resolution_met: float | None
    sla_met: float | None
    sla_known: int
    reassignments: int
    reopenings: int
    reopened: int  # tickets reopened at least once
    logged_minutes: int


@dataclass(frozen=True, slots=True)
class KeyCount:
    key: Any  # None: tickets without one
    opened: int
    resolved: int


@dataclass(frozen=True, slots=True)
class BreachRow:
    number: str
    customer: str
    priority: int
    subject: str
    status: str
    opened_at: datetime
    response: bool  # the response target was missed
    resolution: bool  # the resolution target was missed (or the ticket is breached)
    imported: bool  # the source system says the SLA was not made


@dataclass(frozen=True, slots=True)
class AgeCount:
    priority: int
    age: str
    tickets: int


@dataclass(frozen=True, slots=True)
class Minutes:
    who: str
    minutes: int


@dataclass(frozen=True, slots=True)
class WorkLogged:
    full_name: str
    username: str
    minutes: int


@dataclass(frozen=True, slots=True)
class EventBy:
    event: TicketEvent
    full_name: str
    username: str


@dataclass(frozen=True, slots=True)
class WeekTotals:
    resolved: int
    sla_known: int
    sla_met: float | None  # share 0..1


@dataclass(frozen=True, slots=True)
class OpenLoad:
    username: str
    full_name: str
    open_tickets: int


@dataclass(frozen=True, slots=True)
class RiskRow:
    number: str
    subject: str
    customer: str
    priority: int
    sla_state: str | None
    sla_due_at: datetime | None
    assignee: str | None
