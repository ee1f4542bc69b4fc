"""The ticket workflow and the rules for a ticket's fields.

Every state change is an :class:`Action`; :data:`TRANSITIONS` says from which
statuses it may run and where it leads. Anything else is refused with a message
that names the current status and what is possible from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from app.domain.errors import InvalidTransition, ValidationError
from app.domain.roles import Permission

E = TypeVar("E", bound=StrEnum)


class Status(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES


FINAL_STATUSES = frozenset({Status.CLOSED, Status.CANCELLED})
OPEN_STATUSES = frozenset(Status) - FINAL_STATUSES


class Criticality(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Category(StrEnum):
    INCIDENT = "incident"
    SERVICE_REQUEST = "service_request"
    UPGRADE = "upgrade"
    PATCH = "patch"
    QUESTION = "question"


class ServiceType(StrEnum):
    MANAGED_HOSTING = "managed_hosting"
    SOFTWARE_MAINTENANCE = "software_maintenance"
    FIRST_LEVEL_SUPPORT = "first_level_support"
    SECOND_LEVEL_SUPPORT = "second_level_support"
    SYSTEM_MONITORING = "system_monitoring"


class Environment(StrEnum):
    TEST = "test"
    PRODUCTION = "production"


class Channel(StrEnum):
    """How a customer's answer reached us."""

    PHONE = "phone"
    EMAIL = "email"
    MEETING = "meeting"
    PORTAL = "portal"


# Until contracts define it (the SLA feature), priority follows criticality: P1 is most urgent.
DEFAULT_PRIORITY = {
    Criticality.CRITICAL: 1,
    Criticality.HIGH: 2,
    Criticality.MEDIUM: 3,
    Criticality.LOW: 4,
}


class Action(StrEnum):
    ASSIGN = "assign"
    TAKE = "take"
    REASSIGN = "reassign"
    START = "start"
    WAIT = "wait"
    CUSTOMER_REPLIED = "reply"
    RESOLVE = "resolve"
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"


@dataclass(frozen=True, slots=True)
class Transition:
    sources: frozenset[Status]
    target: Status | None  # None: the status does not change (e.g. reassign keeps it)
    permission: Permission
    label: str


_S = Status
TRANSITIONS: dict[Action, Transition] = {
    Action.ASSIGN: Transition(frozenset({_S.NEW}), _S.ASSIGNED, Permission.ASSIGN_OTHERS, "assign"),
    Action.TAKE: Transition(frozenset({_S.NEW}), _S.ASSIGNED, Permission.TAKE_TICKET, "take"),
    Action.REASSIGN: Transition(
        frozenset({_S.ASSIGNED, _S.IN_PROGRESS, _S.WAITING_ON_CUSTOMER}),
        None,
        Permission.ASSIGN_OTHERS,
        "reassign",
    ),
    Action.START: Transition(
        frozenset({_S.ASSIGNED}), _S.IN_PROGRESS, Permission.WORK_TICKET, "start work"
    ),
    Action.WAIT: Transition(
        frozenset({_S.ASSIGNED, _S.IN_PROGRESS}),
        _S.WAITING_ON_CUSTOMER,
        Permission.WORK_TICKET,
        "wait on the customer",
    ),
    Action.CUSTOMER_REPLIED: Transition(
        frozenset({_S.WAITING_ON_CUSTOMER}),
        _S.IN_PROGRESS,
        Permission.COMMENT,
        "record the customer's reply",
    ),
    Action.RESOLVE: Transition(
        frozenset({_S.IN_PROGRESS}), _S.RESOLVED, Permission.WORK_TICKET, "resolve"
    ),
    Action.APPROVE: Transition(
        frozenset({_S.RESOLVED}),
        _S.CLOSED,
        Permission.RECORD_CUSTOMER_RESPONSE,
        "record the customer's approval",
    ),
    Action.REJECT: Transition(
        frozenset({_S.RESOLVED}),
        _S.IN_PROGRESS,
        Permission.RECORD_CUSTOMER_RESPONSE,
        "record the customer's rejection",
    ),
    Action.CANCEL: Transition(
        frozenset(OPEN_STATUSES), _S.CANCELLED, Permission.CANCEL_TICKET, "cancel"
    ),
}


def allowed_actions(status: Status) -> list[Action]:
    """Actions the workflow allows from ``status`` (ignoring who asks)."""
    return [action for action, t in TRANSITIONS.items() if status in t.sources]


def check_transition(action: Action, status: Status, number: str = "") -> Transition:
    """Return the transition for ``action`` or explain why it is not possible now."""
    transition = TRANSITIONS[action]
    if status in transition.sources:
        return transition
    ticket = f"{number} " if number else "the ticket "
    possible = ", ".join(a.value for a in allowed_actions(status)) or "nothing (it is final)"
    raise InvalidTransition(
        f"cannot {transition.label}: {ticket}is {status.value}; from {status.value} you can: "
        f"{possible}."
    )


# Field limits. A subject is a one-line summary; descriptions and notes may be long but bounded.
SUBJECT_MAX = 200
TEXT_MAX = 100_000
REASON_MAX = 4_000
MINUTES_MAX = 24 * 60


# The one input rule for text, the same on both engines: control characters (C0 and C1,
# NUL and DEL included) and lone surrogates are refused; tab, line feed and carriage
# return only where the field may span lines. PostgreSQL cannot store NUL and neither
# engine can store a lone surrogate as UTF-8; SQLite would keep the rest silently, so the
# rule is ours, not the database's. Everything else (any script, emoji) is kept as typed.
_LINE_BREAKS = "\t\n\r"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FORBIDDEN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def check_characters(name: str, text: str, *, single_line: bool = False) -> None:
    """Refuse control characters, NUL and lone surrogates with a message that says where."""
    bad = (_FORBIDDEN_ONE_LINE if single_line else _FORBIDDEN).search(text)
    if bad is None:
        return
    char = bad.group()
    if single_line and char in _LINE_BREAKS:
        raise ValidationError(f"{name} must be a single line (no tabs or line breaks).")
    what = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    raise ValidationError(
        f"{name} contains {what} (U+{ord(char):04X}) at position {bad.start() + 1}; "
        "remove it and try again."
    )


def clean_text(
    name: str,
    value: str | None,
    *,
    max_len: int,
    required: bool = True,
    single_line: bool = False,
) -> str:
    """Trim ``value``; check it is present (when required), within ``max_len``, and free
    of the characters :func:`check_characters` refuses."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(f"{name} is required and cannot be empty.")
    if len(text) > max_len:
        raise ValidationError(
            f"{name} is too long: {len(text):,} characters, at most {max_len:,} allowed."
        )
    check_characters(name, text, single_line=single_line)
    return text


def clean_subject(value: str | None) -> str:
    return clean_text("subject", value, max_len=SUBJECT_MAX, single_line=True)


def clean_minutes(value: int | None, *, required: bool = False) -> int:
    if value is None:
        if required:
            raise ValidationError("minutes spent is required.")
        return 0
    if not 0 <= value <= MINUTES_MAX:
        low = 1 if required else 0
        raise ValidationError(
            f"minutes spent must be between {low} and {MINUTES_MAX} (one day); got {value}."
        )
    if required and value == 0:
        raise ValidationError("minutes spent must be at least 1.")
    return value


def parse_enum(enum: type[E], name: str, value: str | E) -> E:
    """Parse a user-supplied value into ``enum`` with a message listing the choices."""
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(e.value for e in enum)
        raise ValidationError(f"unknown {name} {value!r}; choose one of: {choices}.") from None


def format_number(sequence: int) -> str:
    return f"SD-{sequence:06d}"
