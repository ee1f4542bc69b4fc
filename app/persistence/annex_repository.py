"""Storage of the SLA annex: service targets and credit bands, maintenance windows,
outages and monitoring alerts — and the month's rows the availability figures need,
clipped to the month in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, case, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.domain.tickets import FINAL_STATUSES
from app.persistence.orm import Customer, Ticket, TicketEvent, User
from app.persistence.orm_annex import (
    MaintenanceWindow,
    MonitoringAlert,
    Outage,
    ServiceTarget,
)
from app.persistence.orm_sla import Contract, OutboxMessage
from app.persistence.repositories import SYSTEM_USERNAME
from app.persistence.types import UTCDateTime

# The people whose action on an alert's ticket counts as "an engineer is on it".
ACKNOWLEDGING_ROLES = ("engineer", "manager", "admin")


@dataclass(frozen=True, slots=True)
class OutageRow:
    id: int
    ticket_number: str
    system: str
    environment: str
    kind: str
    started_at: datetime
    ended_at: datetime | None
    source: str


@dataclass(frozen=True, slots=True)
class MergedOutage:
    """One stretch of a system's outages of one kind, overlapping ones merged."""

    system: str
    kind: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class AlertRow:
    fingerprint: str
    alertname: str
    severity: str
    system: str
    ticket_number: str
    starts_at: datetime
    received_at: datetime
    ends_at: datetime | None
    first_action_at: datetime | None


class AnnexRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- targets ---------------------------------------------------------------------------

    def contract(self, code: str) -> Contract | None:
        return self.session.scalar(select(Contract).where(Contract.code == code))

    def target(self, contract_id: int, service_type: str) -> ServiceTarget | None:
        return self.session.scalar(
            select(ServiceTarget).where(
                ServiceTarget.contract_id == contract_id,
                ServiceTarget.service_type == service_type,
            )
        )

    def add_target(self, target: ServiceTarget) -> None:
        self.session.add(target)

    def targets_of(self, contract_ids: Sequence[int]) -> Sequence[ServiceTarget]:
        if not contract_ids:
            return []
        return self.session.scalars(
            select(ServiceTarget)
            .where(ServiceTarget.contract_id.in_(contract_ids))
            .order_by(ServiceTarget.contract_id, ServiceTarget.service_type)
        ).all()

    def customers_with_targets(self) -> Sequence[str]:
        """Codes of the customers whose contracts carry an annex target (for `--all`)."""
        return self.session.scalars(
            select(Customer.code)
            .join(Contract, Contract.customer_id == Customer.id)
            .join(ServiceTarget, ServiceTarget.contract_id == Contract.id)
            .distinct()
            .order_by(Customer.code)
        ).all()

    def mail_queued(self, message_id: str) -> bool:
        """Whether the scheduled report mail with this stable id was queued already."""
        found = select(OutboxMessage.id).where(OutboxMessage.message_id == message_id)
        return self.session.scalar(found) is not None

    # -- maintenance windows ---------------------------------------------------------------

    def add_maintenance(self, window: MaintenanceWindow) -> None:
        self.session.add(window)

    def maintenance(
        self, customer_id: int, start: datetime, end: datetime
    ) -> Sequence[MaintenanceWindow]:
        """Windows of the customer that overlap ``[start, end)``."""
        return self.session.scalars(
            select(MaintenanceWindow)
            .where(
                MaintenanceWindow.customer_id == customer_id,
                MaintenanceWindow.starts_at < end,
                MaintenanceWindow.ends_at > start,
            )
            .order_by(MaintenanceWindow.starts_at, MaintenanceWindow.id)
        ).all()

    # -- outages ---------------------------------------------------------------------------

    def add_outage(self, outage: Outage) -> None:
        self.session.add(outage)

    def outage(self, outage_id: int) -> Outage | None:
        return self.session.get(Outage, outage_id)

    def outages_of_ticket(self, ticket_id: int) -> Sequence[Outage]:
        return self.session.scalars(
            select(Outage).where(Outage.ticket_id == ticket_id).order_by(Outage.id)
        ).all()

    def outages(self, customer_id: int, start: datetime, end: datetime) -> list[OutageRow]:
        """Outages of the customer overlapping ``[start, end)``, with their tickets; an
        outage still running has no end (the caller clips it to "now")."""
        query = (
            select(
                Outage.id,
                Ticket.number,
                Outage.system,
                Outage.environment,
                Outage.kind,
                Outage.started_at,
                Outage.ended_at,
                Outage.source,
            )
            .join(Ticket, Ticket.id == Outage.ticket_id)
            .where(
                Outage.customer_id == customer_id,
                Outage.started_at < end,
                or_(Outage.ended_at.is_(None), Outage.ended_at > start),
            )
            .order_by(Outage.started_at, Outage.id)
        )
        return [
            OutageRow(
                id=r.id,
                ticket_number=r.number,
                system=r.system,
                environment=r.environment,
                kind=r.kind,
                started_at=r.started_at,
                ended_at=r.ended_at,
                source=r.source,
            )
            for r in self.session.execute(query)
        ]

    def merged_outages(
        self, customer_id: int, start: datetime, end: datetime, now: datetime
    ) -> list[MergedOutage]:
        """The customer's outages overlapping ``[start, end)``, merged per system and kind
        in SQL (gaps and islands): an outage opens a new stretch unless it starts at or
        before the latest end of the earlier ones; a running outage ends at ``now``. The
        same union as ``app.domain.availability.merge`` (touching stretches join), done by
        the database instead of sorting every row in Python."""
        stop = func.coalesce(Outage.ended_at, literal(now, UTCDateTime()))
        rows = (
            select(
                Outage.system.label("system"),
                Outage.kind.label("kind"),
                Outage.started_at.label("s"),
                type_coerce(stop, UTCDateTime()).label("e"),
            )
            .where(
                Outage.customer_id == customer_id,
                Outage.started_at < end,
                or_(Outage.ended_at.is_(None), Outage.ended_at > start),
                stop > Outage.started_at,  # empty and backwards stretches count for nothing
            )
            .subquery("o")
        )
        # The latest end among the earlier outages of the same system and kind.
        reach = func.max(rows.c.e).over(
            partition_by=(rows.c.system, rows.c.kind),
            order_by=(rows.c.s, rows.c.e),
            rows=(None, -1),
        )
        marked = select(
            rows.c.system,
            rows.c.kind,
            rows.c.s,
            rows.c.e,
            case((rows.c.s <= reach, 0), else_=1).label("opens"),
        ).subquery("marked")
        island = func.sum(marked.c.opens).over(
            partition_by=(marked.c.system, marked.c.kind),
            order_by=(marked.c.s, marked.c.e),
            rows=(None, 0),
        )
        numbered = select(
            marked.c.system, marked.c.kind, marked.c.s, marked.c.e, island.label("island")
        ).subquery("numbered")
        first = type_coerce(func.min(numbered.c.s), UTCDateTime()).label("start")
        last = type_coerce(func.max(numbered.c.e), UTCDateTime()).label("end")
        query = (
            select(numbered.c.system, numbered.c.kind, first, last)
            .group_by(numbered.c.system, numbered.c.kind, numbered.c.island)
            .order_by(numbered.c.system, numbered.c.kind, first)
        )
        return [
            MergedOutage(r.system, r.kind, _as_utc(r.start), _as_utc(r.end))
            for r in self.session.execute(query)
        ]

    # -- alerts ----------------------------------------------------------------------------

    def alert(self, fingerprint: str, starts_at: datetime) -> MonitoringAlert | None:
        return self.session.scalar(
            select(MonitoringAlert).where(
                MonitoringAlert.fingerprint == fingerprint,
                MonitoringAlert.starts_at == starts_at,
            )
        )

    def add_alert(self, alert: MonitoringAlert) -> None:
        self.session.add(alert)

    def open_ticket_for(self, fingerprint: str) -> Ticket | None:
        """The newest ticket still open for this alert's fingerprint (row-locked), so a
        flapping alert keeps adding to one ticket instead of opening one each time."""
        ticket_id = self.session.scalar(
            select(MonitoringAlert.ticket_id)
            .join(Ticket, Ticket.id == MonitoringAlert.ticket_id)
            .where(
                MonitoringAlert.fingerprint == fingerprint,
                Ticket.status.not_in([s.value for s in FINAL_STATUSES]),
            )
            .order_by(MonitoringAlert.starts_at.desc(), MonitoringAlert.id.desc())
            .limit(1)
        )
        if ticket_id is None:
            return None
        return self.session.scalar(select(Ticket).where(Ticket.id == ticket_id).with_for_update())

    def alerts(self, customer_id: int, start: datetime, end: datetime) -> list[AlertRow]:
        """Alerts that started firing in ``[start, end)``, each with the first action a
        person (not the system user) took on its ticket — which may be before the alert
        arrived, when it fired again on a ticket an engineer already works on."""
        first_action = (
            select(func.min(TicketEvent.occurred_at))
            .join(User, User.id == TicketEvent.actor_id)
            .where(
                and_(
                    TicketEvent.ticket_id == MonitoringAlert.ticket_id,
                    User.username != SYSTEM_USERNAME,
                    User.role.in_(ACKNOWLEDGING_ROLES),
                )
            )
            .correlate(MonitoringAlert)
            .scalar_subquery()
        )
        query = (
            select(
                MonitoringAlert.fingerprint,
                MonitoringAlert.alertname,
                MonitoringAlert.severity,
                MonitoringAlert.system,
                Ticket.number,
                MonitoringAlert.starts_at,
                MonitoringAlert.received_at,
                MonitoringAlert.ends_at,
                first_action.label("first_action_at"),
            )
            .join(Ticket, Ticket.id == MonitoringAlert.ticket_id)
            .where(
                MonitoringAlert.customer_id == customer_id,
                MonitoringAlert.starts_at >= start,
                MonitoringAlert.starts_at < end,
            )
            .order_by(MonitoringAlert.starts_at, MonitoringAlert.id)
        )
        return [
            AlertRow(
                fingerprint=r.fingerprint,
                alertname=r.alertname,
                severity=r.severity,
                system=r.system,
                ticket_number=r.number,
                starts_at=r.starts_at,
                received_at=r.received_at,
                ends_at=r.ends_at,
                first_action_at=_utc(r.first_action_at),
            )
            for r in self.session.execute(query)
        ]


def _utc(value: datetime | str | None) -> datetime | None:
    """A bare aggregate loses the column type: SQLite hands back text, naive UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _as_utc(value: datetime | str | None) -> datetime:
    moment = _utc(value)
    assert moment is not None  # min/max of non-null columns over a non-empty group
    return moment
