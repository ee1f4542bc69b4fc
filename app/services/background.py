"""The background jobs every desk offers to run once a minute — the SLA scan and the
dispatch of waiting tickets — run by one desk at a time, never blocking the others
(issue 19, item 5).

* One desk: the round runs under a job lease (``Database.job_lease``: an advisory lock
  on PostgreSQL, a lease row with an expiry on SQLite). A desk that cannot have it skips
  the round; nobody waits for it.
* Never blocking: both jobs work in one short transaction per ticket (``_ticket``). On
  SQLite, where a transaction holds the whole database's write lock, that transaction
  begins DEFERRED: it reads without the lock and takes it only at its first write, so
  it holds the lock for its writes and commit only. If a desk holds the lock then (or
  wrote since the ticket's first read), the job's write fails at once instead of
  queueing ahead of the desk, and the ticket is tried again after a pause; the last try
  queues like any writer, so the round always ends. It commits without an fsync under
  the lock (``synchronous = NORMAL``: app/persistence/engine.background_writes says why
  that loses nothing a round cannot redo). After each ticket the round pauses
  for twice as long as the ticket took (at least ``MIN_PAUSE_S``), so a waiting desk
  finds the lock free. PostgreSQL locks rows, so it neither defers nor pauses.
* Desks first: once the job's transaction holds the lock, a desk that starts waiting
  for it makes the job roll the ticket back at its next statement and try it later
  (app/persistence/desk_signal.py), so a desk waits for one statement of the job, not
  its whole transaction.
* A round may outlast the SQLite lease (a slow machine took 5-10 minutes for 500 due
  tickets): the holder renews it between tickets once half of it has passed, and stops
  if another desk has taken it meanwhile, so two desks never run rounds side by side.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from app.domain.errors import DatabaseBusy
from app.persistence.engine import background_writes, write_bind
from app.persistence.lease_repository import renew
from app.services.assignment import AssignmentService
from app.services.auth import Actor
from app.services.context import ServiceContext
from app.services.sla import SlaService

JOB = "housekeeping"
# Longer than any round takes; a desk that died holding the SQLite lease loses it then.
LEASE_TTL = timedelta(minutes=5)
MIN_PAUSE_S = 0.03
PAUSE_FACTOR = 2.0
# Tries of one ticket that give way to a desk's write before the last, queueing one.
GIVE_WAY_TRIES = 4

T = TypeVar("T")


class LeaseLost(Exception):
    """Another desk holds the round's lease now (ours expired): stop the round."""


@dataclass(frozen=True, slots=True)
class Round:
    checked: int
    escalations: int
    assigned: int
    problems: tuple[str, ...] = ()
    # SQLite: tickets' transactions that gave way to a desk's write and were tried again.
    gave_way: int = 0


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
        self._gave_way = 0
        self._renewed_at = self.ctx.clock.now()

    def run_round(self, actor: Actor) -> Round | None:
        """Scan and dispatch once, if no other desk is doing it; None when skipped."""
        taken_at = self.ctx.clock.now()
        lease = self.ctx.db.job_lease(JOB, self.holder, taken_at, LEASE_TTL)
        with lease as held:
            if not held:
                return None
            self._gave_way, self._renewed_at = 0, taken_at
            try:
                scan = self.sla.scan(each=self._ticket)
                assigned = self.assignment.dispatch(actor, each=self._ticket)
            except LeaseLost:
                return Round(0, 0, 0, ("the round's lease passed to another desk",))
            return Round(
                checked=scan.checked,
                escalations=len(scan.escalations),
                assigned=len(assigned),
                problems=tuple(scan.problems),
                gave_way=self._gave_way,
            )

    def _ticket(self, work: Callable[[], T]) -> T:
        """One ticket's transaction, as the module's docstring says."""
        self._keep_lease()
        if self.ctx.db.dialect != "sqlite":
            return work()
        for _ in range(GIVE_WAY_TRIES):
            started = time.perf_counter()
            try:
                with background_writes():
                    result = work()
            except DatabaseBusy:  # a desk is writing: nothing was written, try later
                self._gave_way += 1
                self._pause(started)
                continue
            self._pause(started)
            return result
        started = time.perf_counter()
        with background_writes(give_way=False):  # waits for the lock like a desk's action
            result = work()
        self._pause(started)
        return result

    def _keep_lease(self) -> None:
        now = self.ctx.clock.now()
        if now - self._renewed_at < LEASE_TTL / 2:
            return
        if not renew(write_bind(self.ctx.db.engine), JOB, self.holder, now, LEASE_TTL):
            raise LeaseLost
        self._renewed_at = now

    def _pause(self, started: float) -> None:
        took = time.perf_counter() - started
        self._sleep(max(MIN_PAUSE_S, PAUSE_FACTOR * took))
