"""The SLA clock, from a ticket's status history, without a database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.calendar import BusinessCalendar, RoundTheClock
from app.domain.errors import ValidationError
from app.domain.sla import (
    DEFAULT_TARGETS,
    Measure,
    SlaState,
    StatusChange,
    Target,
    Threshold,
    TicketSla,
    next_check,
    resolution_segments,
    thresholds_crossed,
    ticket_sla,
)
from app.domain.tickets import Criticality, Status

ATHENS = ZoneInfo("Europe/Athens")
GREECE = BusinessCalendar()
GOLD_HIGH = next(t for t in DEFAULT_TARGETS if (t.tier, t.criticality) == ("Gold", "high"))
OPENED = datetime(2026, 3, 6, 16, 30, tzinfo=ATHENS)  # a Friday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ATHENS)


def change(moment: datetime, status: Status) -> StatusChange:
    return StatusChange(moment, status)


def read(
    changes: list[StatusChange], now: datetime, responded: datetime | None = None
) -> TicketSla:
    return ticket_sla(
        GOLD_HIGH, opened_at=OPENED, changes=changes, responded_at=responded, work=GREECE, now=now
    )


def test_gold_high_is_p2_with_one_hour_response_and_four_hours_resolution() -> None:
    assert (GOLD_HIGH.priority, GOLD_HIGH.response_minutes, GOLD_HIGH.resolution_minutes) == (
        2,
        60,
        240,
    )
    assert GOLD_HIGH.business_hours


def test_friday_afternoon_ticket_is_due_monday_and_turns_at_risk_then_breached() -> None:
    responded = at(9, 9, 5)
    sla = read([], at(9, 11, 29), responded)
    assert sla.resolution.due_at == at(9, 12, 30)
    assert sla.resolution.at_risk_at == at(9, 11, 30)
    assert sla.state == SlaState.ON_TRACK
    assert sla.due_at == at(9, 12, 30)
    assert read([], at(9, 11, 30), responded).state == SlaState.AT_RISK
    assert read([], at(9, 12, 29), responded).state == SlaState.AT_RISK
    breached = read([], at(9, 12, 30), responded)
    assert breached.state == SlaState.BREACHED
    assert breached.resolution.left == timedelta(0)


def test_waiting_on_the_customer_pauses_the_resolution_clock() -> None:
    history = [
        change(at(9, 9, 0), Status.ASSIGNED),
        change(at(9, 9, 30), Status.WAITING_ON_CUSTOMER),
    ]
    paused = read(history, at(9, 11, 0))
    assert paused.state == SlaState.PAUSED
    assert paused.due_at is None
    assert paused.resolution.used == timedelta(minutes=60)  # Fri 30 + Mon 30
    history.append(change(at(9, 11, 30), Status.IN_PROGRESS))
    resumed = read(history, at(9, 11, 30))
    # Two business hours waiting push the deadline by two business hours.
    assert resumed.resolution.due_at == at(9, 14, 30)
    assert resumed.resolution.at_risk_at == at(9, 13, 30)
    assert resumed.response.state == SlaState.MET


def test_resolution_stops_the_clock_and_a_rejection_resumes_it() -> None:
    history = [change(at(9, 9, 0), Status.IN_PROGRESS), change(at(9, 10, 0), Status.RESOLVED)]
    done = read(history, at(9, 16, 0), at(9, 9, 5))
    assert done.state == SlaState.MET
    assert done.due_at is None
    assert done.resolution.used == timedelta(minutes=90)
    history.append(change(at(10, 9, 0), Status.IN_PROGRESS))  # the customer rejected it
    reopened = read(history, at(10, 9, 0), at(9, 9, 5))
    assert reopened.resolution.running
    assert reopened.resolution.due_at == at(10, 11, 30)  # 150 business minutes were left
    assert reopened.state == SlaState.ON_TRACK  # 90 of 240 minutes used


def test_a_resolution_after_the_target_is_missed() -> None:
    history = [change(at(9, 9, 0), Status.IN_PROGRESS), change(at(9, 15, 0), Status.RESOLVED)]
    assert read(history, at(9, 16, 0), at(9, 9, 5)).state == SlaState.MISSED


def test_first_response_clock() -> None:
    waiting = read([], at(9, 9, 40))
    assert waiting.response.due_at == at(9, 9, 30)
    assert waiting.state == SlaState.BREACHED  # no answer an hour into business time
    assert waiting.due_at == at(9, 9, 30)
    late = read([], at(9, 10, 0), responded=at(9, 9, 45))
    assert late.response.state == SlaState.MISSED
    assert late.state == SlaState.BREACHED  # a late first response breaches an open ticket
    on_time = read([], at(9, 10, 0), responded=at(9, 9, 15))
    assert on_time.response.state == SlaState.MET
    assert on_time.state == SlaState.ON_TRACK
    assert on_time.due_at == at(9, 12, 30)


def test_a_cancelled_ticket_has_no_sla_state() -> None:
    sla = read([change(at(9, 9, 0), Status.CANCELLED)], at(9, 16, 0))
    assert sla.state is None
    assert sla.due_at is None


def test_thresholds_and_next_check() -> None:
    responded = at(9, 9, 5)
    sla = read([], at(9, 10, 0), responded)
    assert thresholds_crossed(sla.resolution) == []
    assert next_check(sla, set()) == at(9, 11, 30)
    at_risk = read([], at(9, 11, 45), responded)
    assert thresholds_crossed(at_risk.resolution) == [Threshold.AT_RISK]
    done = {(Measure.RESOLUTION, Threshold.AT_RISK)}
    assert next_check(at_risk, done) == at(9, 12, 30)
    breached = read([], at(9, 13, 0), responded)
    assert thresholds_crossed(breached.resolution) == [Threshold.BREACHED]
    done.add((Measure.RESOLUTION, Threshold.BREACHED))
    assert next_check(breached, done) is None


def test_segments_follow_the_status_history() -> None:
    history = [
        change(at(9, 9), Status.IN_PROGRESS),
        change(at(9, 10), Status.WAITING_ON_CUSTOMER),
        change(at(9, 11), Status.IN_PROGRESS),
        change(at(9, 12), Status.RESOLVED),
        change(at(9, 13), Status.IN_PROGRESS),
    ]
    assert resolution_segments(OPENED, history) == [
        (OPENED, at(9, 10)),
        (at(9, 11), at(9, 12)),
        (at(9, 13), None),
    ]


def test_round_the_clock_targets_count_nights_and_weekends() -> None:
    critical = Target("Gold", Criticality.CRITICAL, 1, 30, 240, business_hours=False)
    sla = ticket_sla(
        critical, opened_at=OPENED, changes=[], responded_at=None, work=RoundTheClock(), now=OPENED
    )
    assert sla.resolution.due_at == OPENED + timedelta(hours=4)


def test_targets_must_make_sense() -> None:
    with pytest.raises(ValidationError, match="priority"):
        Target("X", Criticality.LOW, 5, 10, 20)
    with pytest.raises(ValidationError, match="no longer than"):
        Target("X", Criticality.LOW, 4, 30, 20)
