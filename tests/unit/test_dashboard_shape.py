"""The dashboard's figures shaped for charts, and clicks mapped back to figure keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.services.dashboard import DashboardFigures, EngineerLoad, TrendPoint
from app.services.report_model import BacklogCell
from ui.models.dashboard_shape import DashboardShape

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)


def figures() -> DashboardFigures:
    weeks = [NOW - timedelta(weeks=2 - i) for i in range(2)]
    return DashboardFigures(
        generated_at=NOW,
        trend=(TrendPoint(weeks[0], 4, 3, 66.7), TrendPoint(weeks[1], 0, 0, None)),
        backlog=(BacklogCell(1, "under 1 day", 2), BacklogCell(4, "over 30 days", 5)),
        load=(EngineerLoad("eng", "Eli Engineer", 3), EngineerLoad("eng2", "Eva Engineer", 1)),
        at_risk=(),
    )


def test_backlog_has_a_series_per_age_that_occurs_and_a_bar_per_priority() -> None:
    shape = DashboardShape(figures(), zone="Europe/Athens")
    bars = shape.backlog()
    assert bars.categories == ["P1", "P2", "P3", "P4"]
    assert bars.sets == [("under 1 day", [2.0, 0.0, 0.0, 0.0]), ("over 30 days", [0, 0, 0, 5.0])]
    assert shape.backlog_total() == 7
    assert shape.click("backlog", 1, 3) == ("backlog", (4, "over 30 days"))
    assert shape.click("backlog", 2, 0) is None  # no such series


def test_trend_and_load_clicks_name_the_week_and_the_engineer() -> None:
    shape = DashboardShape(figures(), zone="Europe/Athens")
    assert shape.trend_labels() == ["17 Mar", "24 Mar"]
    assert shape.trend_values() == [66.7, None]
    assert shape.click("trend", 0) == ("trend", NOW - timedelta(weeks=2))
    assert shape.load().categories == ["Eli Engineer", "Eva Engineer"]
    assert shape.click("load", 1) == ("load", "eng2")
    assert shape.click("load", 5) is None
    assert shape.click("pie", 0) is None
