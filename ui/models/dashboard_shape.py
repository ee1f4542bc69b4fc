"""Shapes the dashboard's figures for charts, and maps a clicked bar or point back to
the figure's key (for the tickets behind it). Qt-free, so it is tested on its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.services.dashboard import DashboardFigures
from app.services.report_model import AGE_BUCKETS

PRIORITIES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Bars:
    categories: list[str]
    sets: list[tuple[str, list[float]]]


class DashboardShape:
    def __init__(self, figures: DashboardFigures, zone: str = "Europe/Athens") -> None:
        self.figures = figures
        self.zone = ZoneInfo(zone)
        # Only the ages that occur get a series (a legend of empty series is noise).
        present = {c.age for c in figures.backlog}
        self.ages = [label for label, _ in AGE_BUCKETS if label in present]

    # -- SLA compliance trend ---------------------------------------------------------------

    def trend_labels(self) -> list[str]:
        return [p.start.astimezone(self.zone).strftime("%d %b") for p in self.figures.trend]

    def trend_starts(self) -> list[datetime]:
        """Each week's first moment (the view writes it the user's locale's way)."""
        return [p.start for p in self.figures.trend]

    def trend_values(self) -> list[float | None]:
        return [p.sla_met_pct for p in self.figures.trend]

    def trend_key(self, index: int) -> datetime | None:
        points = self.figures.trend
        return points[index].start if 0 <= index < len(points) else None

    # -- backlog by priority and age ---------------------------------------------------------

    def backlog(self) -> Bars:
        cells = {(c.priority, c.age): c.tickets for c in self.figures.backlog}
        return Bars(
            [f"P{p}" for p in PRIORITIES],
            [(age, [float(cells.get((p, age), 0)) for p in PRIORITIES]) for age in self.ages],
        )

    def backlog_key(self, set_index: int, category: int) -> tuple[int, str] | None:
        if not (0 <= set_index < len(self.ages) and 0 <= category < len(PRIORITIES)):
            return None
        return PRIORITIES[category], self.ages[set_index]

    def backlog_total(self) -> int:
        return sum(c.tickets for c in self.figures.backlog)

    # -- load per engineer -------------------------------------------------------------------

    def load(self) -> Bars:
        return Bars(
            [e.name for e in self.figures.load],
            [("Open tickets", [float(e.open_tickets) for e in self.figures.load])],
        )

    def load_key(self, index: int) -> str | None:
        load = self.figures.load
        return load[index].username if 0 <= index < len(load) else None

    def click(self, figure: str, *where: int) -> tuple[str, Any] | None:
        """(figure, key) for the service's ``tickets_behind``; None for an empty spot."""
        key: Any
        if figure == "trend":
            key = self.trend_key(where[0])
        elif figure == "backlog":
            key = self.backlog_key(where[0], where[1])
        elif figure == "load":
            key = self.load_key(where[0])
        else:
            return None
        return None if key is None else (figure, key)
