"""Tables of the SLA feature: calendars, contracts, targets, per-ticket clocks,
escalations, and the e-mail outbox with its templates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.orm import Base, Customer, Ticket
from app.persistence.types import UTCDateTime


class BusinessCalendarRow(Base):
    """Working days/hours, time zone and holidays a contract's clock counts in."""

    __tablename__ = "business_calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    # Weekday numbers, 0 = Monday, comma-separated: "0,1,2,3,4".
    workdays: Mapped[str] = mapped_column(String(20))
    day_start: Mapped[str] = mapped_column(String(5))  # "09:00"
    day_end: Mapped[str] = mapped_column(String(5))
    country: Mapped[str | None] = mapped_column(String(8))
    subdivision: Mapped[str | None] = mapped_column(String(16))
    # Extra closure dates (ISO), comma-separated.
    closures: Mapped[str] = mapped_column(Text, default="")


class SlaTargetRow(Base):
    __tablename__ = "sla_targets"

    tier: Mapped[str] = mapped_column(String(32), primary_key=True)
    criticality: Mapped[str] = mapped_column(String(20), primary_key=True)
    priority: Mapped[int] = mapped_column(Integer)
    response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    business_hours: Mapped[bool] = mapped_column(Boolean, default=True)


class Contract(Base):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    tier: Mapped[str] = mapped_column(String(32))
    # Service types covered, comma-separated and sorted.
    services: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("business_calendars.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    customer: Mapped[Customer] = relationship()
    calendar: Mapped[BusinessCalendarRow] = relationship()


class SlaClock(Base):
    """What each ticket was promised (a snapshot taken at opening) and where its
    clock stands: the next instant the scan must look at it, and how far the
    notifications hook has read its history."""

    __tablename__ = "sla_clocks"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("business_calendars.id"))
    tier: Mapped[str | None] = mapped_column(String(32))
    criticality: Mapped[str | None] = mapped_column(String(20))
    response_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_minutes: Mapped[int | None] = mapped_column(Integer)
    business_hours: Mapped[bool] = mapped_column(Boolean, default=True)
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    seen_seq: Mapped[int] = mapped_column(Integer, default=0)

    calendar: Mapped[BusinessCalendarRow | None] = relationship()
    contract: Mapped[Contract | None] = relationship()
    # Never set: it tells the unit of work to insert the ticket before its clock when
    # both are written by one flush (a ticket's opening, issue 19).
    ticket: Mapped[Ticket] = relationship()


class SlaEscalation(Base):
    """One row per ticket, clock and threshold: the unique key makes "never twice" hold
    even if two scans race."""

    __tablename__ = "sla_escalations"
    __table_args__ = (
        UniqueConstraint("ticket_id", "measure", "threshold", name="uq_sla_escalations_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    measure: Mapped[str] = mapped_column(String(16))
    threshold: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """An e-mail waiting to be sent (written in the transaction of its cause)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable Message-ID: if a crash repeats a delivery, mail systems can drop the copy.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # queued → sending → sent; or failed after too many attempts (retry by hand).
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The SMTP server's acceptance line ("250 …"), written the moment it arrives: a message
    # with a reply is never handed to the server again.
    smtp_reply: Mapped[str | None] = mapped_column(Text)


class NotificationTemplate(Base):
    """An edited template; keys without a row use the built-in default."""

    __tablename__ = "notification_templates"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
