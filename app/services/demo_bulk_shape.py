"""The generated desk's shape: table column orders, vocabularies, weights, and the
small records the generator passes around (see :mod:`app.services.demo_bulk`)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.history import GENESIS, EventKind

# fmt: off
TICKET_COLS = ("id", "number", "customer_id", "contact_id", "product_id", "environment",
               "service_type", "category", "subject", "description", "criticality", "priority",
               "status", "assignee_id", "created_by_id", "created_at", "updated_at",
               "resolved_at", "closed_at", "problem_nature", "solution", "time_logged_minutes",
               "last_event_hash", "event_count", "first_response_due_at", "resolution_due_at",
               "first_responded_at", "sla_due_at", "sla_state", "version")
EVENT_COLS = ("id", "ticket_id", "seq", "occurred_at", "actor_id", "kind", "field",
              "old_value", "new_value", "text", "minutes", "internal", "data", "prev_hash",
              "hash")
LEDGER_COLS = ("seq", "kind", "ticket_number", "event_seq", "entry_hash", "prev_hash", "hash")
FACT_COLS = ("ticket_id", "first_response_at", "resolved_at", "closed_at",
             "response_wall_minutes", "response_business_minutes", "resolution_wall_minutes",
             "resolution_business_minutes", "waiting_minutes", "reassignments", "reopenings",
             "response_target_minutes", "resolution_target_minutes", "response_met",
             "resolution_met", "time_logged_minutes", "updated_at",
             # copies of ticket columns the report rollups read beside the facts
             "opened_at", "customer_id", "priority", "status", "category", "service_type",
             "product_id", "ticket_resolved_at")
ESCALATION_COLS = ("ticket_id", "measure", "threshold", "at")
CLOCK_COLS = ("ticket_id", "contract_id", "calendar_id", "tier", "criticality",
              "response_minutes", "resolution_minutes", "business_hours", "next_check_at",
              "seen_seq")

# Goals, in the order of the codes the generator sorts by (closed work first).
GOALS = ("closed", "cancelled", "new", "assigned", "in_progress", "waiting_on_customer",
         "resolved")
OPEN_WEIGHTS = (15, 20, 35, 20, 10)  # of the open goals, GOALS[2:]
NOUNS = ("Invoice export", "Mail delivery", "Login", "Printer queue", "Nightly backup",
         "Monthly report", "Application server", "Disk space", "Network link", "Payment batch",
         "Database", "Certificate", "Data import", "Password reset", "Dashboard", "Search",
         "Sync job", "Audit log", "User account", "API gateway", "Scheduler", "VPN access",
         "Label printing", "Stock levels", "Price list")
PROBLEMS = ("fails", "is slow", "times out", "shows an error", "stopped overnight",
            "gives wrong totals", "needs a change", "crashes on start", "is missing data",
            "asks for a password again", "question", "upgrade request", "runs twice",
            "sends duplicates", "rejected by the bank")
# One ticket in RARE_EVERY mentions RARE_WORD: a selective full-text search for benchmarks.
RARE_WORD = "zeppelin"
RARE_EVERY = 10_000
CRITICALITIES = ("critical", "high", "medium", "low")
CRIT_WEIGHTS = (1, 3, 5, 3)
DEFAULT_PRIORITY = {"critical": 1, "high": 2, "medium": 3, "low": 4}
CATEGORIES = ("incident", "service_request", "question", "upgrade", "patch")
CAT_CUM = (5, 8, 10, 11, 12)
SERVICES = ("first_level_support", "second_level_support", "software_maintenance",
            "managed_hosting", "system_monitoring")
SVC_CUM = (4, 7, 9, 10, 11)
# fmt: on


@dataclass(frozen=True)
class CustomerInfo:
    id: int
    code: str
    tier: str
    contract_id: int
    contacts: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Person:
    id: int
    username: str


@dataclass
class Catalogue:
    now: datetime
    customers: list[CustomerInfo]
    customer_cum: list[float]
    products: list[tuple[int, str]]
    engineers: list[Person]
    care: list[Person]
    managers: list[Person]
    targets: dict[tuple[str, str], tuple[int, int, int]]
    calendar_id: int | None
    system: Person  # the scan's author of escalations


@dataclass
class Rows:
    """One chunk's rows, per table, in the *_COLS orders above."""

    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    ledger: list[tuple[Any, ...]] = field(default_factory=list)
    facts: list[tuple[Any, ...]] = field(default_factory=list)
    clocks: list[tuple[Any, ...]] = field(default_factory=list)
    escalations: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Chains:
    """Where the id sequences and the ledger stand between chunks."""

    next_event_id: int
    ledger_seq: int = 0
    ledger_prev: str = GENESIS


def status_event(old: str, new: str, text: str | None = None) -> dict[str, Any]:
    return {"kind": EventKind.STATUS.value, "field": "status", "old": old, "new": new, "text": text}


def pick(cum: list[float] | tuple[int, ...], x: float) -> int:
    """The index whose cumulative weight first exceeds ``x``."""
    return min(bisect_right(cum, x), len(cum) - 1)
