"""One transaction per service call, and the one door from services to storage.

``with db.unit_of_work() as uow:`` opens a session; ``uow.commit()`` makes the
work permanent; leaving the block without committing rolls everything back.

Every repository a service may use is declared below as a typed, lazily built
attribute (``uow.tickets``, ``uow.sla``, ``uow.releases`` …), so a reader — and a
code-walking tool — sees the whole storage surface in one place. Services never build
SQL themselves (``tests/unit/test_layers.py`` enforces it).
"""

from __future__ import annotations

from functools import cached_property
from types import TracebackType

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.persistence.annex_repository import AnnexRepository
from app.persistence.assignment_repository import AssignmentRepository
from app.persistence.attachments_repository import AttachmentRepository
from app.persistence.bulk_load import BulkLoadRepository
from app.persistence.change_log import ChangeLog
from app.persistence.errors import translate_operational
from app.persistence.facts_repository import FactsRepository
from app.persistence.feed_repository import ChangeFeedRepository
from app.persistence.history_repository import HistoryRepository
from app.persistence.idempotency_repository import IdempotencyRepository
from app.persistence.import_repository import ImportRepository
from app.persistence.ledger_repository import LedgerRepository
from app.persistence.login_repository import LoginRepository
from app.persistence.mail_repository import MailRepository
from app.persistence.outbox_repository import OutboxRepository
from app.persistence.queue_repository import QueueRepository
from app.persistence.releases_repository import ReleaseRepository
from app.persistence.reports_repository import ReportRepository
from app.persistence.repositories import (
    CustomerRepository,
    ProductRepository,
    TicketRepository,
    UserRepository,
)
from app.persistence.saved_search_repository import SavedSearchRepository
from app.persistence.security_repository import SecurityRepository
from app.persistence.sla_repository import SlaRepository


class UnitOfWork:
    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        # The ticket changes of this transaction, as the change pipeline hands them to
        # the hooks (see app/services/pipeline.py).
        self.changes = ChangeLog()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        except DBAPIError:
            pass  # the connection is gone (reported below); nothing is left to undo
        finally:
            self.session.close()
        if exc is not None:
            # Busy database, lost connection: plain words for every service call, reads too.
            translated = translate_operational(exc)
            if translated is not None:
                raise translated from None

    def commit(self) -> None:
        left = self.changes.left_open()
        if left:
            # A programming error, caught before it reaches the database: a ticket was
            # changed without passing its change through the pipeline (its hooks).
            names = ", ".join(sorted(c.ticket.number for c in left))
            raise RuntimeError(f"ticket changes not passed to the change pipeline: {names}")
        # Flush first: a failure up to here certainly wrote nothing. A connection lost
        # during COMMIT itself leaves the outcome unknown, and says so.
        self.session.flush()
        if "ledger" in self.__dict__:
            # History staged for the ledger is chained last, under the ledger's lock.
            self.ledger.write_pending()
        try:
            self.session.commit()
        except DBAPIError as exc:
            translated = translate_operational(exc, committing=True)
            if translated is not None:
                raise translated from None
            raise

    def flush(self) -> None:
        self.session.flush()

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``: for the few choices that differ by engine."""
        return self.session.get_bind().dialect.name

    # -- repositories (one per feature; add yours here, typed) -----------------------------

    @cached_property
    def users(self) -> UserRepository:
        return UserRepository(self.session)

    @cached_property
    def customers(self) -> CustomerRepository:
        return CustomerRepository(self.session)

    @cached_property
    def products(self) -> ProductRepository:
        return ProductRepository(self.session)

    @cached_property
    def tickets(self) -> TicketRepository:
        return TicketRepository(self.session)

    @cached_property
    def assignment(self) -> AssignmentRepository:
        return AssignmentRepository(self.session)

    @cached_property
    def imports(self) -> ImportRepository:
        return ImportRepository(self.session)

    @cached_property
    def releases(self) -> ReleaseRepository:
        return ReleaseRepository(self.session)

    @cached_property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self.session)

    @cached_property
    def queue(self) -> QueueRepository:
        return QueueRepository(self.session)

    @cached_property
    def reports(self) -> ReportRepository:
        return ReportRepository(self.session)

    @cached_property
    def sla(self) -> SlaRepository:
        return SlaRepository(self.session)

    @cached_property
    def history(self) -> HistoryRepository:
        return HistoryRepository(self.session)

    @cached_property
    def idempotency(self) -> IdempotencyRepository:
        return IdempotencyRepository(self.session)

    @cached_property
    def feed(self) -> ChangeFeedRepository:
        return ChangeFeedRepository(self.session)

    @cached_property
    def facts(self) -> FactsRepository:
        return FactsRepository(self.session)

    @cached_property
    def annex(self) -> AnnexRepository:
        return AnnexRepository(self.session)

    @cached_property
    def ledger(self) -> LedgerRepository:
        return LedgerRepository(self.session)

    @cached_property
    def logins(self) -> LoginRepository:
        return LoginRepository(self.session)

    @cached_property
    def security(self) -> SecurityRepository:
        return SecurityRepository(self.session)

    @cached_property
    def mail(self) -> MailRepository:
        return MailRepository(self.session)

    @cached_property
    def attachments(self) -> AttachmentRepository:
        return AttachmentRepository(self.session)

    @cached_property
    def saved_searches(self) -> SavedSearchRepository:
        return SavedSearchRepository(self.session)

    @cached_property
    def bulk(self) -> BulkLoadRepository:
        """Bulk loading for the data generator only (``app/services/demo_bulk.py``)."""
        return BulkLoadRepository(self.session)
