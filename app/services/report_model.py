"""The figures of the reports, as plain data: the PDF, CSV and JSON writers and the
dashboard all read these; none of them knows SQL or Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


def hours(minutes: float | None) -> float | None:
    """Minutes as hours, at full precision: rounding is for display (PDF, CSV, GUI)."""
    return None if minutes is None else minutes / 60


@dataclass(frozen=True, slots=True)
class PublicEvent:
    at: datetime
    who: str
    what: str


@dataclass(frozen=True, slots=True)
class PersonTime:
    person: str
    minutes: int


@dataclass(frozen=True, slots=True)
class TicketReport:
    number: str
    subject: str
    customer_code: str
    customer_name: str
    contact: str | None
    product: str | None
    service_type: str
    category: str
    criticality: str
    priority: int
    status: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    problem_nature: str | None
    solution: str | None
    # Minutes; business time is what the contract's SLA clock counted.
    response_wall_minutes: int | None
    response_business_minutes: int | None
    resolution_wall_minutes: int | None
    resolution_business_minutes: int | None
    waiting_minutes: int
    response_target_minutes: int | None
    resolution_target_minutes: int | None
    response_met: bool | None
    resolution_met: bool | None
    sla_outcome: str  # "met", "missed", "in progress", "no SLA"
    reassignments: int
    reopenings: int
    time_logged: tuple[PersonTime, ...]
    time_logged_minutes: int
    history: tuple[PublicEvent, ...]
    generated_at: datetime
    imported_from: str | None = None  # e.g. "servicenow INC0000045"
    # The live SLA clocks of an open ticket ("on_track", "at_risk", "breached", "paused"),
    # so the PDF says "breached" where the queue does, not just "open".
    response_state: str | None = None
    resolution_state: str | None = None


@dataclass(frozen=True, slots=True)
class TimeFigures:
    """One duration measure over a group of tickets, in hours."""

    count: int
    median: float | None
    mean: float | None
    p90: float | None


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """The figures of one priority (or of all tickets: ``key`` "all")."""

    key: str
    tickets: int
    resolved: int
    unresolved: int
    response_wall: TimeFigures
    response_business: TimeFigures
    resolution_wall: TimeFigures
    resolution_business: TimeFigures
    response_met_pct: float | None
    resolution_met_pct: float | None
    sla_met_pct: float | None  # both clocks met; imported tickets: the source's made_sla
    sla_known: int  # tickets with a known SLA outcome (the percentage's base)
    reassignments: int
    reopenings: int
    reopened_tickets: int
    reopen_rate_pct: float | None  # reopened tickets / resolved tickets
    time_logged_minutes: int


@dataclass(frozen=True, slots=True)
class CountRow:
    key: str
    opened: int
    resolved: int


@dataclass(frozen=True, slots=True)
class Breach:
    number: str
    customer: str
    priority: int
    subject: str
    status: str
    opened_at: datetime
    measures: str  # "response", "resolution", "response, resolution", "imported: made_sla"


@dataclass(frozen=True, slots=True)
class BacklogCell:
    priority: int
    age: str
    tickets: int


@dataclass(frozen=True, slots=True)
class PeriodReport:
    scope: str  # customer code, or "all"
    scope_name: str
    start: date
    end: date  # inclusive
    generated_at: datetime
    opened: int
    resolved: int
    closed: int
    by_priority: tuple[GroupFigures, ...]
    total: GroupFigures
    by_category: tuple[CountRow, ...]
    by_service: tuple[CountRow, ...]
    by_product: tuple[CountRow, ...]
    breaches: tuple[Breach, ...]
    backlog: tuple[BacklogCell, ...]
    time_by_person: tuple[PersonTime, ...]
    notes: tuple[str, ...] = field(default=())
    # The calendar the period's days are counted in (the customer's contract calendar).
    timezone: str = "UTC"
    breaches_total: int = 0  # all the breaches; ``breaches`` lists at most BREACH_LIMIT
    breaches_truncated: bool = False
    time_by_customer: tuple[PersonTime, ...] = ()  # ``person`` holds the customer code


AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    # label, lower bound in days (the bucket runs to the next one's bound)
    ("under 1 day", 0),
    ("1-3 days", 1),
    ("3-7 days", 3),
    ("7-30 days", 7),
    ("over 30 days", 30),
)
