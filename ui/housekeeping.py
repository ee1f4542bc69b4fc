"""What every open desk does once a minute, off the GUI thread: the SLA scan (at-risk and
breach escalations) and offering waiting tickets to available engineers.

Both are the same service calls as `supportdesk sla scan` and `assign dispatch`, safe to
run from many desks at once (each escalation and each claim happens once) — but only one
desk runs them at a time: the round takes a job lease (`app/services/background.py`), and
a desk that cannot have it skips the round. The jobs work ticket by ticket in short
transactions, so they never hold up the desk's own actions. E-mail is not sent from
desks: `supportdesk notify send` runs on one machine (cron or a service).

When the settings name IMAP mailboxes (``mail.mailboxes``), each tick also offers to fetch
them (`app/services/mail_in/background.py`: its own job lease, so one desk fetches at a
time). The fetch runs on a worker of its own, so a slow mail server never takes a worker
the desk's own actions need; a failure is logged and becomes a quiet status-bar note.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.bootstrap import Services
from app.domain.errors import DomainError, describe
from app.services.auth import Actor
from app.services.mail_in.background import MailFetchJob, MailRound
from ui.tasks import TaskRunner

INTERVAL_MS = 60_000


@dataclass(frozen=True, slots=True)
class Round:
    escalations: int
    assigned: int
    # Another desk held the job lease: this desk did nothing this time.
    skipped: bool = False


class Housekeeping(QObject):
    finished = Signal(object)  # Round
    failed = Signal(str)
    mail_fetched = Signal(object)  # MailRound, or None: another desk fetched

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        mail_job: MailFetchJob | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._actor, self._runner = services, actor, runner
        self._running = False
        self._mail = mail_job or MailFetchJob(
            services.ctx, services.mail, services.background.holder
        )
        self._mail_runner: TaskRunner | None = None  # created once a mailbox is configured
        self._mail_running = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def run_now(self) -> None:
        if self._running:  # a slow round is still going: skip, the next tick catches up
            return
        self._running = True
        self._runner.submit(self._round, self._done, self._error, label="housekeeping")
        self.fetch_mail_now()

    def fetch_mail_now(self) -> None:
        if self._mail_running:
            return
        try:
            if not self._mail.mailboxes():
                return
        except DomainError as exc:  # a mailbox in the settings lacks its host, say
            self._mail_error(exc)
            return
        if self._mail_runner is None:
            self._mail_runner = TaskRunner(self, workers=1)
        self._mail_running = True
        self._mail_runner.submit(
            self._mail.run_round, self._mail_done, self._mail_error, label="mail fetch"
        )

    def shutdown_mail(self, timeout_ms: int = 5000) -> None:
        """Let a running fetch finish (tests; quitting drops queued work by itself)."""
        if self._mail_runner is not None:
            self._mail_runner.shutdown(timeout_ms)

    def _round(self) -> Round:
        done = self._services.background.run_round(self._actor)
        if done is None:
            return Round(0, 0, skipped=True)
        return Round(done.escalations, done.assigned)

    def _done(self, result: Round) -> None:
        self._running = False
        self.finished.emit(result)

    def _error(self, exc: Exception) -> None:
        self._running = False
        self.failed.emit(describe(exc))

    def _mail_done(self, result: MailRound | None) -> None:
        self._mail_running = False
        if result is not None and result.problems:
            self._mail_note("; ".join(result.problems))
        self.mail_fetched.emit(result)

    def _mail_error(self, exc: Exception) -> None:
        self._mail_running = False
        self._mail_note(describe(exc))

    def _mail_note(self, problem: str) -> None:
        # The log has it too (the job and the task runner write it); no dialog.
        self.failed.emit(self.tr("Mail not fetched: %1").replace("%1", problem))
