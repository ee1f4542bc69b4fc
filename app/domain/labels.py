"""Human-readable names for values people see (one place for the GUI and the reports)."""

from __future__ import annotations

from app.domain.tickets import Status

STATUS_LABELS: dict[str, str] = {
    Status.NEW: "New",
    Status.ASSIGNED: "Assigned",
    Status.IN_PROGRESS: "In progress",
    Status.WAITING_ON_CUSTOMER: "Waiting on customer",
    Status.RESOLVED: "Resolved",
    Status.CLOSED: "Closed",
    Status.CANCELLED: "Cancelled",
}


def status_label(status: str) -> str:
    """``in_progress`` → ``In progress``; an unknown value reads as itself, tidied."""
    return STATUS_LABELS.get(status) or status.replace("_", " ").capitalize()
