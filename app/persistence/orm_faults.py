"""Tables of issue 12: the idempotency keys of user actions.

(The outbox's SMTP acceptance is a column of ``outbox``, see ``orm_sla.OutboxMessage``.)
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base
from app.persistence.types import UTCDateTime


class IdempotencyKey(Base):
    """One user action that was done: a retry with the same key gets this result back.

    Written in the action's own transaction, so the key exists if and only if the
    action committed.
    """

    __tablename__ = "idempotency_keys"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    action: Mapped[str] = mapped_column(String(40))
    # What the action produced, enough to show it again (e.g. {"ticket": "SD-000042"}).
    result: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
