"""Tables of the assignment feature: engineers' availability and shared settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base, Ticket
from app.persistence.types import UTCDateTime


class EngineerProfile(Base):
    """One row per engineer. Its row lock serialises assignments to that engineer, so
    concurrent desks can never push them past ``max_open``."""

    __tablename__ = "engineer_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default="off")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Canonical text of app.domain.assignment.WeeklySchedule; empty = always working.
    schedule: Mapped[str] = mapped_column(Text, default="")
    # Product codes, comma-separated and sorted; empty = any product.
    skills: Mapped[str] = mapped_column(Text, default="")
    max_open: Mapped[int | None] = mapped_column(Integer)
    last_assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Tickets assigned to them in a load status, kept by the change pipeline in the same
    # transaction (app.persistence.write_path): assigning reads it instead of counting.
    open_tickets: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AppSetting(Base):
    """Settings every desk must share (e.g. the assignment policy)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# "Take next" and automatic assignment read the unassigned tickets most urgent first;
# a partial index keeps that a short walk however many closed tickets there are.
Index(
    "ix_tickets_unassigned",
    Ticket.priority,
    Ticket.created_at,
    Ticket.id,
    sqlite_where=Ticket.status == "new",
    postgresql_where=Ticket.status == "new",
)
