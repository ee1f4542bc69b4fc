"""Availability of a customer's system over one month, and the service credits it earns.

Pure arithmetic on UTC instants. The month and the service hours are *local* notions
(the contract calendar's zone): March in Europe/Athens is 743 hours long, October 745,
because the clocks move. So the month's bounds are found with ``zoneinfo`` and every
interval after that is plain UTC:

    scheduled   = service hours within the month − planned maintenance windows
    downtime    = (union of full outages)                      ∩ scheduled
    degraded    = (union of degraded outages − full outages)   ∩ scheduled
    unavailable = downtime + DEGRADED_WEIGHT × degraded
    availability = 100 × (1 − unavailable / scheduled)

Overlapping outages of one system count once (they are merged first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.calendar import BusinessCalendar
from app.domain.errors import ValidationError

ZERO = timedelta(0)
# A degraded service (slow, partly failing) counts as half unavailable: recorded in
# docs/decisions.md; the report shows degraded minutes apart so the reader can check.
DEGRADED_WEIGHT = 0.5
# Targets and credit thresholds are stored as thousandths of a percent (99.5 % = 99500),
# so both engines compare integers, never binary fractions.
SCALE = 1000


class OutageKind(StrEnum):
    FULL = "full"
    DEGRADED = "degraded"


class ServiceHours(StrEnum):
    ROUND_THE_CLOCK = "24x7"
    BUSINESS = "business"  # the contract calendar's working hours


@dataclass(frozen=True, slots=True, order=True)
class Interval:
    """A half-open stretch of time ``[start, end)`` in UTC."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return max(ZERO, self.end - self.start)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping, non-empty intervals covering the same time."""
    out: list[Interval] = []
    for iv in sorted(i for i in intervals if i.end > i.start):
        if out and iv.start <= out[-1].end:
            if iv.end > out[-1].end:
                out[-1] = Interval(out[-1].start, iv.end)
        else:
            out.append(iv)
    return out


def intersect(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    left, right = merge(a), merge(b)
    out: list[Interval] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i].start, right[j].start)
        end = min(left[i].end, right[j].end)
        if end > start:
            out.append(Interval(start, end))
        if left[i].end < right[j].end:
            i += 1
        else:
            j += 1
    return out


def subtract(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    """The parts of ``a`` that ``b`` does not cover."""
    holes = merge(b)
    out: list[Interval] = []
    for iv in merge(a):
        cursor = iv.start
        for hole in holes:
            if hole.end <= cursor or hole.start >= iv.end:
                continue
            if hole.start > cursor:
                out.append(Interval(cursor, hole.start))
            cursor = max(cursor, hole.end)
        if cursor < iv.end:
            out.append(Interval(cursor, iv.end))
    return out


def total(intervals: Iterable[Interval]) -> timedelta:
    return sum((iv.length for iv in merge(intervals)), ZERO)


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-03"`` → ``(2026, 3)``, or a clear refusal."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        date(year, month, 1)
    except ValueError:
        raise ValidationError(f"invalid month {text!r}; use YYYY-MM, e.g. 2026-03.") from None
    return year, month


def month_bounds(year: int, month: int, zone: str) -> Interval:
    """The UTC instants the local month begins and ends (DST-correct)."""
    tz = ZoneInfo(zone)
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return Interval(
        datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC),
        datetime.combine(following, time(0), tzinfo=tz).astimezone(UTC),
    )


def service_windows(
    hours: ServiceHours, period: Interval, calendar: BusinessCalendar
) -> list[Interval]:
    """When the service is promised within ``period``: all of it (24×7) or the calendar's
    working windows (working days minus public holidays, local hours)."""
    if hours == ServiceHours.ROUND_THE_CLOCK:
        return [period]
    zone = calendar.zone
    day = period.start.astimezone(zone).date()
    last = period.end.astimezone(zone).date()
    windows = []
    while day <= last:
        if calendar.is_working_day(day):
            opens, closes = calendar.window(day)
            windows.append(Interval(opens, closes))
        day += timedelta(days=1)
    return intersect(windows, [period])


@dataclass(frozen=True, slots=True)
class OutageSpan:
    interval: Interval
    kind: OutageKind


@dataclass(frozen=True, slots=True)
class Availability:
    """One system's month. Minutes are exact (fractions kept); ``percent`` is None when
    no service time was scheduled at all (nothing promised, nothing to measure)."""

    scheduled_minutes: float
    maintenance_minutes: float
    downtime_minutes: float
    degraded_minutes: float
    percent: float | None

    @property
    def unavailable_minutes(self) -> float:
        return self.downtime_minutes + DEGRADED_WEIGHT * self.degraded_minutes


def _minutes(delta: timedelta) -> float:
    return delta / timedelta(minutes=1)


def availability(
    service: Sequence[Interval],
    outages: Sequence[OutageSpan],
    maintenance: Sequence[Interval],
) -> Availability:
    """The month's figures from its service windows, outages and maintenance windows."""
    scheduled = subtract(service, maintenance)
    full = merge(o.interval for o in outages if o.kind == OutageKind.FULL)
    degraded = subtract((o.interval for o in outages if o.kind == OutageKind.DEGRADED), full)
    down = _minutes(total(intersect(full, scheduled)))
    slow = _minutes(total(intersect(degraded, scheduled)))
    minutes = _minutes(total(scheduled))
    maint = _minutes(total(service)) - minutes
    percent = None
    if minutes > 0:
        percent = 100.0 * (1.0 - (down + DEGRADED_WEIGHT * slow) / minutes)
    return Availability(minutes, maint, down, slow, percent)


@dataclass(frozen=True, slots=True)
class CreditBand:
    """Below ``below_milli`` thousandths of a percent, ``credit_milli`` of the month's fee."""

    below_milli: int
    credit_milli: int


def met(percent: float | None, target_milli: int) -> bool:
    """At or above the target; nothing scheduled counts as met."""
    if percent is None:
        return True
    # Rounded to the stored precision first, so 99.4999999997 from float noise is 99.500.
    return round(percent * SCALE) >= target_milli


def credit_milli(percent: float | None, bands: Iterable[CreditBand]) -> int:
    """The credit due: the largest credit among the bands the achieved figure falls below."""
    if percent is None:
        return 0
    achieved = round(percent * SCALE)
    return max((b.credit_milli for b in bands if achieved < b.below_milli), default=0)


def parse_percent(name: str, text: str | float) -> int:
    """``"99.5"`` or ``"99.5%"`` → 99500, refused unless 0 < value ≤ 100 with ≤ 3 decimals."""
    raw = str(text).strip().rstrip("%").strip()
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError(f"{name} must be a percentage like 99.5, not {text!r}.") from None
    milli = round(value * SCALE)
    if abs(milli - value * SCALE) > 1e-6 or not 0 < milli <= 100 * SCALE:
        raise ValidationError(
            f"{name} must be above 0 and at most 100, with at most 3 decimals (got {text!r})."
        )
    return milli


def percent_text(milli: int) -> str:
    """99500 → ``"99.5"``; 100000 → ``"100"``."""
    return f"{milli / SCALE:.3f}".rstrip("0").rstrip(".")
