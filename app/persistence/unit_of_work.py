"""One transaction per service call, and the one door from services to storage.

``with db.unit_of_work() as uow:`` opens a session; ``uow.commit()`` makes the
work permanent; leaving the block without committing rolls everything back.

Every repository a service may use is declared below as a typed, lazily built
attribute (``uow.tickets``, ``uow.sla``, ``uow.releases`` …), so a reader — and a
code-walking tool — sees the whole storage surface in one place. Services never build
SQL themselves (``tests/unit/test_layers.py`` enforces it). Each repository's module is
imported on first use: a CLI process that opens one ticket does not load the ORM models
of reports, imports, mail or the annex (issue 12, CLI start-up).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.persistence.change_log import ChangeLog
from app.persistence.engine import unpinged
from app.persistence.errors import translate_operational
from app.persistence.hot_path_flush import write_change

if TYPE_CHECKING:
    from app.persistence.annex_repository import AnnexRepository
    from app.persistence.assignment_repository import AssignmentRepository
    from app.persistence.attachments_repository import AttachmentRepository
    from app.persistence.bulk_load import BulkLoadRepository
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


class Gathering:
    """An open :meth:`UnitOfWork.gathered_flush`: autoflush off until :meth:`end`."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._autoflush = session.autoflush
        self.open = True
        session.autoflush = False

    def end(self) -> None:
        """Write what was gathered now (once; later calls do nothing)."""
        if self.open:
            self.abandon()
            if not write_change(self._session):  # Core for an ordinary opening
                self._session.flush()

    def abandon(self) -> None:
        if self.open:
            self.open = False
            self._session.autoflush = self._autoflush


class UnitOfWork:
    session: Session

    def __init__(self, session_factory: sessionmaker[Session], *, ping: bool = True) -> None:
        self._session_factory = session_factory
        self._ping = ping
        self._unpinged: AbstractContextManager[None] | None = None

    def __enter__(self) -> UnitOfWork:
        if not self._ping:
            # The connection is taken from the pool without the pre-ping round trip: for
            # an action that runs again on a lost connection (engine.unpinged).
            self._unpinged = unpinged()
            self._unpinged.__enter__()
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
            if self._unpinged is not None:
                self._unpinged.__exit__(None, None, None)
                self._unpinged = None
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
        if "assignment" in self.__dict__:
            self.assignment.settle_claims()  # a claimed +1 no open-count move took
        # The action's idempotency row rides in the ledger's server statement when there
        # is one (PostgreSQL, issue 19: one statement fewer); else the flush writes it.
        keys = self.idempotency.take() if "idempotency" in self.__dict__ else []
        carried = len(keys) == 1 and "ledger" in self.__dict__ and self.ledger.in_server()
        if keys and not carried:
            self.session.add_all(keys)
        # Flush first: a failure up to here certainly wrote nothing. A connection lost
        # during COMMIT itself leaves the outcome unknown, and says so.
        self.session.flush()
        # The change feed's NOTIFYs (PostgreSQL) go with the ledger's append when there
        # is one: one statement (issue 19); delivered at COMMIT either way.
        payloads: Sequence[str] = self.feed.take() if "feed" in self.__dict__ else ()
        if "ledger" in self.__dict__:
            # History staged for the ledger is chained last, under the ledger's lock.
            payloads = self.ledger.write_pending(notify=payloads, key=keys[0] if carried else None)
        if payloads:
            self.feed.send(payloads)
        try:
            self.session.commit()
        except DBAPIError as exc:
            translated = translate_operational(exc, committing=True)
            if translated is not None:
                raise translated from None
            raise

    def flush(self) -> None:
        if "idempotency" in self.__dict__ and self.dialect != "postgresql":
            # No ledger statement to ride in (SQLite): the action's key goes with this
            # flush, not a second one at commit (issue 19: one write per change).
            self.session.add_all(self.idempotency.take())
        if not write_change(self.session):  # Core for an ordinary change (issue 19)
            self.session.flush()

    @contextmanager
    def gathered_flush(self) -> Iterator[Gathering]:
        """What the block adds or changes is written by one flush when it ends (or at
        :meth:`Gathering.end`); queries in it do not flush first (no autoflush).

        For a ticket's opening (issue 19, statements per action): the ticket, its events
        and its SLA clock are written once each — one INSERT per table, the events as one
        multi-row INSERT — instead of an INSERT followed by UPDATEs. Only for code that
        reads nothing it wrote in the block from the database (the opening's hooks read
        settings, engineers and targets, never the new ticket's rows). An explicit
        :meth:`flush` inside still writes at once."""
        gathering = Gathering(self.session)
        try:
            yield gathering
        except BaseException:
            gathering.abandon()
            raise
        gathering.end()

    def unflushed_reads(self) -> AbstractContextManager[Session]:
        """Queries in the block do not flush the session first: for reads of rows this
        transaction has not changed (issue 19: a change's rows are then written by one
        flush at its end instead of one per hook that reads)."""
        return self.session.no_autoflush

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``: for the few choices that differ by engine."""
        return self.session.get_bind().dialect.name

    # -- repositories (one per feature; add yours here, typed) -----------------------------

    @cached_property
    def users(self) -> UserRepository:
        from app.persistence.repositories import UserRepository

        return UserRepository(self.session)

    @cached_property
    def customers(self) -> CustomerRepository:
        from app.persistence.repositories import CustomerRepository

        return CustomerRepository(self.session)

    @cached_property
    def products(self) -> ProductRepository:
        from app.persistence.repositories import ProductRepository

        return ProductRepository(self.session)

    @cached_property
    def tickets(self) -> TicketRepository:
        from app.persistence.repositories import TicketRepository

        return TicketRepository(self.session)

    @cached_property
    def assignment(self) -> AssignmentRepository:
        from app.persistence.assignment_repository import AssignmentRepository

        return AssignmentRepository(self.session)

    @cached_property
    def imports(self) -> ImportRepository:
        from app.persistence.import_repository import ImportRepository

        return ImportRepository(self.session)

    @cached_property
    def releases(self) -> ReleaseRepository:
        from app.persistence.releases_repository import ReleaseRepository

        return ReleaseRepository(self.session)

    @cached_property
    def outbox(self) -> OutboxRepository:
        from app.persistence.outbox_repository import OutboxRepository

        return OutboxRepository(self.session)

    @cached_property
    def queue(self) -> QueueRepository:
        from app.persistence.queue_repository import QueueRepository

        return QueueRepository(self.session)

    @cached_property
    def reports(self) -> ReportRepository:
        from app.persistence.reports_repository import ReportRepository

        return ReportRepository(self.session)

    @cached_property
    def sla(self) -> SlaRepository:
        from app.persistence.sla_repository import SlaRepository

        return SlaRepository(self.session)

    @cached_property
    def history(self) -> HistoryRepository:
        from app.persistence.history_repository import HistoryRepository

        return HistoryRepository(self.session)

    @cached_property
    def idempotency(self) -> IdempotencyRepository:
        from app.persistence.idempotency_repository import IdempotencyRepository

        return IdempotencyRepository(self.session)

    @cached_property
    def feed(self) -> ChangeFeedRepository:
        from app.persistence.feed_repository import ChangeFeedRepository

        return ChangeFeedRepository(self.session)

    @cached_property
    def facts(self) -> FactsRepository:
        from app.persistence.facts_repository import FactsRepository

        return FactsRepository(self.session)

    @cached_property
    def annex(self) -> AnnexRepository:
        from app.persistence.annex_repository import AnnexRepository

        return AnnexRepository(self.session)

    @cached_property
    def ledger(self) -> LedgerRepository:
        from app.persistence.ledger_repository import LedgerRepository

        return LedgerRepository(self.session)

    @cached_property
    def logins(self) -> LoginRepository:
        from app.persistence.login_repository import LoginRepository

        return LoginRepository(self.session)

    @cached_property
    def security(self) -> SecurityRepository:
        from app.persistence.security_repository import SecurityRepository

        return SecurityRepository(self.session)

    @cached_property
    def mail(self) -> MailRepository:
        from app.persistence.mail_repository import MailRepository

        return MailRepository(self.session)

    @cached_property
    def attachments(self) -> AttachmentRepository:
        from app.persistence.attachments_repository import AttachmentRepository

        return AttachmentRepository(self.session)

    @cached_property
    def saved_searches(self) -> SavedSearchRepository:
        from app.persistence.saved_search_repository import SavedSearchRepository

        return SavedSearchRepository(self.session)

    @cached_property
    def bulk(self) -> BulkLoadRepository:
        """Bulk loading for the data generator only (``app/services/demo_bulk.py``)."""
        # It names tables (Base.metadata.tables[...]): every model module registered.
        import app.persistence.all_models  # noqa: F401
        from app.persistence.bulk_load import BulkLoadRepository

        return BulkLoadRepository(self.session)
