"""Leases of the background jobs (issue 19): on SQLite the one desk that runs the SLA
scan and the dispatch holds the row of the job until ``expires_at``; a desk that
crashed loses it when it expires. (PostgreSQL uses an advisory lock instead.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base
from app.persistence.types import UTCDateTime


class JobLease(Base):
    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    # NULL: released; otherwise held until this instant.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
