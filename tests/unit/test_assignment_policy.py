"""The pure rules of "first available engineer", on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.assignment import (
    Engineer,
    EngineerState,
    LeastLoaded,
    RoundRobin,
    WeeklySchedule,
    choose,
    explain,
    format_duration,
    parse_max_open,
    policy_named,
    unavailable_because,
)
from app.domain.clock import FakeClock
from app.domain.errors import ValidationError

MONDAY_9_UTC = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def engineer(user_id: int = 1, **fields: object) -> Engineer:
    base: dict[str, object] = {
        "user_id": user_id,
        "username": f"eng{user_id}",
        "state": EngineerState.AVAILABLE,
    }
    return Engineer(**(base | fields))  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9_UTC)


# -- schedules ----------------------------------------------------------------------------


def test_a_night_shift_crosses_midnight_into_the_next_day(clock: FakeClock) -> None:
    nights = WeeklySchedule.parse("sun-thu 22:00-06:00", "UTC")
    clock.set(datetime(2026, 3, 1, 21, 59, tzinfo=UTC))  # Sunday
    assert not nights.is_working(clock.now())
    clock.advance(minutes=1)  # Sunday 22:00
    assert nights.is_working(clock.now())
    clock.advance(hours=7, minutes=59)  # Monday 05:59, still Sunday's shift
    assert nights.is_working(clock.now())
    clock.advance(minutes=1)  # Monday 06:00: shift over
    assert not nights.is_working(clock.now())
    clock.set(datetime(2026, 3, 7, 3, 0, tzinfo=UTC))  # Saturday 03:00, Friday has no shift
    assert not nights.is_working(clock.now())
    clock.set(datetime(2026, 3, 6, 3, 0, tzinfo=UTC))  # Friday 03:00: Thursday's night
    assert nights.is_working(clock.now())


def test_hours_are_read_in_the_engineers_own_time_zone(clock: FakeClock) -> None:
    athens = WeeklySchedule.parse("mon-fri 09:00-17:00", "Europe/Athens")  # UTC+2 in March
    tokyo = WeeklySchedule.parse("mon-fri 09:00-17:00", "Asia/Tokyo")  # UTC+9
    assert athens.is_working(clock.now())  # 11:00 in Athens
    assert not tokyo.is_working(clock.now())  # 18:00 in Tokyo
    clock.set(datetime(2026, 3, 2, 6, 59, tzinfo=UTC))
    assert not athens.is_working(clock.now())  # 08:59 in Athens
    assert tokyo.is_working(clock.now())  # 15:59 in Tokyo


def test_a_night_shift_in_another_zone_wraps_the_week(clock: FakeClock) -> None:
    # Sunday 23:00 to Monday 07:00 in New York is Monday 04:00-12:00 UTC (EST, UTC-5).
    ny = WeeklySchedule.parse("sun 23:00-07:00", "America/New_York")
    clock.set(datetime(2026, 3, 2, 4, 0, tzinfo=UTC))
    assert ny.is_working(clock.now())
    clock.set(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    assert not ny.is_working(clock.now())
    clock.set(datetime(2026, 3, 1, 4, 0, tzinfo=UTC))  # Saturday 23:00 in New York
    assert not ny.is_working(clock.now())


def test_schedules_read_and_print_canonically() -> None:
    spec = WeeklySchedule.parse(" Fri-Mon 22:00 - 24:00 ; wed 8:30-12:00", "UTC").spec()
    assert spec == (
        "mon 22:00-00:00; wed 08:30-12:00; fri 22:00-00:00; sat 22:00-00:00; sun 22:00-00:00"
    )
    assert WeeklySchedule.parse(spec).spec() == spec
    assert WeeklySchedule.parse("").is_working(MONDAY_9_UTC)  # no schedule: always working


@pytest.mark.parametrize(
    ("spec", "zone", "complaint"),
    [
        ("mon-fri 9-17", "UTC", "cannot read"),
        ("fun 09:00-17:00", "UTC", "unknown day"),
        ("mon 25:00-26:00", "UTC", "not a time of day"),
        ("mon 09:00-09:00", "UTC", "same time"),
        ("mon 09:00-17:00", "Mars/Olympus", "unknown time zone"),
    ],
)
def test_bad_schedules_are_refused_with_a_reason(spec: str, zone: str, complaint: str) -> None:
    with pytest.raises(ValidationError, match=complaint):
        WeeklySchedule.parse(spec, zone)


# -- availability ---------------------------------------------------------------------------


def test_only_available_state_inside_hours_below_max_and_skilled_counts(
    clock: FakeClock,
) -> None:
    now = clock.now()
    assert unavailable_because(engineer(), None, now) is None
    for state in (EngineerState.BUSY, EngineerState.AWAY, EngineerState.OFF):
        assert unavailable_because(engineer(state=state), None, now) == f"eng1 is {state.value}"
    evening = WeeklySchedule.parse("mon-fri 17:00-23:00")
    assert "working hours" in (unavailable_because(engineer(schedule=evening), None, now) or "")
    full = engineer(max_open=3, open_tickets=3)
    assert unavailable_because(full, None, now) == "eng1 has 3 open tickets (their maximum)"
    assert unavailable_because(engineer(max_open=3, open_tickets=2), None, now) is None
    erp_only = engineer(skills=frozenset({"ERP"}))
    assert unavailable_because(erp_only, "erp", now) is None
    assert unavailable_because(erp_only, "WEB", now) == "eng1 does not work on WEB"
    assert unavailable_because(erp_only, None, now) is None  # no product named: anyone
    assert unavailable_because(engineer(), "WEB", now) is None  # no skills listed: generalist


def test_maximum_must_be_sensible() -> None:
    assert parse_max_open(None) is None
    assert parse_max_open(5) == 5
    with pytest.raises(ValidationError):
        parse_max_open(0)


# -- policies -------------------------------------------------------------------------------


def test_round_robin_picks_the_longest_idle_and_explains_why(clock: FakeClock) -> None:
    now = clock.now()
    recent = engineer(1, last_assigned_at=now - timedelta(minutes=5), open_tickets=0)
    waited = engineer(2, last_assigned_at=now - timedelta(minutes=42), open_tickets=3)
    busy = engineer(3, state=EngineerState.BUSY, last_assigned_at=now - timedelta(hours=9))

    decisions = choose(RoundRobin(), [recent, waited, busy], None, now)

    assert [d.engineer.username for d in decisions] == ["eng2", "eng1"]
    assert decisions[0].explanation == "auto: available, idle 42 min, 3 open tickets"
    assert decisions[0].policy == "round_robin"


def test_never_assigned_counts_as_longest_idle(clock: FakeClock) -> None:
    now = clock.now()
    veteran = engineer(1, last_assigned_at=now - timedelta(days=30))
    newcomer = engineer(2)
    assert [e.username for e in RoundRobin().order([veteran, newcomer], now)] == ["eng2", "eng1"]
    assert explain(newcomer, now) == "auto: available, no assignment yet, 0 open tickets"


def test_round_robin_ties_go_to_fewer_open_tickets_then_a_stable_key(clock: FakeClock) -> None:
    at = clock.now() - timedelta(minutes=10)
    a = engineer(3, last_assigned_at=at, open_tickets=2)
    b = engineer(2, last_assigned_at=at, open_tickets=1)
    c = engineer(1, last_assigned_at=at, open_tickets=2)
    order = RoundRobin().order([a, b, c], clock.now())
    assert [e.user_id for e in order] == [2, 1, 3]
    assert RoundRobin().order([c, b, a], clock.now()) == order  # input order is irrelevant


def test_least_loaded_prefers_fewest_open_then_longest_idle(clock: FakeClock) -> None:
    now = clock.now()
    idle_but_loaded = engineer(1, last_assigned_at=now - timedelta(hours=3), open_tickets=4)
    light = engineer(2, last_assigned_at=now - timedelta(minutes=1), open_tickets=1)
    light_longer_idle = engineer(3, last_assigned_at=now - timedelta(minutes=30), open_tickets=1)
    order = LeastLoaded().order([idle_but_loaded, light, light_longer_idle], now)
    assert [e.user_id for e in order] == [3, 2, 1]


def test_a_full_engineer_is_passed_over_and_nobody_means_no_decision(clock: FakeClock) -> None:
    now = clock.now()
    full = engineer(1, max_open=2, open_tickets=2)
    other = engineer(2, last_assigned_at=now)
    assert [d.engineer.user_id for d in choose(RoundRobin(), [full, other], None, now)] == [2]
    assert choose(RoundRobin(), [full], None, now) == []


def test_policies_are_chosen_by_name() -> None:
    assert isinstance(policy_named("round_robin"), RoundRobin)
    assert isinstance(policy_named("least-loaded"), LeastLoaded)
    with pytest.raises(ValidationError, match="round_robin, least_loaded"):
        policy_named("lottery")


def test_durations_read_naturally() -> None:
    assert format_duration(timedelta(minutes=42)) == "42 min"
    assert format_duration(timedelta(minutes=185)) == "3 h 05 min"
    assert format_duration(timedelta(days=3, hours=2)) == "3 d 2 h"
