"""Imports from other help desks: the runs, the facts the source system recorded about
each imported ticket, and the people and groups that came with them.

Imported people become users that cannot log in (inactive, no usable password);
``imported_users`` says which source name each stands for. Groups become ``teams``
marked with their source system.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base
from app.persistence.types import UTCDateTime


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Set for teams that came from another help desk (e.g. a ServiceNow assignment group).
    source_system: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ImportRun(Base):
    """One file imported by one person; the checksum recognises the same file again."""

    __tablename__ = "import_runs"
    __table_args__ = (Index("ix_import_runs_source_checksum", "source_system", "checksum"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_system: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    checksum: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rows_read: Mapped[int] = mapped_column(Integer)
    tickets_new: Mapped[int] = mapped_column(Integer)
    tickets_known: Mapped[int] = mapped_column(Integer)
    events_new: Mapped[int] = mapped_column(Integer)
    # The report lines (unknown states, skipped updates of known tickets), as JSON.
    notes: Mapped[str] = mapped_column(Text, default="[]")


class ImportedTicket(Base):
    """What the source system said about a ticket, kept as it was for the reports."""

    __tablename__ = "imported_tickets"
    __table_args__ = (
        UniqueConstraint("source_system", "source_number", name="uq_imported_tickets_source"),
    )

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    import_run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id"), index=True)
    source_system: Mapped[str] = mapped_column(String(32))
    source_number: Mapped[str] = mapped_column(String(64))
    source_state: Mapped[str | None] = mapped_column(String(64))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    # The original timestamps as the source gave them (NULL when it gave none).
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The source's own counters on its last row; the reports use them for imported tickets.
    reassignment_count: Mapped[int | None] = mapped_column(Integer)
    reopen_count: Mapped[int | None] = mapped_column(Integer)
    made_sla: Mapped[bool | None] = mapped_column(Boolean)
    source_rows: Mapped[int] = mapped_column(Integer)
    last_source_update: Mapped[datetime] = mapped_column(UTCDateTime)


class ImportedUser(Base):
    """Marks a user as an imported person (who cannot log in) and names its source."""

    __tablename__ = "imported_users"
    __table_args__ = (
        UniqueConstraint("source_system", "source_name", name="uq_imported_users_source"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    source_system: Mapped[str] = mapped_column(String(32))
    source_name: Mapped[str] = mapped_column(String(200))
