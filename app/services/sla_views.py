"""What the SLA use cases return: contracts, calendars, clocks, a ticket's SLA, a scan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.sla import ClockReading
from app.persistence.orm_sla import BusinessCalendarRow, Contract


@dataclass(frozen=True)
class ContractView:
    code: str
    customer: str
    tier: str
    services: tuple[str, ...]
    valid_from: date
    valid_to: date | None
    calendar: str

    @classmethod
    def of(cls, c: Contract) -> ContractView:
        return cls(
            c.code,
            c.customer.code,
            c.tier,
            tuple(c.services.split(",")),
            c.valid_from,
            c.valid_to,
            c.calendar.code,
        )


@dataclass(frozen=True)
class CalendarView:
    code: str
    timezone: str
    workdays: str
    day_start: str
    day_end: str
    country: str | None
    subdivision: str | None
    closures: tuple[str, ...]


@dataclass(frozen=True)
class ClockView:
    target_minutes: int
    used_minutes: int
    left_minutes: int
    due_at: datetime | None
    at_risk_at: datetime | None
    state: str

    @classmethod
    def of(cls, r: ClockReading, *, due_known: bool = True) -> ClockView:
        return cls(
            int(r.target.total_seconds() // 60),
            int(r.used.total_seconds() // 60),
            int(r.left.total_seconds() // 60),
            r.due_at if due_known else None,
            r.at_risk_at if due_known else None,
            r.state.value,
        )


@dataclass(frozen=True)
class SlaView:
    number: str
    status: str
    priority: int
    covered: bool
    note: str  # "no contract", "out of contract" or the contract code
    tier: str | None = None
    clock: str | None = None  # "business hours (GR)" or "24x7"
    state: str | None = None
    due_at: datetime | None = None
    first_responded_at: datetime | None = None
    response: ClockView | None = None
    resolution: ClockView | None = None
    escalations: tuple[str, ...] = ()


@dataclass
class ScanReport:
    checked: int = 0
    escalations: list[tuple[str, str, str]] = field(default_factory=list)  # number, measure, th
    problems: list[str] = field(default_factory=list)


def calendar_view(row: BusinessCalendarRow) -> CalendarView:
    return CalendarView(
        row.code,
        row.timezone,
        row.workdays,
        row.day_start,
        row.day_end,
        row.country,
        row.subdivision,
        tuple(d for d in row.closures.split(",") if d),
    )
