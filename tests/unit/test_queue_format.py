"""How the queue's SLA cell reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.services.queue import QueueRow
from ui.models.queue_format import time_left

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def row(state: str | None, due: datetime | None) -> QueueRow:
    return QueueRow(
        id=1,
        number="SD-000001",
        priority=2,
        status="in_progress",
        subject="x",
        customer_code="ACME",
        customer_name="Acme",
        assignee=None,
        sla_due_at=due,
        sla_state=state,
        updated_at=NOW,
        version=1,
    )


def test_time_left_overdue_and_final_states() -> None:
    assert time_left(row("on_track", NOW + timedelta(hours=2, minutes=5)), NOW) == "2h 05m left"
    assert time_left(row("breached", NOW - timedelta(days=1, hours=3)), NOW) == "overdue 1d 3h"
    assert time_left(row("met", None), NOW) == "Met"
    assert time_left(row(None, None), NOW) == ""


def test_a_late_ticket_paused_while_waiting_still_says_so() -> None:
    assert time_left(row("breached", None), NOW) == "Breached"
