"""What every open desk does once a minute, off the GUI thread: the SLA scan (at-risk and
breach escalations) and offering waiting tickets to available engineers.

Both are the same service calls as `supportdesk sla scan` and `assign dispatch`, safe to
run from many desks at once (each escalation and each claim happens once) — but only one
desk runs them at a time: the round takes a job lease (`app/services/background.py`), and
a desk that cannot have it skips the round. The jobs work ticket by ticket in short
transactions, so they never hold up the desk's own actions. E-mail is not sent from
desks: `supportdesk notify send` runs on one machine (cron or a service).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.bootstrap import Services
from app.domain.errors import describe
from app.services.auth import Actor
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

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QObject | None = None,
        interval_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._services, self._actor, self._runner = services, actor, runner
        self._running = False
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
