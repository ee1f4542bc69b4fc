"""Failed-login counts (``uow.logins``), read in a read transaction by the login and
written in a short transaction of their own.

Counts are kept per key: a user name (known or not), and ``source:<where>`` for where
the attempts come from — the client's address as the PostgreSQL server sees it, or the
machine's name for an embedded SQLite file (one file, one machine's desks).
"""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, case, delete, select, text, update
from sqlalchemy.orm import Session

from app.persistence.orm_security import LoginFailures

SOURCE_PREFIX = "source:"


class LoginRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def source(self) -> str:
        """The key of where this connection's login attempts come from."""
        if self.session.get_bind().dialect.name == "postgresql":
            where = self.session.scalar(text("SELECT coalesce(host(inet_client_addr()), 'local')"))
        else:
            where = socket.gethostname() or "local"
        return f"{SOURCE_PREFIX}{where}"[:64]

    def failures(self, key: str) -> tuple[int, datetime] | None:
        """(consecutive failures, time of the last one) for ``key``, if any."""
        row = self.session.execute(
            select(LoginFailures.failures, LoginFailures.last_failed_at).where(
                LoginFailures.username == key
            )
        ).first()
        return (row[0], row[1]) if row else None

    def count_failure(self, key: str, at: datetime, restart_before: datetime | None = None) -> None:
        """One more failure; a count whose last failure is older than ``restart_before``
        starts again at one. Two desks failing at once both count (update, then insert)."""
        count = LoginFailures.failures + 1
        if restart_before is not None:
            count = case((LoginFailures.last_failed_at < restart_before, 1), else_=count)
        result = self.session.execute(
            update(LoginFailures)
            .where(LoginFailures.username == key)
            .values(failures=count, last_failed_at=at)
        )
        changed = cast(CursorResult[Any], result).rowcount
        if not changed:
            self.session.add(LoginFailures(username=key, failures=1, last_failed_at=at))
            self.session.flush()

    def clear(self, key: str) -> None:
        self.session.execute(delete(LoginFailures).where(LoginFailures.username == key))
