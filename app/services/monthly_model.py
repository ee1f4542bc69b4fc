"""The monthly SLA report as plain data: the PDF, CSV, JSON and e-mail writers all read
these (no SQL, no Qt). Percentages are rounded to 3 decimals, minutes to 1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.services.report_model import Breach


@dataclass(frozen=True, slots=True)
class SystemAvailability:
    """One system under one service's availability target, for the month."""

    service_type: str
    system: str
    hours: str  # "24x7" or "business"
    target_pct: float
    scheduled_minutes: float
    maintenance_minutes: float
    downtime_minutes: float
    degraded_minutes: float
    availability_pct: float | None
    met: bool
    credit_pct: float


@dataclass(frozen=True, slots=True)
class OutageLine:
    ticket: str
    system: str
    environment: str
    kind: str
    started_at: datetime
    ended_at: datetime | None
    minutes_in_month: float
    source: str


@dataclass(frozen=True, slots=True)
class MaintenanceLine:
    system: str  # "" = every system
    starts_at: datetime
    ends_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class AlertLine:
    ticket: str
    alertname: str
    severity: str
    system: str
    starts_at: datetime
    received_at: datetime
    first_action_at: datetime | None
    detection_minutes: float
    acknowledge_minutes: float | None
    met: bool | None  # None: no target, or still waiting for an engineer


@dataclass(frozen=True, slots=True)
class MonitoringFigures:
    target_minutes: int | None
    alerts: int
    acknowledged: int
    met: int
    median_detection_minutes: float | None
    median_acknowledge_minutes: float | None
    max_acknowledge_minutes: float | None


@dataclass(frozen=True, slots=True)
class SupportLine:
    """Response and resolution compliance of one priority (tickets opened in the month)."""

    priority: str
    tickets: int
    resolved: int
    response_met_pct: float | None
    resolution_met_pct: float | None


@dataclass(frozen=True, slots=True)
class CreditLine:
    service_type: str
    system: str
    availability_pct: float | None
    target_pct: float
    credit_pct: float


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    customer_code: str
    customer_name: str
    month: str  # "2026-03"
    timezone: str
    period_start: datetime
    period_end: datetime
    contract: str | None
    tier: str | None
    services: tuple[str, ...]
    generated_at: datetime
    complete: bool  # False while the month is still running
    availability: tuple[SystemAvailability, ...]
    outages: tuple[OutageLine, ...]
    maintenance: tuple[MaintenanceLine, ...]
    monitoring: MonitoringFigures
    alerts: tuple[AlertLine, ...]
    support: tuple[SupportLine, ...]
    breaches: tuple[Breach, ...]
    credits: tuple[CreditLine, ...]
    notes: tuple[str, ...] = ()
