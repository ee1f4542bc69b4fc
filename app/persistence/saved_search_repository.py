"""Storage of saved searches (``uow.saved_searches``): one person's rows at a time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence.orm_saved_searches import SavedSearch


class SavedSearchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def of_user(self, user_id: int) -> Sequence[SavedSearch]:
        query = select(SavedSearch).where(SavedSearch.user_id == user_id)
        return self.session.scalars(query.order_by(SavedSearch.name, SavedSearch.id)).all()

    def named(self, user_id: int, name: str) -> SavedSearch | None:
        query = select(SavedSearch).where(SavedSearch.user_id == user_id)
        return self.session.scalar(query.where(SavedSearch.name == name))

    def add(self, row: SavedSearch) -> None:
        self.session.add(row)

    def delete(self, row: SavedSearch) -> None:
        self.session.delete(row)
