"""Builds the object graph: database, clock, password hasher, services.

Nothing here runs at import time; callers (CLI, GUI, tests) decide what to build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.config import load_settings, paths
from app.domain.clock import Clock, FakeClock, SystemClock
from app.persistence.database import Database
from app.services.alerts import AlertService
from app.services.assignment import AssignmentService
from app.services.attachments import AttachmentService
from app.services.auth import Passwords, refused_login
from app.services.auto_assign import AutoAssignHook, OpenCountHook
from app.services.background import BackgroundJobs
from app.services.canned_replies import CannedReplyService
from app.services.changes import ChangeCounterHook, ChangeFeed
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
from app.services.report_facts import ReportFactsHook
from app.services.reports import ReportService
from app.services.saved_searches import SavedSearchService
from app.services.sla import SlaHook, SlaService
from app.services.sla_preview import SlaPreviewService
from app.services.tickets import TicketService
from app.services.users import UserService


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
    return [SlaHook(), OpenCountHook(), AutoAssignHook(), ChangeCounterHook(), ReportFactsHook()]


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    users: UserService
    customers: CustomerService
    tickets: TicketService
    history: HistoryService
    queue: QueueService
    changes: ChangeFeed
    assignment: AssignmentService
    sla: SlaService
    notifications: NotificationService
    releases: ReleaseService
    promotions: PromotionService
    importing: ImportService
    reports: ReportService
    dashboard: DashboardService
    mail: MailInService
    unmatched_mail: UnmatchedMailService
    attachments: AttachmentService
    canned_replies: CannedReplyService
    background: BackgroundJobs

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        pipeline = ChangePipeline(ticket_hooks())
        tickets = TicketService(ctx, pipeline)
        assignment, sla = AssignmentService(ctx, pipeline), SlaService(ctx, pipeline)
        return cls(
            ctx=ctx,
            users=UserService(ctx),
            customers=CustomerService(ctx),
            tickets=tickets,
            history=HistoryService(ctx),
            queue=QueueService(ctx),
            changes=ChangeFeed(ctx),
            assignment=assignment,
            sla=sla,
            notifications=NotificationService(ctx),
            releases=ReleaseService(ctx, pipeline),
            promotions=PromotionService(ctx, tickets),
            importing=ImportService(ctx),
            reports=ReportService(ctx),
            dashboard=DashboardService(ctx),
            mail=MailInService(ctx, tickets),
            unmatched_mail=UnmatchedMailService(ctx, tickets),
            attachments=AttachmentService(ctx, pipeline),
            canned_replies=CannedReplyService(ctx),
            background=BackgroundJobs(ctx, sla, assignment),
        )

    @property
    def db(self) -> Database:
        return self.ctx.db

    # Administration (issue 13): stateless, so built on use rather than stored.
    @property
    def desk_settings(self) -> DeskSettingsService:
        return DeskSettingsService(self.ctx)

    @property
    def sla_preview(self) -> SlaPreviewService:
        return SlaPreviewService(self.ctx)

    # Saved searches (issue 14): a person's own named queue views; built on use.
    @property
    def saved_searches(self) -> SavedSearchService:
        return SavedSearchService(self.ctx)

    # SLA annex (issue 17): outages, alerts; built on use, sharing the tickets' pipeline.
    @property
    def outages(self) -> OutageService:
        return OutageService(self.ctx, self.tickets.pipeline)

    @property
    def alerts(self) -> AlertService:
        return AlertService(self.ctx, self.tickets)

    @property
    def monthly_reports(self) -> MonthlyReportService:
        return MonthlyReportService(self.ctx, self.reports)


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
    refused = refused_login(url, exc, (clock or SystemClock()).now())
    if refused is not None:
        raise refused from None


def demo_services(services: Services) -> tuple[Services, FakeClock]:
    """The same database, password hasher and settings on a fake clock starting now,
    for :func:`app.services.demo.load_demo`, which moves it through the demo's weeks."""
    clock = FakeClock(services.ctx.clock.now())
    return Services.build(replace(services.ctx, clock=clock)), clock
