"""Outages on incident tickets, planned maintenance windows, and the annex targets of a
contract (availability, acknowledge time, credit bands).

Recording an outage (or its end) is a change of its ticket: an ``outage`` event in the
ticket's history, through the change pipeline, in the same transaction as the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.availability import (
    CreditBand,
    OutageKind,
    ServiceHours,
    parse_percent,
    percent_text,
)
from app.domain.errors import ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission
from app.domain.tickets import Category, ServiceType, clean_text, parse_enum
from app.persistence.orm import Ticket, User
from app.persistence.orm_annex import CreditBandRow, MaintenanceWindow, Outage, ServiceTarget
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.customers import clean_code
from app.services.history import append_event
from app.services.ticket_base import TicketActions
from app.services.ticket_changes import require_open

# The recurring services whose incidents can take a customer's system down.
OUTAGE_SERVICES = frozenset({ServiceType.MANAGED_HOSTING, ServiceType.SYSTEM_MONITORING})
SYSTEM_MAX = 100


def clean_system(value: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError("say which system is affected (e.g. erp-prod).")
    if len(text) > SYSTEM_MAX:
        raise ValidationError(f"a system name has at most {SYSTEM_MAX} characters.")
    return text


def aware(name: str, moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValidationError(f"{name} needs a time zone (e.g. 2026-03-05T10:00+02:00).")
    return moment


@dataclass(frozen=True, slots=True)
class OutageView:
    id: int
    ticket: str
    system: str
    environment: str
    kind: str
    started_at: datetime
    ended_at: datetime | None
    source: str

    @classmethod
    def of(cls, o: Outage, ticket_number: str) -> OutageView:
        return cls(
            o.id, ticket_number, o.system, o.environment, o.kind, o.started_at, o.ended_at, o.source
        )


@dataclass(frozen=True, slots=True)
class TargetView:
    contract: str
    service_type: str
    availability: str | None  # "99.5"
    hours: str
    acknowledge_minutes: int | None
    systems: tuple[str, ...]
    bands: tuple[tuple[str, str], ...]  # (below %, credit %)


def record_outage(
    uow: UnitOfWork,
    ticket: Ticket,
    me: User,
    now: datetime,
    *,
    system: str,
    kind: OutageKind,
    start: datetime,
    end: datetime | None,
    source: str,
) -> Outage:
    """The building block: the row and its ``outage`` event on ``ticket`` (the caller
    holds the ticket and finishes the change through the pipeline)."""
    if end is not None and end <= start:
        raise ValidationError("an outage must end after it starts.")
    if start > now:
        raise ValidationError("an outage cannot start in the future.")
    outage = Outage(
        ticket_id=ticket.id,
        customer_id=ticket.customer_id,
        system=system,
        environment=ticket.environment,
        kind=kind.value,
        started_at=start,
        ended_at=end,
        source=source,
        created_at=now,
    )
    uow.annex.add_outage(outage)
    uow.flush()
    append_event(
        uow,
        ticket,
        me,
        EventKind.OUTAGE,
        now,
        text=f"{kind.value} outage of {system}",
        data={
            "outage": outage.id,
            "system": system,
            "environment": ticket.environment,
            "outage_kind": kind.value,
            "start": start.isoformat(),
            "end": end.isoformat() if end else None,
        },
    )
    return outage


def end_outage(
    uow: UnitOfWork, ticket: Ticket, me: User, now: datetime, *, outage: Outage, end: datetime
) -> None:
    if outage.ended_at is not None:
        raise ValidationError(
            f"outage {outage.id} ended already ({outage.ended_at:%Y-%m-%d %H:%M})."
        )
    if end <= outage.started_at:
        raise ValidationError("an outage must end after it starts.")
    outage.ended_at = end
    append_event(
        uow,
        ticket,
        me,
        EventKind.OUTAGE,
        now,
        text=f"outage of {outage.system} ended",
        data={"outage": outage.id, "system": outage.system, "end": end.isoformat()},
    )


class OutageService(TicketActions):
    def record(
        self,
        actor: Actor,
        number: str,
        *,
        system: str,
        start: datetime,
        end: datetime | None = None,
        kind: str = OutageKind.FULL,
        expected_version: int | None = None,
    ) -> OutageView:
        """An engineer records that the ticket's incident took ``system`` down."""
        which = parse_enum(OutageKind, "outage kind", kind)
        name = clean_system(system)
        start = aware("the outage start", start)
        end = aware("the outage end", end) if end is not None else None
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            acting_user(uow, actor, Permission.WORK_TICKET)
            require_open(ticket, "record an outage on")
            _require_outage_ticket(ticket)
            outage = record_outage(
                uow,
                ticket,
                me,
                now,
                system=name,
                kind=which,
                start=start,
                end=end,
                source="manual",
            )
            self._done(uow, ticket)
            return OutageView.of(outage, ticket.number)

    def end(self, actor: Actor, number: str, outage_id: int, end: datetime) -> OutageView:
        end = aware("the outage end", end)
        with self._change(actor, number, None) as (uow, me, ticket, now):
            acting_user(uow, actor, Permission.WORK_TICKET)
            outage = uow.annex.outage(outage_id)
            if outage is None or outage.ticket_id != ticket.id:
                raise ValidationError(f"{ticket.number} has no outage {outage_id}.")
            end_outage(uow, ticket, me, now, outage=outage, end=end)
            self._done(uow, ticket)
            return OutageView.of(outage, ticket.number)

    def of_ticket(self, actor: Actor, number: str) -> list[OutageView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            ticket = uow.tickets.get(number)
            return [OutageView.of(o, ticket.number) for o in uow.annex.outages_of_ticket(ticket.id)]

    # -- planned maintenance ---------------------------------------------------------------

    def add_maintenance(
        self,
        actor: Actor,
        *,
        customer: str,
        start: datetime,
        end: datetime,
        system: str = "",
        note: str = "",
    ) -> int:
        """A maintenance window agreed with the customer (empty system: all of them)."""
        start, end = aware("the window start", start), aware("the window end", end)
        if end <= start:
            raise ValidationError("a maintenance window must end after it starts.")
        name = clean_system(system) if system.strip() else ""
        note = clean_text("note", note, max_len=2000, required=False)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            cust = uow.customers.get(clean_code("customer", customer))
            window = MaintenanceWindow(
                customer_id=cust.id,
                system=name,
                starts_at=start,
                ends_at=end,
                note=note,
                created_by_id=me.id,
                created_at=self.ctx.clock.now(),
            )
            uow.annex.add_maintenance(window)
            uow.flush()
            uow.commit()
            return window.id

    # -- contract targets ------------------------------------------------------------------

    def set_target(
        self,
        actor: Actor,
        *,
        contract: str,
        service_type: str,
        availability: str | None = None,
        hours: str = ServiceHours.ROUND_THE_CLOCK,
        acknowledge_minutes: int | None = None,
        systems: Sequence[str] = (),
        bands: Sequence[str] = (),
    ) -> TargetView:
        """Set (or replace) what ``contract`` promises for one service. ``bands`` are
        "BELOW:CREDIT" percentages, e.g. "99.5:5" = below 99.5 % the credit is 5 %."""
        service = parse_enum(ServiceType, "service type", service_type)
        scope = parse_enum(ServiceHours, "service hours", hours)
        target_milli = (
            parse_percent("the availability target", availability) if availability else None
        )
        if acknowledge_minutes is not None and not 0 < acknowledge_minutes <= 7 * 24 * 60:
            raise ValidationError("the acknowledge target is 1 to 10080 minutes.")
        if target_milli is None and acknowledge_minutes is None:
            raise ValidationError("give an availability target, an acknowledge target, or both.")
        parsed = [_band(text) for text in bands]
        if parsed and target_milli is None:
            raise ValidationError("credit bands need an availability target.")
        if len({b.below_milli for b in parsed}) != len(parsed):
            raise ValidationError("two credit bands have the same threshold.")
        for band in parsed:
            if target_milli is not None and band.below_milli > target_milli:
                raise ValidationError(
                    f"a credit band below {percent_text(band.below_milli)} % starts above the "
                    f"target ({percent_text(target_milli)} %)."
                )
        names = sorted({clean_system(s) for s in systems if s.strip()})
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            row = uow.annex.contract(clean_code("contract", contract))
            if row is None:
                raise ValidationError(f"no contract {contract!r}.")
            if service.value not in row.services.split(","):
                raise ValidationError(
                    f"contract {row.code} does not cover {service.value}; it covers {row.services}."
                )
            target = uow.annex.target(row.id, service.value)
            if target is None:
                target = ServiceTarget(contract_id=row.id, service_type=service.value)
                uow.annex.add_target(target)
            target.availability_milli = target_milli
            target.hours = scope.value
            target.acknowledge_minutes = acknowledge_minutes
            target.systems = ",".join(names)
            # Old bands go first: the new ones may reuse their thresholds (unique key).
            target.bands = []
            uow.flush()
            target.bands = [
                CreditBandRow(below_milli=b.below_milli, credit_milli=b.credit_milli)
                for b in parsed
            ]
            uow.flush()
            view = target_view(row.code, target)
            uow.commit()
            return view

    def targets(self, actor: Actor, customer: str) -> list[TargetView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            cust = uow.customers.get(clean_code("customer", customer))
            contracts = {c.id: c.code for c in uow.sla.customer_contracts(cust.id)}
            return [
                target_view(contracts[t.contract_id], t)
                for t in uow.annex.targets_of(list(contracts))
            ]


def target_view(contract_code: str, t: ServiceTarget) -> TargetView:
    return TargetView(
        contract=contract_code,
        service_type=t.service_type,
        availability=percent_text(t.availability_milli) if t.availability_milli else None,
        hours=t.hours,
        acknowledge_minutes=t.acknowledge_minutes,
        systems=tuple(s for s in t.systems.split(",") if s),
        bands=tuple(
            (percent_text(b.below_milli), percent_text(b.credit_milli))
            for b in sorted(t.bands, key=lambda b: -b.below_milli)
        ),
    )


def _band(text: str) -> CreditBand:
    below, sep, credit = text.partition(":")
    if not sep:
        raise ValidationError(f"a credit band is BELOW:CREDIT, e.g. 99.5:5 (got {text!r}).")
    return CreditBand(
        parse_percent("a credit band's threshold", below),
        parse_percent("a credit band's credit", credit),
    )


def _require_outage_ticket(ticket: Ticket) -> None:
    if ticket.category != Category.INCIDENT.value or ticket.service_type not in OUTAGE_SERVICES:
        raise ValidationError(
            f"{ticket.number} is a {ticket.category} on {ticket.service_type}; outages are "
            "recorded on incidents of managed hosting or system monitoring."
        )
