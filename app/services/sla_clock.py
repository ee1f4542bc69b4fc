"""Keeping every ticket's SLA columns true, inside the ticket's own transaction.

Opening: the customer's contract valid on the opening day must cover the ticket's
service type.

* A customer with **no contract at all** (e.g. one created before contracts existed)
  opens with the default priorities and no SLA clock; the "created" event says
  ``"sla": "no contract"``.
* A customer **with contracts** none of which is valid that day and covers the service
  is refused — unless a manager or admin opens it ``out_of_contract`` (recorded in the
  "created" event; no SLA clock either).
* Otherwise the contract's tier × the criticality gives the priority and the targets,
  snapshotted in ``sla_clocks`` so later edits of the targets do not move old deadlines
  (a change of the ticket's criticality re-reads them for the same tier).

After every change the clock is recomputed from the status history (see
:mod:`app.domain.sla`), the indexed ticket columns are updated, and customer-facing
events (public staff comment, resolution awaiting approval, closure) queue e-mails.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

from app.domain.calendar import BusinessCalendar, RoundTheClock, WorkingTime
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission, Role, allows
from app.domain.sla import (
    Measure,
    StatusChange,
    Target,
    Threshold,
    TicketSla,
    next_check,
    ticket_sla,
)
from app.domain.tickets import Criticality, Status
from app.persistence.change_log import TicketChange
from app.persistence.orm import Customer, Ticket, TicketEvent
from app.persistence.orm_sla import (
    BusinessCalendarRow,
    Contract,
    SlaClock,
    SlaTargetRow,
)
from app.persistence.unit_of_work import UnitOfWork
from app.services.hooks import NO_CHANGES, OpeningDraft, SlaTerms, TicketHook
from app.services.notifications import queue_email


def calendar_of(row: BusinessCalendarRow) -> BusinessCalendar:
    return BusinessCalendar(
        timezone=row.timezone,
        workdays=frozenset(int(d) for d in row.workdays.split(",") if d),
        day_start=time.fromisoformat(row.day_start),
        day_end=time.fromisoformat(row.day_end),
        country=row.country or None,
        subdivision=row.subdivision or None,
        closures=frozenset(date.fromisoformat(d) for d in row.closures.split(",") if d),
    )


def target_of(row: SlaTargetRow) -> Target:
    return Target(
        tier=row.tier,
        criticality=Criticality(row.criticality),
        priority=row.priority,
        response_minutes=row.response_minutes,
        resolution_minutes=row.resolution_minutes,
        business_hours=row.business_hours,
    )


def clock_target(clock: SlaClock) -> Target | None:
    if clock.response_minutes is None or clock.resolution_minutes is None:
        return None
    return Target(
        tier=clock.tier or "",
        criticality=Criticality(clock.criticality or Criticality.MEDIUM),
        priority=1,
        response_minutes=clock.response_minutes,
        resolution_minutes=clock.resolution_minutes,
        business_hours=clock.business_hours,
    )


def working_time(clock: SlaClock) -> WorkingTime:
    if clock.business_hours and clock.calendar is not None:
        return calendar_of(clock.calendar)
    return RoundTheClock()


def contract_day(contract: Contract, moment: datetime) -> date:
    """The contract's local date at ``moment`` (validity is by local calendar day)."""
    return moment.astimezone(calendar_of(contract.calendar).zone).date()


def covering(
    contracts: Iterable[Contract], service: str, moment: datetime
) -> tuple[list[Contract], list[Contract]]:
    """(contracts valid at ``moment``, those of them covering ``service``)."""
    valid = [
        c for c in contracts if c.valid_from <= contract_day(c, moment) <= (c.valid_to or date.max)
    ]
    return valid, [c for c in valid if service in c.services.split(",")]


class SlaHook(TicketHook):
    """Contract check at opening; SLA columns and customer e-mails after each change."""

    # At opening: the clock and the ticket's SLA columns join the opening's one flush
    # (the clock is found in the session; a customer mail flushes for its event's id).
    gathers_writes = True

    def on_opening(self, uow: UnitOfWork, draft: OpeningDraft) -> None:
        contracts = uow.sla.customer_contracts(draft.customer.id, draft.criticality.value)
        if not contracts:
            draft.notes["sla"] = "no contract"
            return
        valid, good = covering(contracts, draft.service_type.value, draft.opened_at)
        if not good:
            if draft.out_of_contract:
                if not allows(Role(draft.actor.role), Permission.OVERRIDE_PRIORITY):
                    raise PermissionDenied(
                        f"{draft.actor.username} ({draft.actor.role}) may not open a ticket "
                        "out of contract; only managers and admins may."
                    )
                draft.notes["sla"] = "out of contract"
                draft.notes["out_of_contract"] = True
                return
            day = contract_day(contracts[0], draft.opened_at)
            raise ValidationError(_refusal(draft.customer, valid, draft, day))
        contract = max(good, key=lambda c: (c.valid_from, c.id))
        row = uow.sla.target(contract.tier, draft.criticality.value)
        if row is None:
            raise ValidationError(
                f"tier {contract.tier} has no SLA target for {draft.criticality.value} "
                "tickets; a manager sets one with `supportdesk sla target`."
            )
        target = target_of(row)
        draft.priority = target.priority
        draft.notes["contract"] = contract.code
        draft.notes["sla"] = {
            "tier": target.tier,
            "response_minutes": target.response_minutes,
            "resolution_minutes": target.resolution_minutes,
            "clock": "business hours" if target.business_hours else "24x7",
        }
        draft.sla_terms = SlaTerms(contract.id, contract.calendar_id, target, contract.calendar)

    def on_opened(self, uow: UnitOfWork, change: TicketChange) -> None:
        choice: SlaTerms | None = change.opening.sla_terms
        clock = SlaClock(ticket_id=change.ticket.id, seen_seq=0, business_hours=True)
        if choice is not None:
            clock.contract_id = choice.contract_id
            clock.calendar_id = choice.calendar_id
            clock.calendar = choice.calendar
            clock.tier = choice.target.tier
            clock.criticality = choice.target.criticality.value
            clock.response_minutes = choice.target.response_minutes
            clock.resolution_minutes = choice.target.resolution_minutes
            clock.business_hours = choice.target.business_hours
        uow.sla.add_clock(clock)  # written with the ticket (ChangePipeline.opened)

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        refresh(uow, change.ticket, change.at, known=change.events)
        return NO_CHANGES


def _refusal(customer: Customer, valid: list[Contract], draft: OpeningDraft, on: date) -> str:
    day = on.isoformat()
    service = draft.service_type.value.replace("_", " ")
    if not valid:
        return (
            f"{customer.code} has no contract valid on {day}; the ticket was not opened "
            "(a manager may open it as out of contract)."
        )
    covered = sorted({s for c in valid for s in c.services.split(",")})
    return (
        f"{customer.code}'s contract ({', '.join(c.code for c in valid)}) does not cover "
        f"{service}; it covers: {', '.join(covered)}. The ticket was not opened "
        "(a manager may open it as out of contract)."
    )


def clock_row(uow: UnitOfWork, ticket: Ticket) -> SlaClock:
    # The clock's row is written by this hook only, after this read: nothing of it can be
    # pending, so the read need not flush the change's other rows first (issue 19).
    with uow.unflushed_reads():
        clock = uow.sla.clock(ticket.id)
    if clock is None:  # a ticket from before the SLA feature: no promises to keep
        clock = SlaClock(ticket_id=ticket.id, seen_seq=0, business_hours=True)
        uow.sla.add_clock(clock)
    return clock


def status_changes(
    uow: UnitOfWork, ticket: Ticket, known: Sequence[TicketEvent] = ()
) -> list[StatusChange]:
    # The timeline the report facts read too: one SELECT per ticket and change (none
    # for a ticket opened in this transaction: ``known`` holds all its events).
    rows = uow.facts.timeline(ticket.id, ticket.event_count, known)
    return [
        StatusChange(at, Status(new)) for at, _, field, _, new in rows if field == "status" and new
    ]


def evaluate(uow: UnitOfWork, ticket: Ticket, clock: SlaClock, now: datetime) -> TicketSla | None:
    target = clock_target(clock)
    if target is None:
        return None
    return ticket_sla(
        target,
        opened_at=ticket.created_at,
        changes=status_changes(uow, ticket),
        responded_at=ticket.first_responded_at,
        work=working_time(clock),
        now=now,
    )


def escalations_done(uow: UnitOfWork, ticket: Ticket) -> set[tuple[Measure, Threshold]]:
    return {(Measure(m), Threshold(t)) for m, t in uow.sla.escalations(ticket.id)}


def refresh(
    uow: UnitOfWork, ticket: Ticket, now: datetime, *, known: Sequence[TicketEvent] = ()
) -> TicketSla | None:
    """Read the new events (``known``: this transaction's, read from memory when they
    are all of them), then recompute and store the ticket's SLA columns.

    Every read comes before the first change to the ticket or its clock, so the
    session writes each row once (a query in between would flush it twice)."""
    clock = clock_row(uow, ticket)
    if clock.tier and ticket.criticality != clock.criticality:
        row = uow.sla.target(clock.tier, ticket.criticality)
        if row is not None:
            clock.criticality = row.criticality
            clock.response_minutes = row.response_minutes
            clock.resolution_minutes = row.resolution_minutes
            clock.business_hours = row.business_hours
    target = clock_target(clock)
    changes = status_changes(uow, ticket, known) if target is not None else []
    done = escalations_done(uow, ticket) if target is not None else set()
    _read_new_events(uow, ticket, clock, now, known)
    sla = None
    if target is not None:
        sla = ticket_sla(
            target,
            opened_at=ticket.created_at,
            changes=changes,
            responded_at=ticket.first_responded_at,
            work=working_time(clock),
            now=now,
        )
    values: dict[str, Any] = dict.fromkeys(
        ("first_response_due_at", "resolution_due_at", "sla_due_at", "sla_state")
    )
    if sla is not None:
        values["first_response_due_at"] = sla.response.due_at
        # While paused the resolution deadline is unknown until the clock runs again.
        paused = not sla.resolution.running and not sla.resolution.finished
        values["resolution_due_at"] = None if paused else sla.resolution.due_at
        values["sla_due_at"] = sla.due_at
        values["sla_state"] = sla.state.value if sla.state else None
        clock.next_check_at = next_check(sla, done)
    else:
        clock.next_check_at = None
    for name, value in values.items():
        if getattr(ticket, name) != value:
            setattr(ticket, name, value)
    return sla


def _actor_id(event: TicketEvent) -> int | None:
    """The author's id, also of an event appended in this transaction (not yet flushed:
    its ``actor_id`` column is still empty, its ``actor`` is set)."""
    return event.actor.id if event.actor is not None else event.actor_id


def _is_response(event: TicketEvent, system_id: int | None) -> bool:
    if _actor_id(event) == system_id:
        return False
    if event.kind == EventKind.COMMENT:
        return not event.internal
    if event.kind == EventKind.RESOLUTION:
        return True
    return event.field == "status" and event.new_value in {
        Status.WAITING_ON_CUSTOMER,
        Status.RESOLVED,
    }


def _read_new_events(
    uow: UnitOfWork,
    ticket: Ticket,
    clock: SlaClock,
    now: datetime,
    known: Sequence[TicketEvent] = (),
) -> None:
    if clock.seen_seq >= ticket.event_count:
        return
    by_seq = {event.seq: event for event in known}
    wanted = range(clock.seen_seq + 1, ticket.event_count + 1)
    if all(seq in by_seq for seq in wanted):  # the usual case: no SELECT
        events: Sequence[TicketEvent] = [by_seq[seq] for seq in wanted]
    else:
        events = uow.history.events(ticket.id, after_seq=clock.seen_seq)
    system_id = uow.sla.system_user_id()
    for event in events:
        if ticket.first_responded_at is None and _is_response(event, system_id):
            ticket.first_responded_at = event.occurred_at
        kind = _customer_mail(event, system_id)
        if kind and ticket.contact is not None:
            if event.id is None:
                uow.flush()  # the mail names its event (its attachments go with it)
            queue_email(
                uow,
                kind=kind,
                to=ticket.contact.email,
                values=mail_values(ticket) | {"text": event.text or ""},
                now=now,
                ticket_id=ticket.id,
                event_id=event.id,  # its attachments go with the mail
            )
    clock.seen_seq = ticket.event_count


def _customer_mail(event: TicketEvent, system_id: int | None) -> str | None:
    if event.kind == EventKind.COMMENT and not event.internal and _actor_id(event) != system_id:
        return "public_comment"
    if event.field == "status" and event.new_value == Status.RESOLVED:
        return "resolution_awaiting_approval"
    if event.field == "status" and event.new_value == Status.CLOSED:
        return "ticket_closed"
    return None


def mail_values(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "subject": ticket.subject,
        "customer": ticket.customer.name,
        "contact": ticket.contact.name if ticket.contact else "customer",
        "priority": ticket.priority,
        "status": ticket.status,
        "assignee": ticket.assignee.username if ticket.assignee else "nobody",
        "problem": ticket.problem_nature or "",
        "solution": ticket.solution or "",
    }
