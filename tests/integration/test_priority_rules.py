"""Priority follows the contract's tier × criticality; overrides and lowering need a
manager and a reason (issue 14, item 7)."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.errors import PermissionDenied, ValidationError
from tests.support.people import People
from tests.support.tickets import gold_checkout_ticket


@pytest.fixture
def gold_ticket(services: Services, people: People) -> str:
    return gold_checkout_ticket(services, people, "high")


def test_raising_criticality_brings_the_contract_priority(
    services: Services, people: People, gold_ticket: str
) -> None:
    t = services.tickets
    before = t.show(people.care, gold_ticket)
    after = t.edit(people.care, gold_ticket, {"criticality": "critical"})
    assert after.priority == 1 < before.priority
    events = [e for e in t.show(people.care, gold_ticket).history if e.field == "priority"]
    assert [(e.new_value, e.data) for e in events] == [("1", {"follows": "contract"})]
    assert services.history.verify(gold_ticket).ok


def test_lowering_criticality_is_a_managers_call_with_a_reason(
    services: Services, people: People, gold_ticket: str
) -> None:
    t = services.tickets
    with pytest.raises(PermissionDenied, match="a manager does it"):
        t.edit(people.engineer, gold_ticket, {"criticality": "low"}, reason="minor")
    with pytest.raises(ValidationError, match="say why"):
        t.edit(people.manager, gold_ticket, {"criticality": "low"})
    lowered = t.edit(people.manager, gold_ticket, {"criticality": "low"}, reason="cosmetic only")
    assert lowered.criticality == "low" and lowered.priority > 2
    event = next(e for e in t.show(people.care, gold_ticket).history if e.field == "criticality")
    assert (event.text, event.data) == ("cosmetic only", {"lowered": True})


def test_a_managers_override_needs_a_reason_and_sticks(
    services: Services, people: People, gold_ticket: str
) -> None:
    t = services.tickets
    with pytest.raises(ValidationError, match="say why"):
        t.edit(people.manager, gold_ticket, {"priority": 4})
    assert t.edit(people.manager, gold_ticket, {"priority": 4}, reason="agreed").priority == 4
    assert t.edit(people.care, gold_ticket, {"criticality": "critical"}).priority == 4
