"""Models of issue 11: the database-wide history ledger and failed-login counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base
from app.persistence.types import UTCDateTime


class LedgerEntry(Base):
    """One link of the append-only ledger: a ticket's creation (``event_seq`` 0) or one
    of its events. ``hash`` covers this entry and the previous entry's hash, so the whole
    database's history is one chain; an anchor signs its head."""

    __tablename__ = "history_ledger"
    __table_args__ = (
        UniqueConstraint("ticket_number", "event_seq", name="uq_history_ledger_ticket_event"),
    )

    # The global sequence: assigned under the ledger lock, never by the database default.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(10))
    ticket_number: Mapped[str] = mapped_column(String(20))
    event_seq: Mapped[int] = mapped_column(Integer)
    entry_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class LoginFailures(Base):
    """Consecutive failed logins per user name (known or not), for throttling."""

    __tablename__ = "login_failures"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
