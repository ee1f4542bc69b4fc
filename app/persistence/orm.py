"""SQLAlchemy declarative models. Enumerations are stored as their string values
and checked by the domain layer; history rows are append-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.persistence.types import UTCDateTime

# Stable constraint names so Alembic migrations can refer to them on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Counter(Base):
    """Named counters incremented inside the caller's transaction (ticket numbers)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(40))
    # Deferred: only the login reads it (and in PostgreSQL security mode only admins may).
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The language of the customer's e-mails and PDFs ('en' or 'el'; issue 18).
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")

    contacts: Mapped[list[Contact]] = relationship(back_populates="customer", order_by="Contact.id")


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # Receives new releases on the test environment and answers for their verification.
    verifies_releases: Mapped[bool] = mapped_column(Boolean, default=False)
    # Answers for the customer when a resolution asks for approval (issue 13).
    approves_resolutions: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class Product(Base):
    """A system we build and maintain for customers."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint("priority BETWEEN 1 AND 4", name="priority_range"),
        CheckConstraint("event_count >= 0", name="event_count_positive"),
        # The queue's default order: most urgent first, then oldest first.
        Index("ix_tickets_queue", "priority", "created_at", "id"),
        Index("ix_tickets_assignee_status", "assignee_id", "status"),
        # A customer's tickets in id order: the customer sort's inner loop (the queue's
        # other indexes, and ix_tickets_status_id which replaced a bare status index,
        # are in orm_queue.py).
        Index("ix_tickets_customer", "customer_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    environment: Mapped[str] = mapped_column(String(20))
    service_type: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    criticality: Mapped[str] = mapped_column(String(20))
    priority: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    problem_nature: Mapped[str | None] = mapped_column(Text)
    solution: Mapped[str | None] = mapped_column(Text)
    time_logged_minutes: Mapped[int] = mapped_column(Integer, default=0)
    # Head of the history chain, so that deleting the newest event is detectable.
    last_event_hash: Mapped[str] = mapped_column(String(64))
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    # SLA (derived, recomputable from history; kept by app.services.sla in each change).
    first_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The deadline that matters now; NULL when paused or done. State: app.domain.sla.SlaState.
    sla_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    sla_state: Mapped[str | None] = mapped_column(String(16), index=True)
    # Optimistic locking: a stale write raises instead of overwriting.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    customer: Mapped[Customer] = relationship()
    contact: Mapped[Contact | None] = relationship()
    product: Mapped[Product | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])


class TicketEvent(Base):
    """One immutable history entry. Never updated, never deleted."""

    __tablename__ = "ticket_events"
    __table_args__ = (UniqueConstraint("ticket_id", "seq", name="uq_ticket_events_ticket_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    seq: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    # Structured extras (e.g. which contact approved, by which channel), as canonical JSON.
    data: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    # Never set: it tells the unit of work to insert the ticket before its events when
    # both are written by one flush (a ticket's opening, issue 19).
    ticket: Mapped[Ticket] = relationship()
    actor: Mapped[User] = relationship()
