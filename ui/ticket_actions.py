"""Which workflow actions and field edits to offer for a ticket and a user (Qt-free).

The services remain the judge; this only decides what the detail pane shows, so that
nobody is offered a button that would be refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.roles import Permission, Role, allows
from app.domain.tickets import TRANSITIONS, Action, Status, allowed_actions

# A button runs one workflow action: the UI's steps are the domain's actions.
Step = Action


@dataclass(frozen=True, slots=True)
class StepInfo:
    label: str
    needs_dialog: bool
    icon: str
    shortcut: str = ""


STEP_INFO: dict[Step, StepInfo] = {
    Step.TAKE: StepInfo("Take", False, "take", "Ctrl+T"),
    Step.ASSIGN: StepInfo("Assign…", True, "assign"),
    Step.REASSIGN: StepInfo("Reassign…", True, "assign"),
    Step.START: StepInfo("Start", False, "start", "Ctrl+Shift+S"),
    Step.WAIT: StepInfo("Wait on customer…", True, "wait", "Ctrl+Shift+W"),
    Step.CUSTOMER_REPLIED: StepInfo("Customer replied…", True, "reply"),
    Step.RESOLVE: StepInfo("Resolve…", True, "resolve", "Ctrl+Shift+R"),
    Step.APPROVE: StepInfo("Customer approved…", True, "approve"),
    Step.REJECT: StepInfo("Customer rejected…", True, "reject"),
    Step.CANCEL: StepInfo("Cancel…", True, "cancel"),
}

# Work steps an engineer may only do on their own tickets (managers/admins may step in).
_OWNER_ONLY = frozenset({Action.START, Action.WAIT, Action.RESOLVE})

EDITABLE_FIELDS = (
    "subject",
    "description",
    "criticality",
    "category",
    "environment",
    "service_type",
)


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """The little a decision needs about a ticket."""

    status: str
    assignee: str | None


@dataclass(frozen=True, slots=True)
class UserFacts:
    username: str
    role: Role


def available_steps(ticket: TicketFacts, user: UserFacts) -> list[Step]:
    """The steps the workflow allows now for this user, in workflow order."""
    status = Status(ticket.status)
    steps: list[Step] = []
    for action in allowed_actions(status):
        if not allows(user.role, TRANSITIONS[action].permission):
            continue
        if (
            action in _OWNER_ONLY
            and user.role == Role.ENGINEER
            and ticket.assignee != user.username
        ):
            continue
        steps.append(action)
    return steps


def editable_fields(ticket: TicketFacts, user: UserFacts) -> frozenset[str]:
    """Fields this user may change on this ticket now (none once it is final)."""
    if Status(ticket.status).is_final:
        return frozenset()
    fields = set(EDITABLE_FIELDS) if allows(user.role, Permission.OPEN_TICKET) else set()
    if allows(user.role, Permission.OVERRIDE_PRIORITY):
        fields.add("priority")
    return frozenset(fields)


def may_log_time(user: UserFacts) -> bool:
    return allows(user.role, Permission.WORK_TICKET)
