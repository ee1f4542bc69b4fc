"""The availability arithmetic: interval algebra against a minute grid, month bounds
across daylight-saving changes, credit bands and percentages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.availability import (
    CreditBand,
    Interval,
    OutageKind,
    OutageSpan,
    availability,
    credit_milli,
    intersect,
    merge,
    met,
    month_bounds,
    parse_month,
    parse_percent,
    percent_text,
    subtract,
    total,
)
from app.domain.errors import ValidationError

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def _iv(a: int, b: int) -> Interval:
    return Interval(T0 + timedelta(minutes=a), T0 + timedelta(minutes=b))


def _minutes(intervals: list[Interval]) -> set[int]:
    """The minutes an interval list covers, as a plain set (the independent model)."""
    out: set[int] = set()
    for iv in intervals:
        a = int((iv.start - T0) / timedelta(minutes=1))
        b = int((iv.end - T0) / timedelta(minutes=1))
        out |= set(range(a, b))
    return out


spans = st.lists(
    st.tuples(st.integers(0, 300), st.integers(0, 120)).map(lambda p: _iv(p[0], p[0] + p[1])),
    max_size=8,
)


@given(spans, spans)
def test_interval_algebra_equals_set_algebra(a: list[Interval], b: list[Interval]) -> None:
    assert _minutes(merge(a)) == _minutes(a)
    assert _minutes(intersect(a, b)) == _minutes(a) & _minutes(b)
    assert _minutes(subtract(a, b)) == _minutes(a) - _minutes(b)
    assert total(a) == timedelta(minutes=len(_minutes(a)))
    merged = merge(a)
    assert all(x.end < y.start for x, y in pairwise(merged))


@pytest.mark.parametrize(
    ("month", "hours"),
    [((2026, 3), 743), ((2026, 10), 745), ((2026, 4), 720), ((2026, 12), 744)],
)
def test_local_months_are_as_long_as_the_clocks_make_them(
    month: tuple[int, int], hours: int
) -> None:
    period = month_bounds(*month, "Europe/Athens")
    assert period.length == timedelta(hours=hours)


def test_march_in_athens_starts_at_local_midnight() -> None:
    period = month_bounds(2026, 3, "Europe/Athens")
    assert period.start == datetime(2026, 2, 28, 22, tzinfo=UTC)
    assert period.end == datetime(2026, 3, 31, 21, tzinfo=UTC)


def test_degraded_counts_half_and_never_on_top_of_full() -> None:
    service = [_iv(0, 1000)]
    outages = [
        OutageSpan(_iv(100, 200), OutageKind.FULL),
        OutageSpan(_iv(150, 350), OutageKind.DEGRADED),  # 150-200 is already full
        OutageSpan(_iv(180, 220), OutageKind.FULL),  # overlaps the first: counted once
    ]
    figures = availability(service, outages, maintenance=[_iv(300, 400)])
    assert figures.scheduled_minutes == 900
    assert figures.maintenance_minutes == 100
    assert figures.downtime_minutes == 120  # 100-220
    assert figures.degraded_minutes == 80  # 220-300 (300-350 is maintenance)
    assert figures.percent == pytest.approx(100 * (1 - (120 + 40) / 900))


def test_nothing_scheduled_means_nothing_to_measure() -> None:
    figures = availability([_iv(0, 60)], [], maintenance=[_iv(0, 60)])
    assert figures.percent is None
    assert met(None, 99_500)
    assert credit_milli(None, [CreditBand(99_500, 5_000)]) == 0


BANDS = [CreditBand(99_500, 5_000), CreditBand(99_000, 10_000), CreditBand(95_000, 25_000)]


@pytest.mark.parametrize(
    ("pct", "credit", "is_met"),
    [
        (100.0, 0, True),
        (99.5, 0, True),  # exactly on target: met, no credit
        (99.4999999999, 0, True),  # float noise below the stored precision
        (99.499, 5_000, False),
        (99.0, 5_000, False),
        (98.999, 10_000, False),
        (94.0, 25_000, False),
    ],
)
def test_credit_bands(pct: float, credit: int, is_met: bool) -> None:
    assert credit_milli(pct, BANDS) == credit
    assert met(pct, 99_500) is is_met


def test_percentages_and_months_are_parsed_with_clear_refusals() -> None:
    assert parse_percent("target", "99.5 %") == 99_500
    assert percent_text(99_500) == "99.5" and percent_text(100_000) == "100"
    for bad in ("abc", "0", "100.5", "99.12345"):
        with pytest.raises(ValidationError):
            parse_percent("target", bad)
    assert parse_month("2026-03") == (2026, 3)
    for bad in ("2026-13", "March", "2026"):
        with pytest.raises(ValidationError, match="YYYY-MM"):
            parse_month(bad)
