"""Which steps and edits the detail pane offers: the workflow, the role, the assignee."""

from __future__ import annotations

from app.domain.roles import Role
from ui.ticket_actions import Step, TicketFacts, UserFacts, available_steps, editable_fields

ELI = UserFacts("eli", Role.ENGINEER)
CARA = UserFacts("cara", Role.CARE)
MIA = UserFacts("mia", Role.MANAGER)


def test_an_engineer_may_take_a_new_ticket_but_care_may_only_cancel_it() -> None:
    new = TicketFacts("new", None)
    assert available_steps(new, ELI) == [Step.TAKE]
    assert available_steps(new, CARA) == [Step.CANCEL]
    assert available_steps(new, MIA) == [Step.ASSIGN, Step.CANCEL]


def test_only_the_assignee_engineer_works_the_ticket_while_managers_may_step_in() -> None:
    mine = TicketFacts("in_progress", "eli")
    theirs = TicketFacts("in_progress", "eva")
    assert available_steps(mine, ELI) == [Step.WAIT, Step.RESOLVE]
    assert available_steps(theirs, ELI) == []
    assert Step.RESOLVE in available_steps(theirs, MIA)
    assert Step.REASSIGN in available_steps(theirs, MIA)


def test_the_customers_answer_is_recorded_by_customer_facing_roles() -> None:
    resolved = TicketFacts("resolved", "eli")
    assert available_steps(resolved, CARA) == [Step.APPROVE, Step.REJECT, Step.CANCEL]
    assert available_steps(resolved, ELI) == []


def test_anyone_may_report_the_customers_reply_and_nothing_is_offered_on_final_tickets() -> None:
    waiting = TicketFacts("waiting_on_customer", "eli")
    assert Step.CUSTOMER_REPLIED in available_steps(waiting, CARA)
    assert available_steps(TicketFacts("closed", "eli"), MIA) == []


def test_fields_are_editable_on_open_tickets_and_priority_only_by_managers() -> None:
    open_ticket = TicketFacts("assigned", "eli")
    assert "subject" in editable_fields(open_ticket, ELI)
    assert "priority" not in editable_fields(open_ticket, ELI)
    assert "priority" in editable_fields(open_ticket, MIA)
    assert editable_fields(TicketFacts("cancelled", None), MIA) == frozenset()
