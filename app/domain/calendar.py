"""Business time: working days and hours in a time zone, minus public holidays.

A :class:`BusinessCalendar` answers two questions exactly: "what instant is N business
minutes after this one?" and "how much business time lies between these two instants?".
All arithmetic is done on UTC instants; the calendar's zone is only used to find each
local working day's window, so daylight-saving changes never stretch or shrink an hour.
Public holidays come from the ``holidays`` package (Greece includes Orthodox Easter).

:class:`RoundTheClock` has the same interface for 24×7 targets.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import ValidationError

ZERO = timedelta(0)
# A calendar that finds no working time within this many days is broken (e.g. no workdays).
SEARCH_DAYS = 5 * 366


class WorkingTime(Protocol):
    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The instant ``amount`` of counted time after ``start``."""
        ...

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Counted time between two instants (zero if ``end`` is not after ``start``)."""
        ...


class RoundTheClock:
    """24×7: every second counts."""

    def add(self, start: datetime, amount: timedelta) -> datetime:
        return _utc(start) + amount

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return max(ZERO, _utc(end) - _utc(start))


def load_holiday_rules() -> None:
    """Load the ``holidays`` package's rules now. Asking for one country imports every
    country's module (0.15–0.3 s of CPU here), and the first business-hours clock paid it
    inside someone's action: 0.3 s at a desk alone, 1.7 s for the first opening of 8
    busy desks on 2 cores (the write-path benchmark's outlier). A desk calls this on a
    worker thread after login (``SlaService.warm_up``); a one-shot CLI run does not."""
    import holidays.countries  # noqa: F401  (the import is the point)


def holiday_rules_loaded() -> bool:
    """Whether :func:`load_holiday_rules` has run (or is running: a second import waits
    for the first on the import lock, so asking again is never needed then)."""
    return "holidays.countries" in sys.modules


@lru_cache(maxsize=256)
def _public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    import holidays  # 0.15–0.3 s to import: see load_holiday_rules

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


@dataclass(frozen=True)
class BusinessCalendar:
    """Working days (0 = Monday) from ``day_start`` to ``day_end`` local time."""

    timezone: str = "Europe/Athens"
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    day_start: time = time(9, 0)
    day_end: time = time(17, 0)
    country: str | None = "GR"
    subdivision: str | None = None
    closures: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"unknown time zone {self.timezone!r}.") from None
        if not self.workdays or not self.workdays <= set(range(7)):
            raise ValidationError("working days must be a non-empty set of 0 (Mon) … 6 (Sun).")
        if self.day_start >= self.day_end:
            raise ValidationError("the working day must start before it ends.")
        if self.country:
            try:
                _public_holidays(self.country, self.subdivision, 2026)
            except NotImplementedError:
                where = self.country + (f"/{self.subdivision}" if self.subdivision else "")
                raise ValidationError(f"no public-holiday data for {where!r}.") from None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() not in self.workdays or day in self.closures:
            return False
        if not self.country:
            return True
        return day not in _public_holidays(self.country, self.subdivision, day.year)

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The UTC instants a local working day opens and closes."""
        zone = self.zone
        opens = datetime.combine(day, self.day_start, tzinfo=zone).astimezone(UTC)
        closes = datetime.combine(day, self.day_end, tzinfo=zone).astimezone(UTC)
        return opens, closes

    def is_working_instant(self, moment: datetime) -> bool:
        """Inside a working window; its closing instant counts (a deadline may be 17:00)."""
        moment = _utc(moment)
        day = moment.astimezone(self.zone).date()
        if not self.is_working_day(day):
            return False
        opens, closes = self.window(day)
        return opens <= moment <= closes

    def add(self, start: datetime, amount: timedelta) -> datetime:
        if amount < ZERO:
            raise ValueError("cannot add a negative amount of business time")
        cursor = _utc(start)
        if amount == ZERO:
            return cursor
        remaining = amount
        for day in self._working_days(cursor):
            opens, closes = self.window(day)
            begin = max(cursor, opens)
            if begin >= closes:
                continue
            available = closes - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        raise ValidationError("the business calendar has no working time ahead.")

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        start, end = _utc(start), _utc(end)
        total = ZERO
        if end <= start:
            return total
        last = end.astimezone(self.zone).date()
        for day in self._working_days(start):
            if day > last:
                break
            opens, closes = self.window(day)
            begin, finish = max(start, opens), min(end, closes)
            if finish > begin:
                total += finish - begin
        return total

    def add_minutes(self, start: datetime, minutes: int) -> datetime:
        return self.add(start, timedelta(minutes=minutes))

    def minutes_between(self, start: datetime, end: datetime) -> float:
        return self.elapsed(start, end) / timedelta(minutes=1)

    def _working_days(self, moment: datetime) -> Iterator[date]:
        """Working days from ``moment``'s local date onwards (adding rarely looks far)."""
        first = moment.astimezone(self.zone).date()
        for offset in range(SEARCH_DAYS):
            day = first + timedelta(offset)
            if self.is_working_day(day):
                yield day


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("business-time arithmetic needs timezone-aware instants")
    return moment.astimezone(UTC)


def parse_workdays(text: str) -> frozenset[int]:
    """``"mon-fri"``, ``"mon,tue,sat"`` or ``"0-4"`` → weekday numbers (0 = Monday)."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def one(token: str) -> int:
        token = token.strip().lower()[:3]
        if token.isdigit() and 0 <= int(token) <= 6:
            return int(token)
        if token in names:
            return names.index(token)
        raise ValidationError(f"unknown weekday {token!r}; use mon … sun or 0 … 6.")

    days: set[int] = set()
    for part in text.split(","):
        if "-" in part:
            a, b = (one(x) for x in part.split("-", 1))
            if a > b:
                raise ValidationError(f"weekday range {part!r} runs backwards.")
            days.update(range(a, b + 1))
        elif part.strip():
            days.add(one(part))
    if not days:
        raise ValidationError("name at least one working day.")
    return frozenset(days)
