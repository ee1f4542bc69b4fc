"""Property: for any generated ticket history, the period report's figures per priority
equal what a plain reading of that history gives — computed here, from the history
alone, without the report's code — to full precision, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import statistics
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bootstrap import Services
from tests.reports_imports.exports import History, Update, write
from tests.support.people import People

START = datetime(2025, 3, 1, tzinfo=UTC)
DONE = {"resolved", "closed"}
STATUSES = ["new", "assigned", "in_progress", "waiting_on_customer", "resolved", "closed",
            "cancelled"]  # fmt: skip
OWNERS = [None, "Ann Lee", "Bo Chan", "Cy Diaz"]
_runs = itertools.count(1)


@st.composite
def histories(draw: st.DrawFn) -> list[History]:
    count = draw(st.integers(min_value=1, max_value=12))
    result = []
    for n in range(count):
        at = START + timedelta(seconds=draw(st.integers(0, 27 * 86_400)))
        updates = [Update(at, draw(st.sampled_from(STATUSES[:3])), draw(st.sampled_from(OWNERS)))]
        for _ in range(draw(st.integers(0, 6))):
            # Seconds, not minutes: the report must not round durations away.
            at += timedelta(seconds=draw(st.integers(1, 3 * 86_400)))
            status = draw(st.sampled_from(STATUSES))
            updates.append(Update(at, status, draw(st.sampled_from(OWNERS))))
        result.append(
            History(
                number=f"T{n}",
                priority=draw(st.integers(1, 4)),
                updates=tuple(updates),
                made_sla=draw(st.sampled_from([True, False, None])),
            )
        )
    return result


def expected(tickets: list[History]) -> dict[str, dict[str, object]]:
    """The figures per priority, read straight from the histories."""
    out: dict[str, dict[str, object]] = {}
    for priority in sorted({t.priority for t in tickets}):
        group = [t for t in tickets if t.priority == priority]
        hours, verdicts, reassigned, reopened = [], [], 0, 0
        for t in group:
            state, owner = t.updates[0].status, t.updates[0].owner
            # A ticket opened already resolved entered "resolved" when it was opened.
            resolved_at = t.opened if state in DONE else None
            for u in t.updates[1:]:
                if u.status in DONE and state not in DONE:
                    resolved_at = u.at
                if state in DONE and u.status not in (*DONE, "cancelled"):
                    reopened += 1
                if owner is not None and u.owner != owner:
                    reassigned += 1
                state, owner = u.status, u.owner
            if state in DONE and resolved_at is not None:
                hours.append((resolved_at - t.opened).total_seconds() / 3600)
            if t.made_sla is not None:
                verdicts.append(1.0 if t.made_sla else 0.0)
        out[str(priority)] = {
            "tickets": len(group),
            "resolved": len(hours),
            "median": statistics.median(hours) if hours else None,
            "mean": statistics.fmean(hours) if hours else None,
            "sla_met_pct": 100 * statistics.fmean(verdicts) if verdicts else None,
            "sla_known": len(verdicts),
            "reassignments": reassigned,
            "reopenings": reopened,
        }
    return out


def close(value: float | None) -> object:
    # Full precision: equal but for the last bits of a float sum, never a rounding.
    return None if value is None else pytest.approx(value, rel=1e-12, abs=1e-12)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tickets=histories())
def test_period_figures_equal_an_independent_reading_of_the_history(
    services: Services, people: People, tickets: list[History]
) -> None:
    # Each example is its own customer (and its own ticket numbers) in the same database.
    run = next(_runs)
    code = f"P{run}"
    services.customers.add_customer(people.manager, code=code, name=f"Property {run}")
    tickets = [History(f"R{run}-{t.number}", t.priority, t.updates, t.made_sla) for t in tickets]
    with tempfile.TemporaryDirectory() as folder:
        data, mapping = write(Path(folder), tickets)
        summary = services.importing.generic(people.manager, data, mapping=mapping, customer=code)
    assert summary.tickets_new == len(tickets)

    report = services.reports.period_report(
        people.manager, customer=code, start=date(2025, 3, 1), end=date(2025, 3, 31)
    )

    want = expected(tickets)
    got = {
        g.key: {
            "tickets": g.tickets,
            "resolved": g.resolved,
            "median": close(g.resolution_wall.median),
            "mean": close(g.resolution_wall.mean),
            "sla_met_pct": close(g.sla_met_pct),
            "sla_known": g.sla_known,
            "reassignments": g.reassignments,
            "reopenings": g.reopenings,
        }
        for g in report.by_priority
    }
    assert got == want
    # The headline and the totals row are the same aggregation as the table.
    assert report.opened == report.total.tickets == len(tickets)
    assert report.resolved == report.total.resolved == sum(g.resolved for g in report.by_priority)
    assert report.total.reassignments == sum(cast(int, w["reassignments"]) for w in want.values())
    assert report.total.reopenings == sum(cast(int, w["reopenings"]) for w in want.values())
