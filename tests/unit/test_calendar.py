"""Business time in Greece: Mon–Fri 09:00–17:00 Europe/Athens, Greek public holidays."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.calendar import BusinessCalendar, RoundTheClock, parse_workdays
from app.domain.errors import ValidationError

ATHENS = ZoneInfo("Europe/Athens")
GREECE = BusinessCalendar()

# Instants over four years: every DST change and Orthodox Easter of 2025–2028 is inside.
instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
minutes = st.integers(min_value=1, max_value=8 * 60 * 15)  # up to three working weeks

# Days around which time is tricky: Athens' DST changes and Orthodox Easter, 2025–2028.
TRICKY_DAYS = [
    date(2025, 3, 30), date(2025, 10, 26), date(2026, 3, 29), date(2026, 10, 25),
    date(2027, 3, 28), date(2027, 10, 31), date(2028, 3, 26), date(2028, 10, 29),
    date(2025, 4, 20), date(2026, 4, 12), date(2027, 5, 2), date(2028, 4, 16),
]  # fmt: skip
tricky_instants = st.builds(
    lambda day, offset: datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=offset),
    st.sampled_from(TRICKY_DAYS),
    st.integers(min_value=-4 * 24 * 60, max_value=2 * 24 * 60),
)


def athens(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ATHENS)


@settings(max_examples=300, deadline=None)
@given(start=instants | tricky_instants, n=minutes)
def test_adding_n_business_minutes_then_measuring_gives_n_back(start: datetime, n: int) -> None:
    end = GREECE.add_minutes(start, n)
    assert GREECE.elapsed(start, end) == timedelta(minutes=n)


@settings(max_examples=300, deadline=None)
@given(start=instants | tricky_instants, n=minutes)
def test_a_deadline_never_falls_in_non_working_time(start: datetime, n: int) -> None:
    end = GREECE.add_minutes(start, n)
    assert GREECE.is_working_instant(end)
    local = end.astimezone(ATHENS)
    assert local.weekday() < 5
    assert time(9, 0) <= local.time() <= time(17, 0)
    assert GREECE.is_working_day(local.date())


@settings(max_examples=200, deadline=None)
@given(start=instants, a=minutes, b=minutes, shift=st.integers(0, 7 * 24 * 60))
def test_adding_is_monotonic(start: datetime, a: int, b: int, shift: int) -> None:
    small, big = sorted((a, b))
    assert GREECE.add_minutes(start, small) <= GREECE.add_minutes(start, big)
    later = start + timedelta(minutes=shift)
    assert GREECE.add_minutes(start, a) <= GREECE.add_minutes(later, a)


@settings(max_examples=200, deadline=None)
@given(a=instants, b=instants, c=instants)
def test_business_time_adds_up_over_consecutive_spans(
    a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    assert GREECE.elapsed(a, c) == GREECE.elapsed(a, b) + GREECE.elapsed(b, c)
    assert GREECE.elapsed(c, a) == timedelta(0)


def test_friday_afternoon_ticket_with_four_business_hours_is_due_monday_half_past_twelve() -> None:
    due = GREECE.add_minutes(athens(2026, 3, 6, 16, 30), 4 * 60)
    assert due == athens(2026, 3, 9, 12, 30)


def test_spring_forward_weekend_does_not_change_business_hours() -> None:
    # Athens moves from +02:00 to +03:00 at 03:00 on Sunday 29 March 2026.
    friday = athens(2026, 3, 27, 16, 0)
    due = GREECE.add_minutes(friday, 120)
    assert due == athens(2026, 3, 30, 10, 0)
    assert due.astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert GREECE.elapsed(athens(2026, 3, 27, 9, 0), athens(2026, 3, 30, 17, 0)) == timedelta(
        hours=16
    )


def test_fall_back_weekend_does_not_change_business_hours() -> None:
    # Back from +03:00 to +02:00 at 04:00 on Sunday 25 October 2026.
    due = GREECE.add_minutes(athens(2026, 10, 23, 16, 0), 120)
    assert due == athens(2026, 10, 26, 10, 0)
    assert due.astimezone(UTC) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("holiday", "name"),
    [
        (date(2026, 4, 10), "Orthodox Good Friday 2026"),
        (date(2026, 4, 13), "Orthodox Easter Monday 2026"),
        (date(2027, 5, 3), "Orthodox Easter Monday 2027"),
        (date(2026, 2, 23), "Clean Monday 2026"),
        (date(2026, 6, 1), "Whit Monday 2026"),
        (date(2026, 3, 25), "Independence Day"),
        (date(2026, 10, 28), "Ohi Day"),
    ],
)
def test_greek_public_holidays_are_not_working_days(holiday: date, name: str) -> None:
    assert holiday.weekday() < 5, name
    assert not GREECE.is_working_day(holiday), name


def test_orthodox_easter_not_the_western_one() -> None:
    # 2027: Western Easter Monday is 29 March, Orthodox Easter Monday is 3 May.
    assert GREECE.is_working_day(date(2027, 3, 29))
    assert not GREECE.is_working_day(date(2027, 5, 3))


def test_orthodox_easter_weekend_is_skipped() -> None:
    # Thursday 9 April 2026 16:00; Good Friday and Easter Monday are holidays.
    due = GREECE.add_minutes(athens(2026, 4, 9, 16, 0), 120)
    assert due == athens(2026, 4, 14, 10, 0)
    assert GREECE.minutes_between(athens(2026, 4, 9, 16, 0), due) == 120


def test_extra_closure_dates_are_skipped() -> None:
    closed = BusinessCalendar(closures=frozenset({date(2026, 3, 9)}))
    due = closed.add_minutes(athens(2026, 3, 6, 16, 30), 60)
    assert due == athens(2026, 3, 10, 9, 30)


def test_a_regional_holiday_counts_only_in_its_subdivision() -> None:
    # Epiphany (6 January) is a public holiday in Bavaria, not in Berlin.
    bavaria = BusinessCalendar(timezone="Europe/Berlin", country="DE", subdivision="BY")
    berlin = BusinessCalendar(timezone="Europe/Berlin", country="DE", subdivision="BE")
    assert not bavaria.is_working_day(date(2026, 1, 6))
    assert berlin.is_working_day(date(2026, 1, 6))


def test_round_the_clock_counts_every_second() -> None:
    clock = RoundTheClock()
    start = athens(2026, 3, 6, 16, 30)
    assert clock.add(start, timedelta(hours=4)) == athens(2026, 3, 6, 20, 30)
    assert clock.elapsed(start, athens(2026, 3, 7, 16, 30)) == timedelta(hours=24)


def test_bad_calendars_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        BusinessCalendar(timezone="Mars/Olympus")
    with pytest.raises(ValidationError, match="start before it ends"):
        BusinessCalendar(day_start=time(17), day_end=time(9))
    with pytest.raises(ValidationError, match="weekday"):
        parse_workdays("mon-funday")
    assert parse_workdays("mon-fri") == frozenset(range(5))
    assert parse_workdays("sun,sat") == frozenset({5, 6})


def test_holiday_rules_load_on_request_not_with_the_app() -> None:
    """Starting the app (or a CLI command) does not load every country's holiday rules;
    a desk's warm-up does, so no ticket action pays for it (0.15–0.3 s of CPU)."""
    script = (
        "import sys\n"
        "import app.bootstrap, app.cli\n"
        "from app.domain.calendar import holiday_rules_loaded, load_holiday_rules\n"
        "print('holidays.countries' in sys.modules, holiday_rules_loaded())\n"
        "load_holiday_rules()\n"
        "print('holidays.countries' in sys.modules, holiday_rules_loaded())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "False", "True", "True"]
