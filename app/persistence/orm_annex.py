"""Tables of the SLA annex (issue 17): availability targets and credit bands per contract
service, planned maintenance windows, outages recorded on tickets, and the alerts that
system monitoring sent us."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.orm import Base, Customer, Ticket
from app.persistence.orm_sla import Contract
from app.persistence.types import UTCDateTime


class ServiceTarget(Base):
    """What a contract promises for one recurring service (managed hosting, system
    monitoring …): availability per month and/or the time to acknowledge an alert."""

    __tablename__ = "service_targets"
    __table_args__ = (UniqueConstraint("contract_id", "service_type", name="uq_service_targets"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    service_type: Mapped[str] = mapped_column(String(40))
    # Thousandths of a percent (99.5 % = 99500); NULL: no availability promise.
    availability_milli: Mapped[int | None] = mapped_column(Integer)
    # "24x7" or "business" (the contract calendar's working hours).
    hours: Mapped[str] = mapped_column(String(16), default="24x7")
    # Minutes from an alert to the first engineer action (system monitoring).
    acknowledge_minutes: Mapped[int | None] = mapped_column(Integer)
    # The customer's systems this service covers, comma-separated (reported even without
    # outages, at 100 %).
    systems: Mapped[str] = mapped_column(Text, default="")

    contract: Mapped[Contract] = relationship()
    bands: Mapped[list[CreditBandRow]] = relationship(
        order_by="CreditBandRow.below_milli.desc()", cascade="all, delete-orphan"
    )


class CreditBandRow(Base):
    """Availability below ``below_milli`` earns ``credit_milli`` of the month's fee."""

    __tablename__ = "service_credit_bands"
    __table_args__ = (UniqueConstraint("target_id", "below_milli", name="uq_credit_bands"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("service_targets.id", ondelete="CASCADE"))
    below_milli: Mapped[int] = mapped_column(Integer)
    credit_milli: Mapped[int] = mapped_column(Integer)


class MaintenanceWindow(Base):
    """Planned maintenance agreed with the customer: excluded from availability."""

    __tablename__ = "maintenance_windows"
    __table_args__ = (Index("ix_maintenance_customer_start", "customer_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    # Empty: every system of the customer.
    system: Mapped[str] = mapped_column(String(100), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    customer: Mapped[Customer] = relationship()


class Outage(Base):
    """A stretch of time a customer's system was down (full) or degraded, recorded on
    the incident ticket that handled it; ``ended_at`` NULL while it lasts."""

    __tablename__ = "outages"
    __table_args__ = (
        Index("ix_outages_customer_start", "customer_id", "started_at"),
        Index("ix_outages_ticket", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    system: Mapped[str] = mapped_column(String(100))
    environment: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(16))  # app.domain.availability.OutageKind
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(16))  # "manual" or "alert"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    ticket: Mapped[Ticket] = relationship()


class MonitoringAlert(Base):
    """One episode of an Alertmanager alert: its fingerprint and the instant it started
    firing identify it, so a repeated notification is recognised and ignored."""

    __tablename__ = "monitoring_alerts"
    __table_args__ = (
        UniqueConstraint("fingerprint", "starts_at", name="uq_monitoring_alerts_episode"),
        Index("ix_monitoring_alerts_customer_start", "customer_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))  # "firing" or "resolved"
    alertname: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(40))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    system: Mapped[str] = mapped_column(String(100))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    outage_id: Mapped[int | None] = mapped_column(ForeignKey("outages.id"))
    # When the notification reached us: detection time = received_at − starts_at.
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)

    ticket: Mapped[Ticket] = relationship()
    outage: Mapped[Outage | None] = relationship()
