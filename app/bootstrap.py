"""Builds the object graph: database, clock, password hasher, services.

Nothing here runs at import time; callers (CLI, GUI, tests) decide what to build. Each
service is imported and built on first use (issue 12): a ``supportdesk ticket show``
process pays for the ticket service only, not for reports, alerts, imports or mail.
:func:`import_all_services` warms the import cache where everything will be needed
(the desktop client, while its login window is up).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from app.config import load_settings, paths
from app.domain.clock import Clock, FakeClock, SystemClock

if TYPE_CHECKING:
    from app.persistence.database import Database
    from app.services.alerts import AlertService
    from app.services.assignment import AssignmentService
    from app.services.attachments import AttachmentService
    from app.services.auth import Passwords
    from app.services.background import BackgroundJobs
    from app.services.canned_replies import CannedReplyService
    from app.services.changes import ChangeFeed
    from app.services.context import ServiceContext
    from app.services.customers import CustomerService
    from app.services.dashboard import DashboardService
    from app.services.desk_settings import DeskSettingsService
    from app.services.history import HistoryService
    from app.services.hooks import TicketHook
    from app.services.importing import ImportService
    from app.services.mail_in.service import MailInService
    from app.services.mail_in.unmatched import UnmatchedMailService
    from app.services.monthly_report import MonthlyReportService
    from app.services.notifications import NotificationService
    from app.services.outages import OutageService
    from app.services.pipeline import ChangePipeline
    from app.services.promotions import PromotionService
    from app.services.queue import QueueService
    from app.services.releases import ReleaseService
    from app.services.reports import ReportService
    from app.services.saved_searches import SavedSearchService
    from app.services.sla import SlaService
    from app.services.sla_preview import SlaPreviewService
    from app.services.tickets import TicketService
    from app.services.users import UserService

# Every module a service of :class:`Services` lives in (see import_all_services).
SERVICE_MODULES = (
    "alerts", "assignment", "attachments", "auto_assign", "background", "canned_replies",
    "changes", "customers", "dashboard", "desk_settings", "history", "importing",
    "mail_in.service", "mail_in.unmatched", "monthly_report", "notifications", "outages",
    "pipeline", "promotions", "queue", "releases", "report_facts", "reports",
    "saved_searches", "sla", "sla_preview", "tickets", "users",
)  # fmt: skip


def import_all_services() -> None:
    """Import every service module now (a warm import cache for later first uses)."""
    for name in SERVICE_MODULES:
        importlib.import_module(f"app.services.{name}")


def ticket_hooks() -> list[TicketHook]:
    """The hooks every ticket change passes through, in the order they run.

    1. SLA: the contract check and the SLA priority at opening; the clock after each
       change. First, so the priority is settled before anyone is assigned.
    2. Open-ticket counts: moves the engineers' maintained counts (their profile rows,
       in user id order), before auto-assignment reads them.
    3. Auto-assignment: assigns at opening; hands a freed engineer the next ticket
       (returned to the pipeline as a further change). Every desk locks ticket rows,
       then engineer rows: no deadlock cycle.
    4. Change feed: the NOTIFY other desks LISTEN for (the poll token needs no write).
    5. Report facts: after SLA, as it reads the first response the SLA hook settled.
    """
    from app.services.auto_assign import AutoAssignHook, OpenCountHook
    from app.services.changes import ChangeCounterHook
    from app.services.report_facts import ReportFactsHook
    from app.services.sla import SlaHook

    return [SlaHook(), OpenCountHook(), AutoAssignHook(), ChangeCounterHook(), ReportFactsHook()]


T = TypeVar("T")


class _OnFirstUse(Generic[T]):
    """A service built on first use and then kept (like ``functools.cached_property``,
    with a lock: two GUI threads asking at once still share one instance)."""

    def __init__(self, build: Callable[[Services], T]) -> None:
        self._build = build
        self._name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> _OnFirstUse[T]: ...
    @overload
    def __get__(self, instance: Services, owner: type) -> T: ...
    def __get__(self, instance: Services | None, owner: type) -> T | _OnFirstUse[T]:
        if instance is None:
            return self
        with instance._building:
            # A plain (non-data) descriptor: once stored, the instance attribute wins
            # and this method is not called again for it.
            if self._name not in instance.__dict__:
                instance.__dict__[self._name] = self._build(instance)
            value: T = instance.__dict__[self._name]
            return value


class Services:
    """The services of one database (``ctx``), each built when first asked for."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._building = threading.RLock()  # re-entrant: tickets builds the pipeline

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(ctx)

    @property
    def db(self) -> Database:
        return self.ctx.db

    @_OnFirstUse
    def pipeline(self) -> ChangePipeline:
        """The one change pipeline every ticket-changing service shares."""
        from app.services.pipeline import ChangePipeline

        return ChangePipeline(ticket_hooks())

    @_OnFirstUse
    def users(self) -> UserService:
        from app.services.users import UserService

        return UserService(self.ctx)

    @_OnFirstUse
    def customers(self) -> CustomerService:
        from app.services.customers import CustomerService

        return CustomerService(self.ctx)

    @_OnFirstUse
    def tickets(self) -> TicketService:
        from app.services.tickets import TicketService

        return TicketService(self.ctx, self.pipeline)

    @_OnFirstUse
    def history(self) -> HistoryService:
        from app.services.history import HistoryService

        return HistoryService(self.ctx)

    @_OnFirstUse
    def queue(self) -> QueueService:
        from app.services.queue import QueueService

        return QueueService(self.ctx)

    @_OnFirstUse
    def changes(self) -> ChangeFeed:
        from app.services.changes import ChangeFeed

        return ChangeFeed(self.ctx)

    @_OnFirstUse
    def assignment(self) -> AssignmentService:
        from app.services.assignment import AssignmentService

        return AssignmentService(self.ctx, self.pipeline)

    @_OnFirstUse
    def sla(self) -> SlaService:
        from app.services.sla import SlaService

        return SlaService(self.ctx, self.pipeline)

    @_OnFirstUse
    def notifications(self) -> NotificationService:
        from app.services.notifications import NotificationService

        return NotificationService(self.ctx)

    @_OnFirstUse
    def releases(self) -> ReleaseService:
        from app.services.releases import ReleaseService

        return ReleaseService(self.ctx, self.pipeline)

    @_OnFirstUse
    def promotions(self) -> PromotionService:
        from app.services.promotions import PromotionService

        return PromotionService(self.ctx, self.tickets)

    @_OnFirstUse
    def importing(self) -> ImportService:
        from app.services.importing import ImportService

        return ImportService(self.ctx)

    @_OnFirstUse
    def reports(self) -> ReportService:
        from app.services.reports import ReportService

        return ReportService(self.ctx)

    @_OnFirstUse
    def dashboard(self) -> DashboardService:
        from app.services.dashboard import DashboardService

        return DashboardService(self.ctx)

    @_OnFirstUse
    def mail(self) -> MailInService:
        from app.services.mail_in.service import MailInService

        return MailInService(self.ctx, self.tickets)

    @_OnFirstUse
    def unmatched_mail(self) -> UnmatchedMailService:
        from app.services.mail_in.unmatched import UnmatchedMailService

        return UnmatchedMailService(self.ctx, self.tickets)

    @_OnFirstUse
    def attachments(self) -> AttachmentService:
        from app.services.attachments import AttachmentService

        return AttachmentService(self.ctx, self.pipeline)

    @_OnFirstUse
    def canned_replies(self) -> CannedReplyService:
        from app.services.canned_replies import CannedReplyService

        return CannedReplyService(self.ctx)

    @_OnFirstUse
    def background(self) -> BackgroundJobs:
        from app.services.background import BackgroundJobs

        return BackgroundJobs(self.ctx, self.sla, self.assignment)

    # Stateless, so built anew on each use (administration, issue 13; saved searches,
    # issue 14; the SLA annex, issue 17).
    @property
    def desk_settings(self) -> DeskSettingsService:
        from app.services.desk_settings import DeskSettingsService

        return DeskSettingsService(self.ctx)

    @property
    def sla_preview(self) -> SlaPreviewService:
        from app.services.sla_preview import SlaPreviewService

        return SlaPreviewService(self.ctx)

    @property
    def saved_searches(self) -> SavedSearchService:
        from app.services.saved_searches import SavedSearchService

        return SavedSearchService(self.ctx)

    @property
    def outages(self) -> OutageService:
        from app.services.outages import OutageService

        return OutageService(self.ctx, self.pipeline)

    @property
    def alerts(self) -> AlertService:
        from app.services.alerts import AlertService

        return AlertService(self.ctx, self.tickets)

    @property
    def monthly_reports(self) -> MonthlyReportService:
        from app.services.monthly_report import MonthlyReportService

        return MonthlyReportService(self.ctx, self.reports)


def load_all_models() -> None:
    """Import every ORM model module and configure the mappers now, in this thread.

    For a process that imports modules on another thread meanwhile (the desktop client
    warms its import cache while the login runs): SQLAlchemy configures every mapper it
    knows at the first query, and a model module half-imported by the other thread — a
    relationship defined, its target class not yet — failed the login with "failed to
    locate a name" ('CreditBandRow.below_milli.desc()', seen twice in ~45 desktop
    drives). An import of a module another thread is importing waits for it to finish,
    so after this call no model is seen half-made. A one-shot CLI process does not need
    it (nothing imports beside it) and does not pay for it (~60–150 ms)."""
    from sqlalchemy.orm import configure_mappers

    import app.persistence.all_models  # noqa: F401  (the import is the point)

    configure_mappers()


def open_services(
    url: str,
    *,
    create: bool = False,
    require_schema: bool = True,
    clock: Clock | None = None,
    passwords: Passwords | None = None,
    settings: Mapping[str, Any] | None = None,
) -> Services:
    """Open the database at ``url`` and wire the services around it.

    ``settings`` is the settings file's content; read here, once, when not given.
    """
    from app.persistence.database import Database
    from app.services.auth import Passwords
    from app.services.context import ServiceContext

    if settings is None:
        settings = load_settings(paths())
    try:
        db = Database.open(url, create=create)
    except Exception as exc:
        _answer_refused_login(url, exc, clock)
        raise
    try:
        if require_schema:
            db.require_current_schema()
    except Exception as exc:
        db.dispose()
        _answer_refused_login(url, exc, clock)
        raise
    ctx = ServiceContext(
        db=db,
        clock=clock or SystemClock(),
        passwords=passwords or Passwords(),
        settings=settings,
    )
    return Services.build(ctx)


def _answer_refused_login(url: str, exc: Exception, clock: Clock | None) -> None:
    """Security mode: a password the server refused is counted, and answered, like the
    application's own login check (app.persistence.security_gate)."""
    from app.services.auth import refused_login

    refused = refused_login(url, exc, (clock or SystemClock()).now())
    if refused is not None:
        raise refused from None


def demo_services(services: Services) -> tuple[Services, FakeClock]:
    """The same database, password hasher and settings on a fake clock starting now,
    for :func:`app.services.demo.load_demo`, which moves it through the demo's weeks."""
    clock = FakeClock(services.ctx.clock.now())
    return Services.build(replace(services.ctx, clock=clock)), clock
