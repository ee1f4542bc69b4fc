"""SLA targets and the SLA clock, computed from a ticket's status history.

Two clocks run per ticket:

* **First response.** Runs from opening until the first *customer-visible* staff action:
  a public (not internal) comment by a staff member, asking the customer something
  (moving to ``waiting_on_customer``), or resolving the ticket. Taking, assigning or
  starting the ticket is internal bookkeeping and does not count.
* **Resolution.** Runs while the ticket is ``new``, ``assigned`` or ``in_progress``;
  pauses in ``waiting_on_customer``; stops at ``resolved`` and runs on again if the
  customer rejects the resolution. ``closed``/``cancelled`` stop it for good.

Both count business time of the contract's calendar, or every second for 24×7 targets.
A clock is ``at_risk`` once 75 % of its target is used, ``breached`` once it is all used;
a finished clock is ``met`` or ``missed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.calendar import ZERO, WorkingTime
from app.domain.errors import ValidationError
from app.domain.tickets import Criticality, Status

AT_RISK_SHARE = 0.75


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    MET = "met"
    MISSED = "missed"
    PAUSED = "paused"


class Threshold(StrEnum):
    AT_RISK = "at_risk"
    BREACHED = "breached"


class Measure(StrEnum):
    RESPONSE = "response"
    RESOLUTION = "resolution"


# Worst first: the ticket's overall state is the worst of its clocks.
SEVERITY = {
    SlaState.BREACHED: 5,
    SlaState.MISSED: 4,
    SlaState.AT_RISK: 3,
    SlaState.ON_TRACK: 2,
    SlaState.PAUSED: 1,
    SlaState.MET: 0,
}

RUNNING = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS})
PAUSED = frozenset({Status.WAITING_ON_CUSTOMER})
RESPONDING = frozenset({Status.WAITING_ON_CUSTOMER, Status.RESOLVED})


@dataclass(frozen=True, slots=True)
class Target:
    """What one tier promises for one criticality."""

    tier: str
    criticality: Criticality
    priority: int
    response_minutes: int
    resolution_minutes: int
    business_hours: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.priority <= 4:
            raise ValidationError(f"priority must be 1 (P1) … 4 (P4); got {self.priority}.")
        if not 0 < self.response_minutes <= self.resolution_minutes:
            raise ValidationError(
                "the first-response target must be positive and no longer than the "
                f"resolution target ({self.response_minutes} vs {self.resolution_minutes} min)."
            )


def _t(tier: str, crit: Criticality, p: int, resp: int, res: int, *, bh: bool = True) -> Target:
    return Target(tier, crit, p, resp, res, bh)


_C = Criticality
# Shipped defaults (editable per database). Minutes; business hours unless 24×7.
DEFAULT_TARGETS: tuple[Target, ...] = (
    _t("Platinum", _C.CRITICAL, 1, 15, 240, bh=False),
    _t("Platinum", _C.HIGH, 1, 30, 480, bh=False),
    _t("Platinum", _C.MEDIUM, 2, 60, 960),
    _t("Platinum", _C.LOW, 3, 120, 1920),
    _t("Gold", _C.CRITICAL, 1, 30, 240, bh=False),
    _t("Gold", _C.HIGH, 2, 60, 240),
    _t("Gold", _C.MEDIUM, 3, 120, 960),
    _t("Gold", _C.LOW, 4, 480, 2400),
    _t("Silver", _C.CRITICAL, 1, 60, 480),
    _t("Silver", _C.HIGH, 2, 120, 960),
    _t("Silver", _C.MEDIUM, 3, 240, 1920),
    _t("Silver", _C.LOW, 4, 480, 4800),
    _t("Bronze", _C.CRITICAL, 2, 120, 960),
    _t("Bronze", _C.HIGH, 3, 240, 1920),
    _t("Bronze", _C.MEDIUM, 4, 480, 2880),
    _t("Bronze", _C.LOW, 4, 960, 4800),
)


@dataclass(frozen=True, slots=True)
class StatusChange:
    at: datetime
    status: Status


@dataclass(frozen=True, slots=True)
class ClockReading:
    """One clock at one instant."""

    measure: Measure
    target: timedelta
    used: timedelta
    # When the target is (or was, or would be if resumed now) used up; None without target.
    due_at: datetime
    at_risk_at: datetime
    running: bool
    finished: bool
    state: SlaState

    @property
    def left(self) -> timedelta:
        return self.target - self.used

    @property
    def share_used(self) -> float:
        return self.used / self.target if self.target else 0.0


@dataclass(frozen=True, slots=True)
class TicketSla:
    response: ClockReading
    resolution: ClockReading
    state: SlaState | None
    due_at: datetime | None  # the deadline that matters now (None when paused or done)


def _state(used: timedelta, target: timedelta, *, running: bool, finished: bool) -> SlaState:
    if finished:
        return SlaState.MET if used <= target else SlaState.MISSED
    if used >= target:
        return SlaState.BREACHED
    if not running:
        return SlaState.PAUSED
    if used >= target * AT_RISK_SHARE:
        return SlaState.AT_RISK
    return SlaState.ON_TRACK


def _reading(
    measure: Measure,
    segments: Sequence[tuple[datetime, datetime | None]],
    target: timedelta,
    work: WorkingTime,
    now: datetime,
    *,
    finished: bool,
) -> ClockReading:
    """Read a clock that ran during ``segments`` (an open last segment runs until now)."""
    used = ZERO
    crossings: dict[float, datetime] = {}
    for start, end in segments:
        stop = now if end is None else min(end, now)
        for share in (AT_RISK_SHARE, 1.0):
            goal = target * share
            if share not in crossings and used < goal:
                at = work.add(start, goal - used)
                if end is None or at <= stop:
                    crossings[share] = at
        used += work.elapsed(start, stop)
    # Thresholds never reached: project them from where the clock stopped.
    last = segments[-1][1] if segments and segments[-1][1] is not None else now
    for share in (AT_RISK_SHARE, 1.0):
        if share not in crossings:
            crossings[share] = work.add(last, max(ZERO, target * share - used))
    running = bool(segments) and segments[-1][1] is None
    return ClockReading(
        measure=measure,
        target=target,
        used=used,
        due_at=crossings[1.0],
        at_risk_at=crossings[AT_RISK_SHARE],
        running=running,
        finished=finished,
        state=_state(used, target, running=running, finished=finished),
    )


def response_clock(
    target: Target,
    *,
    opened_at: datetime,
    responded_at: datetime | None,
    ended_at: datetime | None,
    work: WorkingTime,
    now: datetime,
) -> ClockReading:
    """``ended_at``: the ticket was closed or cancelled without a response."""
    stop = responded_at or ended_at
    return _reading(
        Measure.RESPONSE,
        [(opened_at, stop)],
        timedelta(minutes=target.response_minutes),
        work,
        now,
        finished=responded_at is not None,
    )


def resolution_segments(
    opened_at: datetime, changes: Sequence[StatusChange]
) -> list[tuple[datetime, datetime | None]]:
    """The intervals the resolution clock ran, from the status history (oldest first)."""
    segments: list[tuple[datetime, datetime | None]] = []
    running_since: datetime | None = opened_at
    for change in changes:
        runs = change.status in RUNNING
        if runs and running_since is None:
            running_since = change.at
        elif not runs and running_since is not None:
            segments.append((running_since, change.at))
            running_since = None
    if running_since is not None:
        segments.append((running_since, None))
    return segments


def resolution_clock(
    target: Target,
    opened_at: datetime,
    changes: Sequence[StatusChange],
    work: WorkingTime,
    now: datetime,
) -> ClockReading:
    status = changes[-1].status if changes else Status.NEW
    segments = resolution_segments(opened_at, changes) or [(opened_at, opened_at)]
    return _reading(
        Measure.RESOLUTION,
        segments,
        timedelta(minutes=target.resolution_minutes),
        work,
        now,
        finished=status in {Status.RESOLVED, Status.CLOSED},
    )


def ticket_sla(
    target: Target,
    *,
    opened_at: datetime,
    changes: Sequence[StatusChange],
    responded_at: datetime | None,
    work: WorkingTime,
    now: datetime,
) -> TicketSla:
    """Both clocks, the ticket's overall state and the deadline that matters now."""
    status = changes[-1].status if changes else Status.NEW
    ended = changes[-1].at if status.is_final else None
    # Asking the customer something or resolving is a response too (see the docstring).
    answered = [c.at for c in changes if c.status in RESPONDING]
    if responded_at is not None:
        answered.append(responded_at)
    responded_at = min(answered) if answered else None
    response = response_clock(
        target,
        opened_at=opened_at,
        responded_at=responded_at,
        ended_at=ended,
        work=work,
        now=now,
    )
    resolution = resolution_clock(target, opened_at, changes, work, now)
    if status == Status.CANCELLED:
        return TicketSla(response, resolution, None, None)
    states = [resolution.state]
    if response.finished or response.running:
        states.append(response.state)
    overall = max(states, key=SEVERITY.__getitem__)
    if resolution.finished:
        overall = SlaState.MISSED if SlaState.MISSED in states else SlaState.MET
    elif overall == SlaState.MISSED:
        overall = SlaState.BREACHED  # a late first response breaches a still-open ticket
    due: datetime | None = None
    if response.running:
        due = response.due_at
    elif resolution.running:
        due = resolution.due_at
    return TicketSla(response, resolution, overall, due)


def thresholds_crossed(reading: ClockReading) -> list[Threshold]:
    """Escalation thresholds a live clock has reached (a finished clock escalates no more)."""
    if reading.finished or reading.state not in {SlaState.AT_RISK, SlaState.BREACHED}:
        return []
    if reading.state == SlaState.BREACHED:
        return [Threshold.BREACHED]
    return [Threshold.AT_RISK]


def next_check(sla: TicketSla, done: set[tuple[Measure, Threshold]]) -> datetime | None:
    """The next instant a threshold not yet escalated will be reached by a running clock."""
    moments: list[datetime] = []
    for reading in (sla.response, sla.resolution):
        if not reading.running:
            continue
        if (reading.measure, Threshold.AT_RISK) not in done and reading.used < reading.target:
            moments.append(reading.at_risk_at)
        if (reading.measure, Threshold.BREACHED) not in done:
            moments.append(reading.due_at)
    return min(moments) if moments else None
