"""Answers for the SLA administrator before a ticket exists: which days a business
calendar is closed, and when a ticket opened now would be due.

Read-only; the arithmetic is the SLA clock's own (:mod:`app.domain.calendar`,
:func:`app.services.sla_clock.covering`), so the preview and a real ticket agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.calendar import BusinessCalendar, RoundTheClock, WorkingTime
from app.domain.errors import NotFound, ValidationError
from app.domain.tickets import Criticality, ServiceType, parse_enum
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.sla_clock import calendar_of, covering, target_of

MAX_PREVIEW_DAYS = 400


@dataclass(frozen=True, slots=True)
class ClosedDay:
    day: date
    why: str  # "weekend", "public holiday" or "closure"


@dataclass(frozen=True, slots=True)
class DuePreview:
    contract: str
    tier: str
    priority: int
    clock: str  # "business hours (GR)" or "24x7"
    opened_at: datetime
    response_due: datetime
    resolution_due: datetime


def closed_days(calendar: BusinessCalendar, start: date, days: int) -> list[ClosedDay]:
    """Every day from ``start`` on (``days`` of them) that the calendar does not work."""
    result: list[ClosedDay] = []
    for offset in range(days):
        day = start + timedelta(offset)
        if calendar.is_working_day(day):
            continue
        if day in calendar.closures:
            why = "closure"
        elif day.weekday() not in calendar.workdays:
            why = "weekend"
        else:
            why = "public holiday"
        result.append(ClosedDay(day, why))
    return result


class SlaPreviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def closed_days(
        self, actor: Actor, calendar: str, *, start: date | None = None, days: int = 365
    ) -> list[ClosedDay]:
        if not 1 <= days <= MAX_PREVIEW_DAYS:
            raise ValidationError(f"preview 1 … {MAX_PREVIEW_DAYS} days; got {days}.")
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            row = uow.sla.find_calendar(calendar.strip().upper())
            if row is None:
                raise NotFound(f"no business calendar {calendar!r}.")
            cal = calendar_of(row)
        first = start or self.ctx.clock.now().astimezone(cal.zone).date()
        return closed_days(cal, first, days)

    def due_now(
        self, actor: Actor, *, customer: str, criticality: str, service_type: str
    ) -> DuePreview:
        """When a ticket of this customer, criticality and service, opened now, is due."""
        crit = parse_enum(Criticality, "criticality", criticality)
        service = parse_enum(ServiceType, "service type", service_type)
        now = self.ctx.clock.now()
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            cust = uow.customers.get(clean_code("customer", customer))
            _valid, good = covering(uow.sla.customer_contracts(cust.id), service.value, now)
            if not good:
                raise ValidationError(
                    f"{cust.code} has no contract valid today that covers {service.value}."
                )
            contract = max(good, key=lambda c: (c.valid_from, c.id))
            row = uow.sla.target(contract.tier, crit.value)
            if row is None:
                raise ValidationError(f"tier {contract.tier} has no target for {crit.value}.")
            target = target_of(row)
            clock: WorkingTime = RoundTheClock()
            label = "24x7"
            if target.business_hours:
                clock = calendar_of(contract.calendar)
                label = f"business hours ({contract.calendar.code})"
            return DuePreview(
                contract=contract.code,
                tier=target.tier,
                priority=target.priority,
                clock=label,
                opened_at=now,
                response_due=clock.add(now, timedelta(minutes=target.response_minutes)),
                resolution_due=clock.add(now, timedelta(minutes=target.resolution_minutes)),
            )
