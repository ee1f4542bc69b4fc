"""One transaction per service call.

``with db.unit_of_work() as uow:`` opens a session; ``uow.commit()`` makes the
work permanent; leaving the block without committing rolls everything back.
"""

from __future__ import annotations

from functools import cached_property
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from app.persistence.import_repository import ImportRepository
from app.persistence.repositories import (
    CustomerRepository,
    ProductRepository,
    TicketRepository,
    UserRepository,
)


class UnitOfWork:
    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self.users = UserRepository(self.session)
        self.customers = CustomerRepository(self.session)
        self.products = ProductRepository(self.session)
        self.tickets = TicketRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()

    @cached_property
    def imports(self) -> ImportRepository:
        return ImportRepository(self.session)
