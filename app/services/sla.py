"""SLA use cases: contracts, targets, calendars, priority override, SLA view, scan.

The per-ticket bookkeeping (contract check at opening, SLA columns after each change,
customer e-mails) is :class:`app.services.sla_clock.SlaHook`, re-exported here.
``scan`` is what ``supportdesk sla scan`` (cron) and the desktop client's timer run:
it only visits tickets whose next threshold instant has come (an indexed column), and
it is safe to run from several places at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time
from functools import partial
from typing import Any

from app.domain.calendar import BusinessCalendar, load_holiday_rules, parse_workdays
from app.domain.errors import Conflict, DomainError, NotFound, ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission
from app.domain.sla import SlaState, Target
from app.domain.tickets import Criticality, ServiceType, clean_text, parse_enum
from app.persistence.orm import Ticket
from app.persistence.orm_sla import BusinessCalendarRow, Contract, SlaTargetRow
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.dto import TicketView
from app.services.history import append_event
from app.services.pipeline import ChangePipeline
from app.services.report_facts import refresh_and_count
from app.services.runner import TicketRunner, run_now
from app.services.sla_clock import (
    SlaHook,
    clock_row,
    escalations_done,
    evaluate,
    refresh,
    target_of,
)
from app.services.sla_escalation import escalate
from app.services.sla_views import (
    CalendarView,
    ClockView,
    ContractView,
    ScanReport,
    SlaView,
    calendar_view,
)

__all__ = [
    "CalendarView",
    "ClockView",
    "ContractView",
    "ScanReport",
    "SlaHook",
    "SlaService",
    "SlaView",
]

SCAN_BATCH = 500


class SlaService:
    def __init__(self, ctx: ServiceContext, pipeline: ChangePipeline | None = None) -> None:
        self.ctx = ctx
        # The ticket changes' one path, so a change made here (override, escalation) is
        # seen by every hook.
        self.pipeline = pipeline or ChangePipeline()

    def warm_up(self) -> None:
        """Load, ahead of the first SLA clock, what its calendar needs and is slow to load
        once per process (the public holidays' rules); for a desk's worker thread."""
        load_holiday_rules()

    # -- contracts -----------------------------------------------------------------------------

    def add_contract(
        self,
        actor: Actor,
        *,
        customer: str,
        tier: str,
        services: Sequence[str],
        valid_from: date,
        valid_to: date | None = None,
        calendar: str = "GR",
        code: str | None = None,
    ) -> ContractView:
        wanted = sorted(
            {parse_enum(ServiceType, "service type", s.strip()).value for s in services}
        )
        if not wanted:
            raise ValidationError("a contract covers at least one service.")
        if valid_to is not None and valid_to < valid_from:
            raise ValidationError("a contract cannot end before it starts.")
        with (
            self.ctx.db.unit_of_work() as uow,
            storage_errors("that contract code exists already."),
        ):
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            cust = uow.customers.get(clean_code("customer", customer))
            tier_name = self._tier(uow, tier)
            cal = self._calendar(uow, calendar)
            if code:
                code = clean_code("contract", code)
            else:
                count = uow.sla.contract_count(cust.id)
                code = f"{cust.code}-{count + 1}"
            if uow.sla.contract_exists(code):
                raise ValidationError(f"a contract {code} exists already.")
            contract = Contract(
                code=code,
                customer=cust,
                tier=tier_name,
                services=",".join(wanted),
                valid_from=valid_from,
                valid_to=valid_to,
                calendar=cal,
                created_at=self.ctx.clock.now(),
            )
            uow.sla.add_contract(contract)
            uow.flush()
            view = ContractView.of(contract)
            uow.commit()
            return view

    def list_contracts(self, actor: Actor, customer: str | None = None) -> list[ContractView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            customer_id = None
            if customer:
                customer_id = uow.customers.get(clean_code("customer", customer)).id
            return [ContractView.of(c) for c in uow.sla.contracts(customer_id)]

    # -- targets and calendars -----------------------------------------------------------------

    def targets(self, actor: Actor) -> list[Target]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            rows = uow.sla.targets()
            order = {c.value: i for i, c in enumerate(Criticality)}
            targets = [target_of(r) for r in rows]
            return sorted(targets, key=lambda t: (t.priority, t.tier, order[t.criticality]))

    def set_target(
        self,
        actor: Actor,
        *,
        tier: str,
        criticality: str,
        priority: int,
        response_minutes: int,
        resolution_minutes: int,
        business_hours: bool = True,
    ) -> Target:
        """Create or change one tier × criticality target (new tickets use it)."""
        name = clean_text("tier", tier, max_len=32)
        target = Target(
            name,
            parse_enum(Criticality, "criticality", criticality),
            priority,
            response_minutes,
            resolution_minutes,
            business_hours,
        )
        with self.ctx.db.unit_of_work() as uow:
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            row = uow.sla.target(name, target.criticality.value)
            if row is None:
                row = SlaTargetRow(tier=name, criticality=target.criticality.value)
                uow.sla.add_target(row)
            row.priority = priority
            row.response_minutes = response_minutes
            row.resolution_minutes = resolution_minutes
            row.business_hours = business_hours
            uow.commit()
            return target

    def add_calendar(
        self,
        actor: Actor,
        *,
        code: str,
        timezone: str,
        workdays: str = "mon-fri",
        day_start: str = "09:00",
        day_end: str = "17:00",
        country: str | None = None,
        subdivision: str | None = None,
        closures: Sequence[date] = (),
    ) -> CalendarView:
        try:
            opens, closes = time.fromisoformat(day_start), time.fromisoformat(day_end)
        except ValueError:
            raise ValidationError("working hours look like 09:00 and 17:00.") from None
        cal = BusinessCalendar(
            timezone=timezone,
            workdays=parse_workdays(workdays),
            day_start=opens,
            day_end=closes,
            country=(country or "").upper() or None,
            subdivision=subdivision or None,
            closures=frozenset(closures),
        )
        row = BusinessCalendarRow(
            code=clean_code("calendar", code),
            timezone=cal.timezone,
            workdays=",".join(str(d) for d in sorted(cal.workdays)),
            day_start=opens.strftime("%H:%M"),
            day_end=closes.strftime("%H:%M"),
            country=cal.country,
            subdivision=cal.subdivision,
            closures=",".join(sorted(d.isoformat() for d in cal.closures)),
        )
        with (
            self.ctx.db.unit_of_work() as uow,
            storage_errors("that calendar code exists already."),
        ):
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            uow.sla.add_calendar(row)
            uow.commit()
            return calendar_view(row)

    def calendars(self, actor: Actor) -> list[CalendarView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return [calendar_view(r) for r in uow.sla.calendars()]

    # -- tickets -------------------------------------------------------------------------------

    def override_priority(
        self,
        actor: Actor,
        number: str,
        priority: int,
        reason: str,
        *,
        expected_version: int | None = None,
    ) -> TicketView:
        """A manager sets a ticket's priority against the SLA's, saying why."""
        if not 1 <= priority <= 4:
            raise ValidationError(f"priority must be 1 (P1) … 4 (P4); got {priority}.")
        why = clean_text("reason", reason, max_len=4000)
        stale = f"{number} was changed by someone else meanwhile; reload it and try again."
        with storage_errors(stale), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor, Permission.OVERRIDE_PRIORITY)
            ticket = uow.tickets.get(number, lock=True)
            if expected_version is not None and ticket.version != expected_version:
                raise Conflict(stale)
            if ticket.status in ("closed", "cancelled"):
                raise ValidationError(f"{ticket.number} is {ticket.status}; its priority is final.")
            if ticket.priority == priority:
                raise ValidationError(f"{ticket.number} is already P{priority}.")
            now = self.ctx.clock.now()
            old = ticket.priority
            ticket.priority = priority
            append_event(
                uow,
                ticket,
                me,
                EventKind.FIELD,
                now,
                field_name="priority",
                old=str(old),
                new=str(priority),
                text=why,
                data={"override": True},
            )
            self.pipeline.finish(uow, ticket)
            uow.commit()
            return TicketView.of(ticket)

    def show(self, actor: Actor, number: str) -> SlaView:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            ticket = uow.tickets.get(number)
            clock = uow.sla.clock(ticket.id)
            now = self.ctx.clock.now()
            sla = evaluate(uow, ticket, clock, now) if clock is not None else None
            base: dict[str, Any] = {
                "number": ticket.number,
                "status": ticket.status,
                "priority": ticket.priority,
            }
            if sla is None or clock is None:
                note = "out of contract" if _out_of_contract(uow, ticket) else "no contract"
                return SlaView(**base, covered=False, note=note)
            calendar = clock.calendar.code if clock.calendar else "-"
            paused = not sla.resolution.running and not sla.resolution.finished
            return SlaView(
                **base,
                covered=True,
                note=clock.contract.code if clock.contract else "-",
                tier=clock.tier,
                clock=f"business hours ({calendar})" if clock.business_hours else "24x7",
                state=sla.state.value if sla.state else None,
                due_at=sla.due_at,
                first_responded_at=ticket.first_responded_at,
                response=ClockView.of(sla.response),
                resolution=ClockView.of(sla.resolution, due_known=not paused),
                escalations=tuple(
                    f"{m.value} {t.value}" for m, t in sorted(escalations_done(uow, ticket))
                ),
            )

    def scan(self, *, limit: int = SCAN_BATCH, each: TicketRunner = run_now) -> ScanReport:
        """Escalate every ticket whose next SLA threshold has come (run by cron and the
        desktop client's timer). Each ticket is its own transaction, authored by the
        system user; a ticket that fails is reported and retried next time. ``each``
        runs each ticket's transaction (the background jobs give SQLite's write lock
        way there: app/services/background.py)."""
        report = ScanReport()
        now = self.ctx.clock.now()
        with self.ctx.db.unit_of_work(write=False) as uow:
            due = uow.sla.due_ticket_ids(now, limit)
        for ticket_id in due:
            report.checked += 1
            try:
                report.escalations.extend(each(partial(self._scan_one, ticket_id, now)))
            except DomainError as exc:
                report.problems.append(f"ticket id {ticket_id}: {exc.message}")
        return report

    def _scan_one(self, ticket_id: int, now: datetime) -> list[tuple[str, str, str]]:
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            ticket = uow.sla.lock_ticket(ticket_id)
            if ticket is None:
                raise NotFound(f"no ticket with id {ticket_id}.")
            clock = clock_row(uow, ticket)
            sla = evaluate(uow, ticket, clock, now)
            fired = escalate(uow, ticket, sla, now) if sla is not None else []
            if fired:
                self.pipeline.finish(uow, ticket)
            else:
                was = ticket.sla_state
                refresh(uow, ticket, now)
                if (was == SlaState.BREACHED) != (ticket.sla_state == SlaState.BREACHED):
                    # The report rollups count breached tickets (report_facts): rare here,
                    # as a breach fires its escalation and goes through the pipeline.
                    refresh_and_count(uow, ticket, now, opening=False)
            uow.commit()
            return [(ticket.number, m.value, t.value) for m, t in fired]

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _tier(uow: UnitOfWork, tier: str) -> str:
        names = {n.lower(): n for n in uow.sla.tiers()}
        found = names.get(tier.strip().lower())
        if found is None:
            raise ValidationError(
                f"unknown tier {tier!r}; tiers: {', '.join(sorted(names.values()))} "
                "(a new tier gets its targets with `supportdesk sla target`)."
            )
        return found

    @staticmethod
    def _calendar(uow: UnitOfWork, code: str) -> BusinessCalendarRow:
        row = uow.sla.find_calendar(code.strip().upper())
        if row is None:
            raise NotFound(f"no business calendar {code!r}.")
        return row

    # -- administration (desktop client's Contracts section) ------------------------------

    def set_contract_end(self, actor: Actor, code: str, valid_to: date | None) -> ContractView:
        """End a contract on ``valid_to`` (or make it open-ended again); contracts are
        never deleted, tickets refer to them."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            wanted = clean_code("contract", code)
            contract = next((c for c in uow.sla.contracts() if c.code == wanted), None)
            if contract is None:
                raise NotFound(f"no contract {wanted}.")
            if valid_to is not None and valid_to < contract.valid_from:
                raise ValidationError("a contract cannot end before it starts.")
            contract.valid_to = valid_to
            uow.flush()
            view = ContractView.of(contract)
            uow.commit()
            return view


def _out_of_contract(uow: UnitOfWork, ticket: Ticket) -> bool:
    created = uow.history.created_data(ticket.id)
    return bool(created and json.loads(created).get("out_of_contract"))
