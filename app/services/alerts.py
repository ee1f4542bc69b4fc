"""Alerts from system monitoring (Alertmanager webhooks) become tickets, events and
outages — one payload, one transaction: all of it is recorded, or none of it.

* A **firing** alert opens a system-monitoring ticket, or — when a ticket for the same
  fingerprint is still open — adds a "fired again" event to it (a flapping alert never
  opens a ticket each time). Its severity gives the criticality; an outage is recorded
  when the severity (or an ``outage`` label) says the system is down or degraded.
* A **resolved** alert records the recovery on the ticket and ends its outage. The
  ticket stays open: an engineer resolves it, after finding the cause.
* A **repeat** (Alertmanager re-sends every ``repeat_interval``) is recognised by the
  fingerprint and start instant, and changes nothing.

Which customer and system an alert is about comes from its labels, as the settings
file's ``alerts`` section maps them (see :class:`AlertMapping`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.alertmanager import AlertRecord, parse_payload
from app.domain.availability import OutageKind
from app.domain.errors import ValidationError
from app.domain.history import EventKind
from app.domain.tickets import Category, Criticality, Environment, ServiceType
from app.persistence.orm import Ticket, User
from app.persistence.orm_annex import MonitoringAlert
from app.persistence.unit_of_work import UnitOfWork
from app.services.common import storage_errors
from app.services.context import ServiceContext
from app.services.history import append_event
from app.services.outages import clean_system, end_outage, record_outage
from app.services.ticket_input import TicketRequest
from app.services.tickets import TicketService

DEFAULT_SEVERITIES = {
    "critical": Criticality.CRITICAL,
    "error": Criticality.HIGH,
    "warning": Criticality.MEDIUM,
    "info": Criticality.LOW,
}
DEFAULT_OUTAGES = {"critical": OutageKind.FULL}
NO_OUTAGE = "none"


@dataclass(frozen=True)
class AlertMapping:
    """How labels name the customer, system and environment (settings ``alerts``)."""

    customer_label: str = "customer"
    system_labels: tuple[str, ...] = ("system", "instance", "job")
    environment_label: str = "environment"
    customers: Mapping[str, str] = field(default_factory=dict)  # label value → code
    severities: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITIES))
    outages: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_OUTAGES))

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> AlertMapping:
        section = settings.get("alerts") or {}
        if not isinstance(section, dict):
            raise ValidationError("settings: 'alerts' must be an object.")
        base = cls()
        system = section.get("system_label")
        return cls(
            customer_label=str(section.get("customer_label") or base.customer_label),
            system_labels=(str(system),) if system else base.system_labels,
            environment_label=str(section.get("environment_label") or base.environment_label),
            customers={str(k): str(v) for k, v in (section.get("customers") or {}).items()},
            severities={**base.severities, **(section.get("severities") or {})},
            outages={**base.outages, **(section.get("outages") or {})},
        )

    def customer(self, alert: AlertRecord) -> str:
        value = alert.labels.get(self.customer_label, "").strip()
        if not value:
            raise ValidationError(
                f"alert {alert.name} ({alert.fingerprint}) has no {self.customer_label!r} "
                "label: which customer is it about?"
            )
        return self.customers.get(value, value).upper()

    def system(self, alert: AlertRecord) -> str:
        for label in self.system_labels:
            if alert.labels.get(label, "").strip():
                return clean_system(alert.labels[label])
        return clean_system(alert.name)

    def environment(self, alert: AlertRecord) -> str:
        value = alert.labels.get(self.environment_label, "").strip().lower()
        return value if value in {e.value for e in Environment} else Environment.PRODUCTION

    def criticality(self, alert: AlertRecord) -> str:
        severity = alert.labels.get("severity", "").lower()
        return str(self.severities.get(severity, Criticality.MEDIUM))

    def outage(self, alert: AlertRecord) -> OutageKind | None:
        explicit = alert.labels.get("outage", "").strip().lower()
        kind = explicit or self.outages.get(alert.labels.get("severity", "").lower(), NO_OUTAGE)
        if kind == NO_OUTAGE:
            return None
        try:
            return OutageKind(kind)
        except ValueError:
            raise ValidationError(
                f"alert {alert.name}: outage must be full, degraded or none, not {kind!r}."
            ) from None


@dataclass(frozen=True, slots=True)
class AlertOutcome:
    fingerprint: str
    alertname: str
    status: str
    action: str  # "opened", "fired again", "recovered", "repeat"
    ticket: str | None


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcomes: tuple[AlertOutcome, ...]

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    def summary(self) -> str:
        parts = [
            f"{self.count(a)} {a}"
            for a in ("opened", "fired again", "recovered", "repeat")
            if self.count(a)
        ]
        return ", ".join(parts) or "no alerts"


class AlertService:
    def __init__(self, ctx: ServiceContext, tickets: TicketService) -> None:
        self.ctx = ctx
        self.tickets = tickets

    def ingest(self, raw: bytes | str) -> IngestResult:
        """Record one Alertmanager notification; refused whole, with a clear message,
        when the payload or any of its alerts cannot be understood or mapped."""
        notification = parse_payload(raw)
        mapping = AlertMapping.from_settings(self.ctx.settings)
        with (
            self.ctx.db.unit_of_work() as uow,
            storage_errors("the same alert arrived twice at once; send it again."),
        ):
            me = uow.users.system()
            outcomes = tuple(self._one(uow, me, mapping, a) for a in notification.alerts)
            uow.commit()
            return IngestResult(outcomes)

    def _one(
        self, uow: UnitOfWork, me: User, mapping: AlertMapping, alert: AlertRecord
    ) -> AlertOutcome:
        def outcome(action: str, ticket: Ticket | None) -> AlertOutcome:
            number = ticket.number if ticket else None
            return AlertOutcome(alert.fingerprint, alert.name, alert.status, action, number)

        now = self.ctx.clock.now()
        known = uow.annex.alert(alert.fingerprint, alert.starts_at)
        if known is None:
            known, ticket, action = self._fired(uow, me, mapping, alert, now)
            if alert.status == "firing":
                return outcome(action, ticket)
        elif alert.status == "firing" or known.status == "resolved":
            return outcome("repeat", None)
        locked = uow.sla.lock_ticket(known.ticket_id)
        assert locked is not None  # alerts reference their ticket by foreign key
        self._recovered(uow, me, known, ticket=locked, alert=alert, now=now)
        return outcome("recovered", locked)

    def _fired(
        self,
        uow: UnitOfWork,
        me: User,
        mapping: AlertMapping,
        alert: AlertRecord,
        now: datetime,
    ) -> tuple[MonitoringAlert, Ticket, str]:
        code = mapping.customer(alert)
        system = mapping.system(alert)
        customer = uow.customers.find(code)
        if customer is None:
            raise ValidationError(
                f"alert {alert.name} names customer {code!r}, which does not exist; map its "
                f"{mapping.customer_label!r} label in the settings (alerts.customers)."
            )
        found = uow.annex.open_ticket_for(alert.fingerprint)
        action = "fired again" if found else "opened"
        ticket = found or self._open(uow, me, mapping, alert, customer=code, system=system)
        append_event(
            uow,
            ticket,
            me,
            EventKind.ALERT,
            now,
            text=f"{alert.name} firing on {system}"
            + ("" if action == "opened" else " again (same alert, still open here)"),
            data=_alert_data(alert),
        )
        kind = mapping.outage(alert)
        outage = None
        if kind is not None:
            outage = record_outage(
                uow,
                ticket,
                me,
                now,
                system=system,
                kind=kind,
                start=min(alert.starts_at, now),
                end=None,
                source="alert",
            )
        row = MonitoringAlert(
            fingerprint=alert.fingerprint,
            starts_at=alert.starts_at,
            status="firing",
            alertname=alert.name[:200],
            severity=alert.labels.get("severity", "")[:40],
            customer_id=customer.id,
            system=system,
            ticket_id=ticket.id,
            outage_id=outage.id if outage else None,
            received_at=now,
        )
        uow.annex.add_alert(row)
        uow.flush()
        self.tickets.pipeline.finish(uow, ticket)
        return row, ticket, action

    def _open(
        self,
        uow: UnitOfWork,
        me: User,
        mapping: AlertMapping,
        alert: AlertRecord,
        *,
        customer: str,
        system: str,
    ) -> Ticket:
        summary = alert.annotations.get("summary") or alert.name
        description = alert.annotations.get("description", "")
        labels = ", ".join(f"{k}={v}" for k, v in sorted(alert.labels.items()))
        request = TicketRequest.validated(
            customer=customer,
            subject=(summary if system in summary else f"{system}: {summary}")[:200],
            service_type=ServiceType.SYSTEM_MONITORING,
            description=f"{description}\n\nAlert labels: {labels}".strip(),
            environment=mapping.environment(alert),
            category=Category.INCIDENT,
            criticality=mapping.criticality(alert),
        )
        return self.tickets.open_in(uow, me, request)

    def _recovered(
        self,
        uow: UnitOfWork,
        me: User,
        known: MonitoringAlert,
        *,
        ticket: Ticket,
        alert: AlertRecord,
        now: datetime,
    ) -> None:
        ended = min(alert.ends_at or now, now)
        known.status = "resolved"
        known.ends_at = ended
        append_event(
            uow,
            ticket,
            me,
            EventKind.ALERT,
            now,
            text=f"{alert.name} recovered on {known.system}",
            data=_alert_data(alert),
        )
        outage = known.outage
        if outage is not None and outage.ended_at is None:
            end_outage(uow, ticket, me, now, outage=outage, end=max(ended, outage.started_at))
        self.tickets.pipeline.finish(uow, ticket)


def _alert_data(alert: AlertRecord) -> dict[str, Any]:
    return {
        "fingerprint": alert.fingerprint,
        "alertname": alert.name,
        "status": alert.status,
        "severity": alert.labels.get("severity"),
        "starts_at": alert.starts_at.isoformat(),
        "ends_at": alert.ends_at.isoformat() if alert.ends_at else None,
    }
