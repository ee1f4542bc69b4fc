"""SLA escalations: a running clock that reaches a threshold (at risk, breached) is
recorded once — an escalation row, a history event by the system user, a mail to each
manager. Split from :mod:`app.services.sla_clock` (which keeps the clock itself)."""

from __future__ import annotations

from datetime import datetime

from app.domain.history import EventKind
from app.domain.sla import Measure, Threshold, TicketSla, thresholds_crossed
from app.persistence.orm import Ticket, User
from app.persistence.orm_sla import SlaEscalation
from app.persistence.unit_of_work import UnitOfWork
from app.services.history import append_event
from app.services.notifications import queue_email
from app.services.sla_clock import calendar_of, escalations_done, mail_values


def escalate(
    uow: UnitOfWork, ticket: Ticket, sla: TicketSla, now: datetime
) -> list[tuple[Measure, Threshold]]:
    """Record each threshold a running clock has newly reached: one escalation row (the
    unique key forbids a second), one history event by the system user, and one e-mail
    to every active manager with an address."""
    done = escalations_done(uow, ticket)
    system = uow.users.system()
    fired: list[tuple[Measure, Threshold]] = []
    for reading in (sla.response, sla.resolution):
        if not reading.running:
            continue  # paused or finished clocks do not escalate
        for threshold in thresholds_crossed(reading):
            if (reading.measure, threshold) in done:
                continue
            managers = _managers(uow)
            uow.sla.add_escalation(
                SlaEscalation(
                    ticket_id=ticket.id,
                    measure=reading.measure.value,
                    threshold=threshold.value,
                    at=now,
                )
            )
            append_event(
                uow,
                ticket,
                system,
                EventKind.FIELD,
                now,
                field_name="sla_state",
                old=ticket.sla_state,
                new=threshold.value,
                text=f"{reading.measure.value} {threshold.value.replace('_', ' ')}: "
                f"due {reading.due_at.isoformat(timespec='minutes')}",
                internal=True,
                data={
                    "escalation": threshold.value,
                    "measure": reading.measure.value,
                    "due_at": reading.due_at.isoformat(),
                    "used_minutes": int(reading.used.total_seconds() // 60),
                    "notified": [m.username for m in managers],
                },
            )
            for manager in managers:
                queue_email(
                    uow,
                    kind=f"escalation_{threshold.value}",
                    to=manager.email,
                    values=mail_values(ticket)
                    | {
                        "measure": reading.measure.value,
                        "due": _local(reading.due_at, ticket, uow),
                    },
                    now=now,
                    ticket_id=ticket.id,
                )
            fired.append((reading.measure, threshold))
    uow.flush()
    return fired


def _managers(uow: UnitOfWork) -> list[User]:
    """Who hears of escalations. Users have no "manager of" link yet, so every active
    manager is the assignee's manager."""
    return uow.sla.managers_to_notify()


def _local(moment: datetime, ticket: Ticket, uow: UnitOfWork) -> str:
    clock = uow.sla.clock(ticket.id)
    if clock is not None and clock.calendar is not None:
        zone = calendar_of(clock.calendar).zone
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    return moment.strftime("%Y-%m-%d %H:%M UTC")
