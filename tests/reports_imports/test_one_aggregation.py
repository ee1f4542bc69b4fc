"""Issue 16, problem 2: "resolved" said 19 in a period report's headline and 18 in its
table. The headline and the tables now read one aggregation. Both engines."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

from app.bootstrap import Services
from app.reports.render.tabular import period_csv
from tests.reports_imports.exports import History, Update, write
from tests.support.people import People


def at(day: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, 9, 0, tzinfo=UTC)


def test_the_headline_and_the_tables_count_the_same_tickets(
    services: Services, people: People, tmp_path: Path
) -> None:
    histories = [
        # Opened in February, resolved in March: not a ticket of the March report.
        History("H1", 2, (Update(at(25, 2), "new", "Ann"), Update(at(2), "resolved", "Ann")), None),
        # Resolved through its history only (the source has no resolution column).
        History("H2", 2, (Update(at(3), "new", "Ann"), Update(at(4), "resolved", "Ann")), True),
        History("H3", 3, (Update(at(5), "new", None), Update(at(6), "closed", "Bo")), False),
        History("H4", 3, (Update(at(7), "new", None),), None),
    ]
    data, mapping = write(tmp_path, histories)
    services.importing.generic(people.manager, data, mapping=mapping, customer="ACME")

    report = services.reports.period_report(
        people.manager, customer="ACME", start=date(2025, 3, 1), end=date(2025, 3, 31)
    )
    by_priority = report.by_priority
    assert (report.opened, report.resolved, report.closed) == (3, 2, 1)
    assert report.opened == report.total.tickets == sum(g.tickets for g in by_priority)
    assert report.resolved == report.total.resolved == sum(g.resolved for g in by_priority)
    assert sum(c.resolved for c in report.by_category) == report.resolved
    rows = {(r["section"], r["key"]): r for r in csv.DictReader(io.StringIO(period_csv(report)))}
    assert rows[("counts", "resolved")]["tickets"] == rows[("total", "all")]["resolved"] == "2"
