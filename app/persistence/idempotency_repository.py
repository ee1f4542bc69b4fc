"""Storage of idempotency keys (see app/services/idempotency.py for the rule)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.persistence.orm_faults import IdempotencyKey


class IdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        # Rows recorded in this transaction, written by the unit of work at commit: on
        # PostgreSQL inside the ledger's statement (one statement fewer, issue 19),
        # otherwise added to the session before its last flush.
        self._staged: list[IdempotencyKey] = []

    def find(self, user_id: int, key: str) -> IdempotencyKey | None:
        return self.session.get(IdempotencyKey, (user_id, key))

    def add(self, row: IdempotencyKey) -> None:
        self._staged.append(row)

    def take(self) -> list[IdempotencyKey]:
        """The rows staged since the last call (the unit of work writes them)."""
        rows, self._staged = self._staged, []
        return rows
