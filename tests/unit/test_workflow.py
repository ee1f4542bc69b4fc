"""The workflow table of DESIGN.md, checked action by action."""

from __future__ import annotations

import pytest

from app.domain.errors import InvalidTransition
from app.domain.tickets import (
    FINAL_STATUSES,
    TRANSITIONS,
    Action,
    Status,
    allowed_actions,
    check_transition,
)

S = Status
EXPECTED = {
    S.NEW: {Action.ASSIGN, Action.TAKE, Action.CANCEL},
    S.ASSIGNED: {Action.REASSIGN, Action.START, Action.WAIT, Action.CANCEL},
    S.IN_PROGRESS: {Action.REASSIGN, Action.WAIT, Action.RESOLVE, Action.CANCEL},
    S.WAITING_ON_CUSTOMER: {Action.REASSIGN, Action.CUSTOMER_REPLIED, Action.CANCEL},
    S.RESOLVED: {Action.APPROVE, Action.REJECT, Action.CANCEL},
    S.CLOSED: set(),
    S.CANCELLED: set(),
}


@pytest.mark.parametrize("status", list(Status))
def test_allowed_actions_match_the_design(status: Status) -> None:
    assert set(allowed_actions(status)) == EXPECTED[status]


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(Action))
def test_every_other_combination_is_refused_with_the_status_named(
    status: Status, action: Action
) -> None:
    if action in EXPECTED[status]:
        assert check_transition(action, status) is TRANSITIONS[action]
        return
    with pytest.raises(InvalidTransition) as refused:
        check_transition(action, status, "SD-000007")
    assert f"SD-000007 is {status.value}" in refused.value.message


def test_only_the_customer_closes_a_resolved_ticket() -> None:
    into_closed = [a for a, t in TRANSITIONS.items() if t.target == S.CLOSED]
    assert into_closed == [Action.APPROVE]
    assert TRANSITIONS[Action.APPROVE].sources == {S.RESOLVED}
    assert TRANSITIONS[Action.REJECT].target == S.IN_PROGRESS
    assert {S.CLOSED, S.CANCELLED} == FINAL_STATUSES
