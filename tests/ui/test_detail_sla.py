"""The detail pane's SLA line says what the clock is doing: waiting on the customer only
while the ticket waits on the customer."""

from __future__ import annotations

from datetime import UTC, datetime

from app.services.sla_views import SlaView
from ui.views.detail_sla import sla_line

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def reading(status: str, state: str) -> SlaView:
    return SlaView(
        number="SD-000001",
        status=status,
        priority=1,
        covered=True,
        note="GOLD-1",
        tier="Gold",
        clock="business hours (GR)",
        state=state,
    )


def test_a_resolved_ticket_without_a_due_time_says_its_outcome_not_waiting() -> None:
    line = sla_line(reading("resolved", "missed"), NOW)
    assert "waiting" not in line
    assert line == "Missed · Gold, business hours (GR)"
    assert "waiting" not in sla_line(reading("closed", "met"), NOW)


def test_a_ticket_waiting_on_the_customer_says_so() -> None:
    line = sla_line(reading("waiting_on_customer", "paused"), NOW)
    assert line.endswith("no due time while waiting on the customer")
