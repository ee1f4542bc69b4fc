"""How queue cells read and look: plain functions, easy to test without a view."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.labels import status_label
from app.domain.queue import QueueColumn
from app.services.queue import QueueRow
from ui.domain_labels import label
from ui.timefmt import plain_time

SLA_STATE_LABELS = {
    "on_track": "On track",
    "at_risk": "At risk",
    "breached": "Breached",
    "met": "Met",
    "missed": "Missed",
    "paused": "Paused",
}


def span(delta: timedelta) -> str:
    """A compact duration: 3d 4h, 2h 05m, 7m."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {mins:02d}m"
    return f"{mins}m"


def time_left(row: QueueRow, now: datetime) -> str:
    """The SLA cell: time left, how late, or the final state."""
    if row.sla_state in ("met", "missed", "paused"):
        return SLA_STATE_LABELS[row.sla_state]
    if row.sla_due_at is None:  # e.g. late, then paused while waiting on the customer
        return SLA_STATE_LABELS.get(row.sla_state or "", "")
    left = row.sla_due_at - now
    return f"{span(left)} left" if left >= timedelta(0) else f"overdue {span(left)}"


def local_time(moment: datetime) -> str:
    """In the user's declared zone (the status bar names it), like the PDFs."""
    return plain_time(moment)


def display(row: QueueRow, column: QueueColumn, now: datetime) -> str:
    if column == QueueColumn.SLA_DUE:
        return time_left(row, now)
    return {
        QueueColumn.NUMBER: lambda: row.number,
        QueueColumn.PRIORITY: lambda: f"P{row.priority}",
        QueueColumn.STATUS: lambda: label(status_label(row.status)),
        QueueColumn.SUBJECT: lambda: row.subject,
        QueueColumn.CUSTOMER: lambda: row.customer_name,
        QueueColumn.ASSIGNEE: lambda: row.assignee or "—",
        QueueColumn.UPDATED: lambda: local_time(row.updated_at),
    }[column]()


def tooltip(row: QueueRow, column: QueueColumn, now: datetime) -> str:
    if column == QueueColumn.CUSTOMER:
        return f"{row.customer_name} ({row.customer_code})"
    if column == QueueColumn.SLA_DUE:
        if row.sla_due_at is None:
            return "No SLA target"
        state = SLA_STATE_LABELS.get(row.sla_state or "", "")
        return f"Due {local_time(row.sla_due_at)}" + (f" — {state}" if state else "")
    if column == QueueColumn.ASSIGNEE and row.assignee is None:
        return "Unassigned"
    return display(row, column, now)


def sort_value(row: QueueRow, column: QueueColumn) -> object:
    """The raw value the column sorts by (SortKeyRole)."""
    return {
        QueueColumn.NUMBER: row.number,
        QueueColumn.PRIORITY: row.priority,
        QueueColumn.STATUS: row.status,
        QueueColumn.SUBJECT: row.subject,
        QueueColumn.CUSTOMER: row.customer_name,
        QueueColumn.ASSIGNEE: row.assignee or "",
        QueueColumn.SLA_DUE: row.sla_due_at,
        QueueColumn.UPDATED: row.updated_at,
    }[column]
