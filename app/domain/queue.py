"""What the ticket queue shows: saved views, columns, filters and sort orders.

Pure values: the queue service turns them into SQL, the desktop client into widgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class SavedView(StrEnum):
    MY = "my"
    UNASSIGNED = "unassigned"
    AT_RISK = "at_risk"
    WAITING = "waiting"
    AWAITING_APPROVAL = "awaiting_approval"
    ALL_OPEN = "all_open"
    ALL = "all"

    @property
    def label(self) -> str:
        return _VIEW_LABELS[self]


_VIEW_LABELS = {
    SavedView.MY: "My tickets",
    SavedView.UNASSIGNED: "Unassigned",
    SavedView.AT_RISK: "At risk / breached",
    SavedView.WAITING: "Waiting on customer",
    SavedView.AWAITING_APPROVAL: "Awaiting customer approval",
    SavedView.ALL_OPEN: "All open",
    SavedView.ALL: "All",
}


class QueueColumn(StrEnum):
    NUMBER = "number"
    PRIORITY = "priority"
    STATUS = "status"
    SUBJECT = "subject"
    CUSTOMER = "customer"
    ASSIGNEE = "assignee"
    SLA_DUE = "sla_due"
    UPDATED = "updated"

    @property
    def label(self) -> str:
        return _COLUMN_LABELS[self]


_COLUMN_LABELS = {
    QueueColumn.NUMBER: "Number",
    QueueColumn.PRIORITY: "Priority",
    QueueColumn.STATUS: "Status",
    QueueColumn.SUBJECT: "Subject",
    QueueColumn.CUSTOMER: "Customer",
    QueueColumn.ASSIGNEE: "Assignee",
    QueueColumn.SLA_DUE: "SLA due",
    QueueColumn.UPDATED: "Updated",
}

# SLA states the "At risk / breached" view shows.
AT_RISK_STATES = frozenset({"at_risk", "breached"})


@dataclass(frozen=True)
class QueueFilter:
    view: SavedView = SavedView.ALL_OPEN
    search: str = ""
    statuses: frozenset[str] = frozenset()
    priorities: frozenset[int] = frozenset()
    customer: str | None = None
    assignee: str | None = None
    product: str | None = None


@dataclass(frozen=True)
class QueueSort:
    column: QueueColumn = QueueColumn.PRIORITY
    descending: bool = False


_NUMBER = re.compile(r"^\s*(?:SD-?)?0*(\d{1,9})\s*$", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_TERMS_MAX = 8


def search_number(text: str) -> int | None:
    """The ticket sequence a search like ``SD-000042``, ``sd42`` or ``42`` names, if any."""
    match = _NUMBER.match(text or "")
    return int(match.group(1)) if match else None


def search_terms(text: str) -> list[str]:
    """The words of a search, lower-cased, safe to put in an FTS query (letters, digits, _)."""
    return [w.lower() for w in _WORD.findall(text or "")][:SEARCH_TERMS_MAX]
