"""The background jobs every desk offers to run once a minute — the SLA scan and the
dispatch of waiting tickets — run by one desk at a time, never blocking the others
(issue 19, item 5).

* One desk: the round runs under a job lease (``Database.job_lease``: an advisory lock
  on PostgreSQL, a lease row with an expiry on SQLite). A desk that cannot have it skips
  the round; nobody waits for it.
* Never blocking: both jobs work in one short transaction per ticket. On SQLite, where
  a transaction holds the whole database's write lock, the round then pauses for twice
  as long as that ticket took (at least ``MIN_PAUSE_S``): a desk's writer waiting in
  SQLite's busy handler (which retries after 1, 2, 5, 10, 15, 20, 25 … ms) finds the
  lock free instead of losing it to the next ticket of the scan. PostgreSQL locks rows,
  so it does not pause.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from app.services.assignment import AssignmentService
from app.services.auth import Actor
from app.services.context import ServiceContext
from app.services.sla import SlaService

JOB = "housekeeping"
# Longer than any round takes; a desk that died holding the SQLite lease loses it then.
LEASE_TTL = timedelta(minutes=5)
MIN_PAUSE_S = 0.03
PAUSE_FACTOR = 2.0


@dataclass(frozen=True, slots=True)
class Round:
    checked: int
    escalations: int
    assigned: int
    problems: tuple[str, ...] = ()


class BackgroundJobs:
    def __init__(
        self,
        ctx: ServiceContext,
        sla: SlaService,
        assignment: AssignmentService,
        *,
        sleep: Callable[[float], None] = time.sleep,
        holder: str | None = None,
    ) -> None:
        self.ctx, self.sla, self.assignment = ctx, sla, assignment
        self._sleep = sleep
        # Unique per desk (and per process): the lease row names its holder.
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._since = time.perf_counter()

    def run_round(self, actor: Actor) -> Round | None:
        """Scan and dispatch once, if no other desk is doing it; None when skipped."""
        lease = self.ctx.db.job_lease(JOB, self.holder, self.ctx.clock.now(), LEASE_TTL)
        with lease as held:
            if not held:
                return None
            self._since = time.perf_counter()
            scan = self.sla.scan(between=self._yield)
            assigned = self.assignment.dispatch(actor, between=self._yield)
            return Round(
                checked=scan.checked,
                escalations=len(scan.escalations),
                assigned=len(assigned),
                problems=tuple(scan.problems),
            )

    def _yield(self) -> None:
        """After one ticket's transaction: on SQLite, leave the write lock free a while."""
        if self.ctx.db.dialect == "sqlite":
            took = time.perf_counter() - self._since
            self._sleep(max(MIN_PAUSE_S, PAUSE_FACTOR * took))
        self._since = time.perf_counter()
