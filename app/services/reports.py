"""Reports: one ticket's resolution report, and the period report per customer or for
all customers. Returns plain data (:mod:`app.services.report_model`); writers for JSON
and CSV are in :mod:`app.reports.render`, the PDF is drawn by the client (Qt).

Who may read them: everyone on staff may report on a ticket (care sends it to the
customer); period reports are for care, managers and admins.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import DomainError, PermissionDenied, ValidationError
from app.domain.history import EventKind
from app.domain.roles import Role
from app.domain.sla import SlaState
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.unit_of_work import UnitOfWork
from app.services import report_period as q
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.report_facts import rebuild_rollups, refresh_and_count, refresh_facts
from app.services.report_model import PeriodReport, PersonTime, PublicEvent, TicketReport
from app.services.sla_clock import evaluate

PERIOD_READERS = frozenset({Role.CARE, Role.MANAGER, Role.ADMIN})
REBUILD_BATCH = 500
MAX_DAYS = 3700  # ten years: a typo in a year should not scan a century
# Called between the report's steps with (done, total); raising stops the report.
Progress = Callable[[int, int], None]


class ReportCancelled(DomainError):
    """Raised by a progress callback to stop a report (nothing was written)."""

    code = "cancelled"


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def ticket_report(self, actor: Actor, number: str) -> TicketReport:
        # Read-only: the facts are computed as of now and never committed from here.
        with (
            self.ctx.db.unit_of_work(write=False) as uow,
            storage_errors(),
            uow.reports.without_autoflush(),
        ):
            acting_user(uow, actor)
            ticket = uow.tickets.get(number.strip().upper())
            now = self.ctx.clock.now()
            facts = refresh_facts(uow, ticket, now)
            clock = uow.sla.clock(ticket.id)
            live = evaluate(uow, ticket, clock, now) if clock is not None else None
            imported = uow.reports.imported(ticket.id)
            logged = _time_logged(uow, ticket)
            reassignments, reopenings = facts.reassignments, facts.reopenings
            outcome = _outcome(facts.response_met, facts.resolution_met, facts.resolved_at)
            source = None
            if imported is not None:
                source = f"{imported.source_system} {imported.source_number}"
                if imported.reassignment_count is not None:
                    reassignments = imported.reassignment_count
                if imported.reopen_count is not None:
                    reopenings = imported.reopen_count
                if imported.made_sla is not None:
                    outcome = "met" if imported.made_sla else "missed"
            report = TicketReport(
                number=ticket.number,
                subject=ticket.subject,
                customer_code=ticket.customer.code,
                customer_name=ticket.customer.name,
                contact=ticket.contact.name if ticket.contact else None,
                product=ticket.product.name if ticket.product else None,
                service_type=ticket.service_type,
                category=ticket.category,
                criticality=ticket.criticality,
                priority=ticket.priority,
                status=ticket.status,
                opened_at=ticket.created_at,
                first_response_at=facts.first_response_at,
                resolved_at=facts.resolved_at,
                closed_at=facts.closed_at,
                problem_nature=ticket.problem_nature,
                solution=ticket.solution,
                response_wall_minutes=facts.response_wall_minutes,
                response_business_minutes=facts.response_business_minutes,
                resolution_wall_minutes=facts.resolution_wall_minutes,
                resolution_business_minutes=facts.resolution_business_minutes,
                waiting_minutes=facts.waiting_minutes,
                response_target_minutes=facts.response_target_minutes,
                resolution_target_minutes=facts.resolution_target_minutes,
                response_met=facts.response_met,
                resolution_met=facts.resolution_met,
                sla_outcome=(
                    "breached"  # open and past its deadline: what the queue says too
                    if outcome == "in progress" and live and live.state == SlaState.BREACHED
                    else outcome
                ),
                reassignments=reassignments,
                reopenings=reopenings,
                time_logged=tuple(logged),
                time_logged_minutes=ticket.time_logged_minutes,
                history=tuple(_public_history(uow, ticket)),
                generated_at=now,
                imported_from=source,
                response_state=live.response.state.value if live else None,
                resolution_state=live.resolution.state.value if live else None,
            )
            return report  # leaving the unit of work rolls the computed facts back

    def period_report(
        self,
        actor: Actor,
        *,
        customer: str | None,
        start: date,
        end: date,
        progress: Progress | None = None,
    ) -> PeriodReport:
        """Tickets opened from ``start`` to ``end`` (inclusive days of the customer's
        calendar: its contract's time zone; for all customers the company's, else UTC)
        of one customer (``customer=None``: all customers). ``progress`` hears of each
        step done."""
        if end < start:
            raise ValidationError(f"the period ends ({end}) before it starts ({start}).")
        if (end - start).days > MAX_DAYS:
            raise ValidationError(f"a period report covers at most {MAX_DAYS} days.")
        tell = progress or (lambda done, total: None)
        steps = 7
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            me = acting_user(uow, actor)
            if Role(me.role) not in PERIOD_READERS:
                raise PermissionDenied(
                    f"{me.username} ({me.role}) may not read period reports; "
                    "allowed roles: admin, care, manager."
                )
            r = uow.reports
            cid, scope, name = None, "all", "All customers"
            zone_name = self._company_zone()
            if customer is not None:
                row = uow.customers.get(customer.strip().upper())
                cid, scope, name = row.id, row.code, row.name
                zone_name = r.customer_timezone(row.id) or zone_name
            since, until = calendar_days(start, end, zone_name)
            now = self.ctx.clock.now()
            tell(0, steps)
            figures = q.period_figures(r, cid, since, until)
            tell(1, steps)
            by_category = q.counts_by(r, cid, since, until, "category")
            by_service = q.counts_by(r, cid, since, until, "service_type")
            tell(2, steps)
            by_product = q.counts_by(r, cid, since, until, "product")
            tell(3, steps)
            found, breaches_total = q.breaches(r, cid, since, until)
            tell(4, steps)
            backlog = q.backlog(r, cid, now)
            tell(5, steps)
            people = q.time_by_person(r, cid, since, until)
            customers = q.time_by_customer(r, cid, since, until)
            tell(6, steps)
            total = figures.total
            report = PeriodReport(
                scope=scope,
                scope_name=name,
                start=start,
                end=end,
                generated_at=now,
                # The headline is the totals row of the same aggregation as the tables.
                opened=total.tickets,
                resolved=total.resolved,
                closed=figures.closed,
                by_priority=figures.by_priority,
                total=total,
                by_category=tuple(by_category),
                by_service=tuple(by_service),
                by_product=tuple(by_product),
                breaches=tuple(found),
                backlog=tuple(backlog),
                time_by_person=tuple(people),
                notes=_notes(total.unresolved, zone_name),
                timezone=zone_name,
                breaches_total=breaches_total,
                breaches_truncated=breaches_total > len(found),
                time_by_customer=tuple(customers),
            )
            tell(steps, steps)
            return report

    def _company_zone(self) -> str:
        # The settings' "company": {"timezone": …}, as the PDF's header reads it.
        company = self.ctx.settings.get("company")
        zone = company.get("timezone") if isinstance(company, dict) else None
        return str(zone) if zone else "UTC"

    def rebuild_facts(
        self, actor: Actor, *, everything: bool = False, progress: Progress | None = None
    ) -> int:
        """Compute the report facts of tickets that have none (tickets from before the
        reports feature), or of every ticket of ours with ``everything``; imported
        tickets keep their source's facts. Managers and admins; returns the count."""
        tell = progress or (lambda done, total: None)
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            me = acting_user(uow, actor)
            if Role(me.role) not in {Role.MANAGER, Role.ADMIN}:
                raise PermissionDenied(
                    f"{me.username} ({me.role}) may not rebuild report facts; "
                    "allowed roles: admin, manager."
                )
            ids = uow.reports.ticket_ids_for_facts(everything=everything)
        for start in range(0, len(ids), REBUILD_BATCH):
            tell(start, len(ids))
            with self.ctx.db.unit_of_work() as uow, storage_errors():
                now = self.ctx.clock.now()
                for ticket in uow.tickets.by_ids(ids[start : start + REBUILD_BATCH]):
                    refresh_and_count(uow, ticket, now, opening=False)
                uow.commit()
        tell(len(ids), len(ids))
        return len(ids)

    def rebuild_rollups(self, actor: Actor) -> int:
        """Recount the report rollups from scratch in one transaction (after a bulk load
        that bypassed the facts hook, or to repair them). Managers and admins; returns
        how many tickets were counted."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor)
            if Role(me.role) not in {Role.MANAGER, Role.ADMIN}:
                raise PermissionDenied(
                    f"{me.username} ({me.role}) may not rebuild report rollups; "
                    "allowed roles: admin, manager."
                )
            count = rebuild_rollups(uow)
            uow.commit()
        return count

    def customers(self, actor: Actor) -> list[tuple[str, str]]:
        """(code, name) of every customer, for choosing a report's scope."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return [(c.code, c.name) for c in uow.customers.list()]


def calendar_days(start: date, end: date, zone_name: str) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in ``zone_name``, as UTC instants."""
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"unknown time zone {zone_name!r} for the period.") from None
    since = datetime.combine(start, time(0), tzinfo=zone).astimezone(UTC)
    until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return since, until


def _notes(unresolved: int, zone: str) -> tuple[str, ...]:
    return (
        f"The period's days are calendar days in {zone}. Every figure covers the tickets "
        "opened in the period; resolved and closed count those of them resolved or "
        "closed by the time of the report.",
        "Times are hours. Business time counts the contract's working hours and excludes "
        "time waiting on the customer; the 90th percentile lies between the two "
        "nearest tickets' times, in proportion.",
        f"{unresolved} ticket(s) opened in the period have no resolution time and are left "
        "out of the resolution times (counted as unresolved).",
        "Imported tickets: resolution, reassignments and reopenings are read from their "
        "history by the same rule as ours; the source's resolution time, whether it "
        "recorded the SLA as met, and its counters are used where it recorded them.",
    )


def _outcome(response: bool | None, resolution: bool | None, resolved: datetime | None) -> str:
    if resolution is None:
        return "in progress" if resolved is None and response is not False else "no SLA"
    return "met" if resolution and response is not False else "missed"


def _time_logged(uow: UnitOfWork, ticket: Ticket) -> list[PersonTime]:
    totals: dict[str, int] = {}
    for work in uow.reports.work_logged(ticket.id):
        who = work.full_name or work.username
        totals[who] = totals.get(who, 0) + work.minutes
    return [PersonTime(who, m) for who, m in sorted(totals.items(), key=lambda x: (-x[1], x[0]))]


_WORDS: dict[str, str] = {
    EventKind.CREATED: "Ticket opened",
    EventKind.COMMENT: "Comment",
    EventKind.RESOLUTION: "Resolved",
    EventKind.CUSTOMER_APPROVAL: "Customer approved the resolution",
    EventKind.CUSTOMER_REJECTION: "Customer rejected the resolution",
    EventKind.CUSTOMER_REPLY: "Customer replied",
    EventKind.CANCELLED: "Cancelled",
}


# A status change that only repeats what the event before it said (same moment).
_IMPLIED: dict[str, str] = {
    EventKind.ASSIGNED: "assigned",
    EventKind.RESOLUTION: "resolved",
    EventKind.CUSTOMER_APPROVAL: "closed",
    EventKind.CUSTOMER_REJECTION: "in_progress",
    EventKind.CUSTOMER_REPLY: "in_progress",
    EventKind.CANCELLED: "cancelled",
}


def _public_history(uow: UnitOfWork, ticket: Ticket) -> list[PublicEvent]:
    """What the customer may read: public events, in words (internal notes stay out)."""
    rows = uow.reports.public_events(ticket.id)
    assignees = {
        r.event.new_value for r in rows if r.event.kind == EventKind.ASSIGNED and r.event.new_value
    }
    names = uow.reports.full_names(assignees)
    out: list[PublicEvent] = []
    previous: TicketEvent | None = None
    for row in rows:
        event = row.event
        implied = (
            previous is not None
            and event.kind == EventKind.STATUS
            and previous.occurred_at == event.occurred_at
            and _IMPLIED.get(previous.kind) == event.new_value
        )
        previous = event
        what = "" if implied else _describe(event, names)
        if what:
            out.append(PublicEvent(event.occurred_at, row.full_name or row.username, what))
    return out


def _describe(event: TicketEvent, names: dict[str, str]) -> str:
    kind = event.kind
    if kind == EventKind.STATUS:
        status = f"Status: {(event.new_value or '').replace('_', ' ')}"
        return f"{status} ({event.text})" if event.text else status
    if kind == EventKind.ASSIGNED:
        return f"Assigned to {names.get(event.new_value or '') or event.new_value}"
    if kind == EventKind.FIELD:
        return f"{(event.field or '').replace('_', ' ')}: {event.old_value} → {event.new_value}"
    if kind == EventKind.RESOLUTION:
        data = json.loads(event.data or "{}")
        return f"Resolved: {data.get('solution', '')}".strip()
    if kind == EventKind.WORK:
        return ""
    words = _WORDS.get(kind, kind)
    return f"{words}: {event.text}" if event.text else str(words)
