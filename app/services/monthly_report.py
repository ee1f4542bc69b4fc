"""The monthly SLA report of one customer: per service, what the contract promises and
what was achieved — availability per system, the outages and maintenance windows behind
it, monitoring detection and acknowledge times, response/resolution compliance per
priority, the breaches — and the service credits due.

The month is the contract calendar's local month (DST-correct, see
:mod:`app.domain.availability`); outages and windows are read clipped to it in SQL.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from app.domain.availability import (
    SCALE,
    Availability,
    CreditBand,
    Interval,
    OutageKind,
    OutageSpan,
    ServiceHours,
    availability,
    credit_milli,
    intersect,
    met,
    month_bounds,
    parse_month,
    service_windows,
    total,
)
from app.domain.calendar import BusinessCalendar
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import Role
from app.persistence.annex_repository import AlertRow, MergedOutage, OutageRow
from app.persistence.orm_annex import CreditBandRow, MaintenanceWindow, ServiceTarget
from app.persistence.orm_mail import OutboxMail
from app.persistence.orm_sla import Contract, OutboxMessage
from app.reports.render.monthly import monthly_text
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.monthly_model import (
    AlertLine,
    CreditLine,
    MaintenanceLine,
    MonitoringFigures,
    MonthlyReport,
    OutageLine,
    SupportLine,
    SystemAvailability,
)
from app.services.reports import PERIOD_READERS, ReportService
from app.services.sla_clock import calendar_of

DEFAULT_ZONE = "Europe/Athens"
REPORT_MAIL = "monthly_sla_report"


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _minutes(delta: timedelta) -> float:
    return delta / timedelta(minutes=1)


class MonthlyReportService:
    def __init__(self, ctx: ServiceContext, reports: ReportService) -> None:
        self.ctx = ctx
        self.reports = reports

    def monthly_report(self, actor: Actor, customer: str, month: str) -> MonthlyReport:
        year, mon = parse_month(month)
        code = clean_code("customer", customer)
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            me = acting_user(uow, actor)
            if Role(me.role) not in PERIOD_READERS:
                raise PermissionDenied(
                    f"{me.username} ({me.role}) may not read SLA reports; "
                    "allowed roles: admin, care, manager."
                )
            cust = uow.customers.get(code)
            now = self.ctx.clock.now()
            contract = _contract_of_month(uow.sla.customer_contracts(cust.id), year, mon)
            calendar = calendar_of(contract.calendar) if contract else BusinessCalendar()
            zone = contract.calendar.timezone if contract else DEFAULT_ZONE
            period = month_bounds(year, mon, zone)
            if period.start > now:
                raise ValidationError(f"{month} has not begun yet; nothing to report.")
            # A month still running is measured up to now (and marked as such).
            measured = Interval(period.start, min(period.end, now))
            targets = uow.annex.targets_of([contract.id]) if contract else []
            outages = uow.annex.outages(cust.id, period.start, period.end)
            # The availability figures take the outages merged by the database (issue 17).
            merged = uow.annex.merged_outages(cust.id, period.start, period.end, now)
            windows = uow.annex.maintenance(cust.id, period.start, period.end)
            alerts = uow.annex.alerts(cust.id, period.start, period.end)
            systems = _availability(targets, outages, merged, windows, measured, calendar=calendar)
            monitoring, alert_lines = _monitoring(targets, alerts, now)
            customer_name = cust.name
            maintenance = [
                MaintenanceLine(w.system, w.starts_at, w.ends_at, w.note) for w in windows
            ]
            notes = _notes(contract, targets, now < period.end)
            terms = (
                (contract.code, contract.tier, tuple(contract.services.split(",")))
                if contract
                else (None, None, ())
            )
        last_day = (period.end.astimezone(calendar.zone) - timedelta(seconds=1)).date()
        support = self.reports.period_report(
            actor, customer=code, start=date(year, mon, 1), end=last_day
        )
        return MonthlyReport(
            customer_code=code,
            customer_name=customer_name,
            month=f"{year:04d}-{mon:02d}",
            timezone=zone,
            period_start=period.start,
            period_end=period.end,
            contract=terms[0],
            tier=terms[1],
            services=terms[2],
            generated_at=now,
            complete=now >= period.end,
            availability=tuple(systems),
            outages=tuple(_outage_lines(outages, measured, now)),
            maintenance=tuple(maintenance),
            monitoring=monitoring,
            alerts=tuple(alert_lines),
            support=tuple(
                SupportLine(
                    f"P{g.key}",
                    g.tickets,
                    g.resolved,
                    _r(g.response_met_pct, 1),
                    _r(g.resolution_met_pct, 1),
                )
                for g in support.by_priority
            ),
            breaches=support.breaches,
            credits=tuple(
                CreditLine(s.service_type, s.system, s.availability_pct, s.target_pct, s.credit_pct)
                for s in systems
                if s.credit_pct > 0
            ),
            notes=notes,
        )

    def queue_mail(
        self, actor: Actor, customer: str, month: str, company: str, *, pdf: bytes | None = None
    ) -> list[str]:
        """Queue the month's report to every contact of the customer with an e-mail
        address (sent by ``supportdesk notify send``). Each mail has a stable Message-ID,
        so a cron job that runs twice queues nothing twice. Returns the addresses queued.

        ``pdf``: the report drawn as a PDF (by the caller: the core draws no PDFs), attached
        to every mail; kept once in ``blobs``."""
        report = self.monthly_report(actor, customer, month)
        if not report.complete:
            raise ValidationError(f"{report.month} is not over yet; send its report afterwards.")
        body = monthly_text(report, company)
        subject = f"SLA report {report.month} · {report.customer_name}"
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor)
            cust = uow.customers.get(report.customer_code)
            now = self.ctx.clock.now()
            queued = []
            file_sha = hashlib.sha256(pdf).hexdigest() if pdf is not None else None
            for contact in cust.contacts:
                if not contact.email.strip():
                    continue
                message_id = f"<sla-{cust.code}-{report.month}-{contact.id}@supportdesk>"
                if uow.annex.mail_queued(message_id):
                    continue
                message = OutboxMessage(
                    message_id=message_id,
                    kind=REPORT_MAIL,
                    ticket_id=None,
                    to_address=contact.email.strip(),
                    subject=subject[:300],
                    body=body,
                    status="queued",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
                uow.outbox.add(message)
                if pdf is not None and file_sha is not None:
                    uow.attachments.put_blob(file_sha, pdf, now)
                    uow.flush()  # the outbox row's id
                    uow.mail.add_outgoing(
                        OutboxMail(
                            outbox_id=message.id,
                            event_id=None,
                            references="",
                            file_name=f"SLA-report-{cust.code}-{report.month}.pdf",
                            file_sha256=file_sha,
                        )
                    )
                queued.append(contact.email.strip())
            uow.commit()
            return queued

    def customers(self, actor: Actor) -> list[str]:
        """Customers whose contracts carry annex targets (the scheduled mailing's list)."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return list(uow.annex.customers_with_targets())


def _contract_of_month(contracts: Sequence[Contract], year: int, month: int) -> Contract | None:
    """The newest contract valid on any day of the month."""
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    valid = [c for c in contracts if c.valid_from <= last and (c.valid_to or date.max) >= first]
    return max(valid, key=lambda c: (c.valid_from, c.id), default=None)


def _spans(merged: Sequence[MergedOutage], system: str) -> list[OutageSpan]:
    return [
        OutageSpan(Interval(o.start, o.end), OutageKind(o.kind))
        for o in merged
        if o.system == system
    ]


def _windows(windows: Sequence[MaintenanceWindow], system: str) -> list[Interval]:
    return [Interval(w.starts_at, w.ends_at) for w in windows if w.system in ("", system)]


def _availability(
    targets: Sequence[ServiceTarget],
    outages: Sequence[OutageRow],
    merged: Sequence[MergedOutage],
    windows: Sequence[MaintenanceWindow],
    measured: Interval,
    *,
    calendar: BusinessCalendar,
) -> list[SystemAvailability]:
    rows = []
    for target in targets:
        if target.availability_milli is None:
            continue
        hours = ServiceHours(target.hours)
        service = service_windows(hours, measured, calendar)
        names = {s for s in target.systems.split(",") if s} | {o.system for o in outages}
        for system in sorted(names):
            figures: Availability = availability(
                service, _spans(merged, system), _windows(windows, system)
            )
            credit = credit_milli(figures.percent, _bands(target.bands))
            rows.append(
                SystemAvailability(
                    service_type=target.service_type,
                    system=system,
                    hours=hours.value,
                    target_pct=target.availability_milli / SCALE,
                    scheduled_minutes=round(figures.scheduled_minutes, 1),
                    maintenance_minutes=round(figures.maintenance_minutes, 1),
                    downtime_minutes=round(figures.downtime_minutes, 1),
                    degraded_minutes=round(figures.degraded_minutes, 1),
                    availability_pct=_r(figures.percent),
                    met=met(figures.percent, target.availability_milli),
                    credit_pct=credit / SCALE,
                )
            )
    return rows


def _bands(rows: Sequence[CreditBandRow]) -> list[CreditBand]:
    return [CreditBand(b.below_milli, b.credit_milli) for b in rows]


def _outage_lines(
    outages: Sequence[OutageRow], measured: Interval, now: datetime
) -> list[OutageLine]:
    return [
        OutageLine(
            ticket=o.ticket_number,
            system=o.system,
            environment=o.environment,
            kind=o.kind,
            started_at=o.started_at,
            ended_at=o.ended_at,
            minutes_in_month=round(
                _minutes(total(intersect([Interval(o.started_at, o.ended_at or now)], [measured]))),
                1,
            ),
            source=o.source,
        )
        for o in outages
    ]


def _monitoring(
    targets: Sequence[ServiceTarget], alerts: Sequence[AlertRow], now: datetime
) -> tuple[MonitoringFigures, list[AlertLine]]:
    goal = next((t.acknowledge_minutes for t in targets if t.acknowledge_minutes is not None), None)
    lines = []
    for a in alerts:
        ack = None
        if a.first_action_at is not None:
            # Fired again on a ticket an engineer already works on: acknowledged on arrival.
            ack = max(0.0, _minutes(a.first_action_at - a.received_at))
        verdict: bool | None = None
        if goal is not None:
            if ack is not None:
                verdict = ack <= goal
            elif _minutes(now - a.received_at) > goal:
                verdict = False  # nobody acted in time: missed already, acted on or not
        lines.append(
            AlertLine(
                ticket=a.ticket_number,
                alertname=a.alertname,
                severity=a.severity,
                system=a.system,
                starts_at=a.starts_at,
                received_at=a.received_at,
                first_action_at=a.first_action_at,
                detection_minutes=round(max(0.0, _minutes(a.received_at - a.starts_at)), 1),
                acknowledge_minutes=_r(ack, 1),
                met=verdict,
            )
        )
    acks = [line.acknowledge_minutes for line in lines if line.acknowledge_minutes is not None]
    detections = [line.detection_minutes for line in lines]
    figures = MonitoringFigures(
        target_minutes=goal,
        alerts=len(lines),
        acknowledged=len(acks),
        met=sum(1 for line in lines if line.met),
        median_detection_minutes=_r(statistics.median(detections), 1) if detections else None,
        median_acknowledge_minutes=_r(statistics.median(acks), 1) if acks else None,
        max_acknowledge_minutes=max(acks) if acks else None,
    )
    return figures, lines


def _notes(
    contract: Contract | None, targets: Sequence[ServiceTarget], running: bool
) -> tuple[str, ...]:
    notes = []
    if contract is None:
        notes.append("No contract was valid in this month: no targets apply.")
    elif not targets:
        notes.append(f"Contract {contract.code} sets no availability or monitoring targets.")
    if running:
        notes.append("The month is not over: figures are measured up to the time of printing.")
    notes.append(
        "Availability = 1 − (downtime + ½ × degraded time) ÷ scheduled time, per system, "
        "where scheduled time (Sched.) is the service hours of the month less the planned "
        "maintenance (Maint.); overlapping outages count once."
    )
    notes.append(
        "Response and resolution compliance covers the tickets opened in the month (by UTC day)."
    )
    return tuple(notes)
