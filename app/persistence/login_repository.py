"""Failed-login counts (``uow.logins``), read in a read transaction by the login and
written in a short transaction of their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from app.persistence.orm_security import LoginFailures


class LoginRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def failures(self, username: str) -> tuple[int, datetime] | None:
        """(consecutive failures, time of the last one) for ``username``, if any."""
        row = self.session.execute(
            select(LoginFailures.failures, LoginFailures.last_failed_at).where(
                LoginFailures.username == username
            )
        ).first()
        return (row[0], row[1]) if row else None

    def count_failure(self, username: str, at: datetime) -> None:
        """One more failure. Two desks failing at once both count (update, then insert)."""
        result = self.session.execute(
            update(LoginFailures)
            .where(LoginFailures.username == username)
            .values(failures=LoginFailures.failures + 1, last_failed_at=at)
        )
        changed = cast(CursorResult[Any], result).rowcount
        if not changed:
            self.session.add(LoginFailures(username=username, failures=1, last_failed_at=at))
            self.session.flush()

    def clear(self, username: str) -> None:
        self.session.execute(delete(LoginFailures).where(LoginFailures.username == username))
