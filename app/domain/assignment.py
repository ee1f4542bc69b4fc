"""Who may receive a ticket now, and which of them gets it.

Pure rules, no database: an engineer is *available* for a ticket when their state is
``available``, the moment falls inside their weekly schedule (in their own time
zone; a shift may cross midnight), they hold fewer open tickets than their maximum,
and — when the ticket names a product — they have that product among their skills
(an engineer with no skills listed is a generalist). A policy then picks one of the
available engineers and says why, so each automatic assignment can be explained.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import ClassVar, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import ValidationError
from app.domain.tickets import Status

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_OPEN_LIMIT = 1000
# Tickets that are in an engineer's hands: these count against their maximum.
LOAD_STATUSES = frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER})
_NEVER = datetime.min.replace(tzinfo=UTC)


class EngineerState(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    AWAY = "away"
    OFF = "off"


def parse_state(value: str) -> EngineerState:
    try:
        return EngineerState(value.strip().lower())
    except ValueError:
        allowed = ", ".join(s.value for s in EngineerState)
        raise ValidationError(f"unknown state {value!r}; use one of: {allowed}.") from None


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"unknown time zone {name!r}; use an IANA name such as Europe/Athens or UTC."
        ) from None


# -- weekly schedule ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Shift:
    """Working hours starting on ``day`` (0 = Monday). ``end <= start`` means the shift
    runs past midnight into the next day."""

    day: int
    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def covers(self, local: datetime) -> bool:
        day, moment = local.weekday(), local.time()
        if not self.crosses_midnight:
            return day == self.day and self.start <= moment < self.end
        if day == self.day:
            return moment >= self.start
        return day == (self.day + 1) % 7 and moment < self.end


_SHIFT = re.compile(
    r"^(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)


@dataclass(frozen=True, slots=True)
class WeeklySchedule:
    """An engineer's working hours in their time zone. No shifts = always working."""

    shifts: tuple[Shift, ...] = ()
    timezone: str = "UTC"

    @classmethod
    def parse(cls, spec: str, timezone: str = "UTC") -> WeeklySchedule:
        """Read ``"mon-fri 09:00-17:00; sat 22:00-06:00"`` (``,`` or ``;`` between parts)."""
        parse_timezone(timezone)
        shifts: set[Shift] = set()
        for raw in re.split(r"[;,]", spec.strip().lower()):
            part = " ".join(raw.split())
            if not part:
                continue
            match = _SHIFT.match(part)
            if not match:
                raise ValidationError(
                    f"cannot read the schedule part {part!r}; write e.g. "
                    "'mon-fri 09:00-17:00' or 'sat 22:00-06:00' (a shift may cross midnight)."
                )
            start, end = _clock_time(match["start"]), _clock_time(match["end"])
            if start == end:
                raise ValidationError(f"the shift {part!r} starts and ends at the same time.")
            for day in _day_range(match["first"], match["last"] or match["first"]):
                shifts.add(Shift(day, start, end))
        return cls(tuple(sorted(shifts)), timezone.strip())

    def spec(self) -> str:
        """The canonical text form (one part per day), readable by :meth:`parse`."""
        return "; ".join(
            f"{DAYS[s.day]} {s.start:%H:%M}-{s.end:%H:%M}" for s in sorted(self.shifts)
        )

    def is_working(self, at: datetime) -> bool:
        if not self.shifts:
            return True
        local = at.astimezone(ZoneInfo(self.timezone))
        return any(shift.covers(local) for shift in self.shifts)


def _clock_time(text: str) -> time:
    hours, minutes = (int(x) for x in text.split(":"))
    if hours == 24 and minutes == 0:
        return time(0, 0)
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise ValidationError(f"{text!r} is not a time of day (00:00-23:59).")
    return time(hours, minutes)


def _day_range(first: str, last: str) -> list[int]:
    for name in (first, last):
        if name not in DAYS:
            raise ValidationError(f"unknown day {name!r}; use {', '.join(DAYS)}.")
    start, stop = DAYS.index(first), DAYS.index(last)
    return [(start + i) % 7 for i in range((stop - start) % 7 + 1)]


def parse_max_open(value: int | None) -> int | None:
    if value is None:
        return None
    if not 1 <= value <= MAX_OPEN_LIMIT:
        raise ValidationError(f"the maximum of open tickets must be 1-{MAX_OPEN_LIMIT}.")
    return value


def parse_skills(codes: Iterable[str]) -> frozenset[str]:
    return frozenset(c.strip().upper() for c in codes if c and c.strip())


# -- who is available ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Engineer:
    """What the rules need to know about one engineer at one moment."""

    user_id: int
    username: str
    state: EngineerState = EngineerState.OFF
    schedule: WeeklySchedule = field(default_factory=WeeklySchedule)
    skills: frozenset[str] = frozenset()
    max_open: int | None = None
    open_tickets: int = 0
    last_assigned_at: datetime | None = None

    def idle_for(self, now: datetime) -> timedelta | None:
        return None if self.last_assigned_at is None else now - self.last_assigned_at


def unavailable_because(engineer: Engineer, product: str | None, now: datetime) -> str | None:
    """Why ``engineer`` cannot receive a ticket for ``product`` now, or None if they can."""
    if engineer.state != EngineerState.AVAILABLE:
        return f"{engineer.username} is {engineer.state.value}"
    if not engineer.schedule.is_working(now):
        return f"{engineer.username} is outside their working hours"
    if not below_max(engineer):
        return f"{engineer.username} has {engineer.open_tickets} open tickets (their maximum)"
    if not qualifies(engineer, product):
        return f"{engineer.username} does not work on {product}"
    return None


def below_max(engineer: Engineer) -> bool:
    return engineer.max_open is None or engineer.open_tickets < engineer.max_open


def qualifies(engineer: Engineer, product: str | None) -> bool:
    return product is None or not engineer.skills or product.upper() in engineer.skills


def available(engineers: Iterable[Engineer], product: str | None, now: datetime) -> list[Engineer]:
    return [e for e in engineers if unavailable_because(e, product, now) is None]


# -- policies -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    engineer: Engineer
    policy: str
    explanation: str


class AssignmentPolicy(Protocol):
    name: ClassVar[str]

    def order(self, candidates: Sequence[Engineer], now: datetime) -> list[Engineer]:
        """The candidates, best first."""
        ...


class RoundRobin:
    """Whoever has waited longest since their last assignment (never = longest), then
    the fewest open tickets, then the user id so the order is stable."""

    name: ClassVar[str] = "round_robin"

    def order(self, candidates: Sequence[Engineer], now: datetime) -> list[Engineer]:
        return sorted(
            candidates,
            key=lambda e: (e.last_assigned_at or _NEVER, e.open_tickets, e.user_id),
        )


class LeastLoaded:
    """The fewest open tickets, then the longest idle, then the user id."""

    name: ClassVar[str] = "least_loaded"

    def order(self, candidates: Sequence[Engineer], now: datetime) -> list[Engineer]:
        return sorted(
            candidates,
            key=lambda e: (e.open_tickets, e.last_assigned_at or _NEVER, e.user_id),
        )


POLICIES: dict[str, type[RoundRobin] | type[LeastLoaded]] = {
    RoundRobin.name: RoundRobin,
    LeastLoaded.name: LeastLoaded,
}
DEFAULT_POLICY = RoundRobin.name


def policy_named(name: str) -> AssignmentPolicy:
    try:
        return POLICIES[name.strip().lower().replace("-", "_")]()
    except KeyError:
        raise ValidationError(
            f"unknown assignment policy {name!r}; use one of: {', '.join(POLICIES)}."
        ) from None


def explain(engineer: Engineer, now: datetime, prefix: str = "auto: available") -> str:
    """``"auto: available, idle 42 min, 3 open tickets"``."""
    idle = engineer.idle_for(now)
    waited = "no assignment yet" if idle is None else f"idle {format_duration(idle)}"
    count = engineer.open_tickets
    return f"{prefix}, {waited}, {count} open ticket{'' if count == 1 else 's'}"


def format_duration(span: timedelta) -> str:
    minutes = max(0, int(span.total_seconds() // 60))
    if minutes < 120:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    return f"{hours // 24} d {hours % 24} h"


def choose(
    policy: AssignmentPolicy,
    engineers: Iterable[Engineer],
    product: str | None,
    now: datetime,
) -> list[Decision]:
    """Every available engineer as a decision, in the policy's order of preference.

    Callers try them in turn: under concurrency the first may be claimed meanwhile.
    """
    return [
        Decision(e, policy.name, explain(e, now))
        for e in policy.order(available(engineers, product, now), now)
    ]
