"""Storage of idempotency keys (see app/services/idempotency.py for the rule)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.persistence.orm_faults import IdempotencyKey


class IdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, user_id: int, key: str) -> IdempotencyKey | None:
        return self.session.get(IdempotencyKey, (user_id, key))

    def add(self, row: IdempotencyKey) -> None:
        self.session.add(row)
