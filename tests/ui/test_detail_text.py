"""ui/detail_text.sla_summary says what the detail pane's SLA line says: a stopped clock
its outcome, only a ticket waiting on the customer the waiting line."""

from __future__ import annotations

from datetime import UTC, datetime

from app.services.sla_views import SlaView
from ui.detail_text import sla_summary

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


def test_a_stopped_clock_says_its_outcome_not_waiting() -> None:
    # It said "Missed — no due time while waiting on the customer" for a resolved ticket.
    assert sla_summary(reading("resolved", "missed"), NOW) == "Missed · Gold, business hours (GR)"
    assert "waiting" not in sla_summary(reading("closed", "met"), NOW)


def test_a_ticket_waiting_on_the_customer_says_so() -> None:
    line = sla_summary(reading("waiting_on_customer", "paused"), NOW)
    assert line.endswith("no due time while waiting on the customer")
