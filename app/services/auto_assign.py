"""Automatic assignment: the policy's choice at opening, hand-over when an engineer is
freed or becomes available, and the history each assignment writes.

Every assignment writes the same history as a manual one — an "assigned" event (field
``assignee``) and a status event new → assigned — with a text explaining the choice.
Automatic ones are authored by the system user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.assignment import (
    DEFAULT_POLICY,
    LOAD_STATUSES,
    Engineer,
    EngineerState,
    WeeklySchedule,
    choose,
    explain,
    parse_skills,
    policy_named,
    unavailable_because,
)
from app.domain.history import EventKind
from app.domain.roles import Role
from app.domain.tickets import Status
from app.persistence.change_log import TicketChange
from app.persistence.orm import Ticket, User
from app.persistence.orm_assignment import EngineerProfile
from app.persistence.unit_of_work import UnitOfWork
from app.services.hooks import NO_CHANGES, TicketHook
from app.services.ticket_changes import set_assignee, set_status

POLICY_KEY = "assignment.policy"
AUTO_KEY = "assignment.auto"
# The cap on open tickets of engineers who have none of their own (empty: no cap).
DEFAULT_MAX_KEY = "assignment.default_max"
_LOAD = frozenset(s.value for s in LOAD_STATUSES)


@dataclass(frozen=True, slots=True)
class AssignmentSettings:
    policy: str
    auto: bool
    default_max: int | None = None


SETTING_KEYS = (POLICY_KEY, AUTO_KEY, DEFAULT_MAX_KEY)


def read_settings(uow: UnitOfWork) -> AssignmentSettings:
    values = uow.assignment.settings(SETTING_KEYS)
    cap = values.get(DEFAULT_MAX_KEY, "")
    return AssignmentSettings(
        policy=values.get(POLICY_KEY, DEFAULT_POLICY),
        auto=values.get(AUTO_KEY, "on") == "on",
        default_max=int(cap) if cap.isdigit() else None,
    )


def snapshot(
    user: User, prof: EngineerProfile, open_tickets: int, default_max: int | None = None
) -> Engineer:
    return Engineer(
        user_id=user.id,
        username=user.username,
        state=EngineerState(prof.state or EngineerState.OFF),
        schedule=WeeklySchedule.parse(prof.schedule or "", prof.timezone or "UTC"),
        skills=parse_skills((prof.skills or "").split(",")),
        max_open=prof.max_open if prof.max_open is not None else default_max,
        open_tickets=open_tickets,
        last_assigned_at=prof.last_assigned_at,
    )


def record_assignment(
    uow: UnitOfWork,
    ticket: Ticket,
    to: User,
    by: User,
    at: datetime,
    *,
    why: str,
    policy: str | None,
) -> None:
    """The same two events as a manual assignment, with the reason in the text."""
    set_assignee(
        uow,
        ticket,
        by,
        to,
        at,
        text=why,
        data={"policy": policy, "automatic": by.id != to.id},
    )
    set_status(uow, ticket, by, Status.ASSIGNED, at)
    uow.assignment.touch_last_assigned(to.id, at)


def assign_best(
    uow: UnitOfWork, ticket: Ticket, at: datetime, *, when_auto: bool = False
) -> User | None:
    """Give a new ticket to the engineer the policy prefers, or leave it waiting
    (``when_auto``: only while automatic assignment is on)."""
    repo = uow.assignment
    # The settings come with the engineers, in one statement (issue 19: an opening's
    # statements); with nobody available they are not needed.
    rows = repo.available_engineers(SETTING_KEYS)
    if not rows:
        return None
    settings = read_settings(uow)
    if when_auto and not settings.auto:
        return None
    policy = policy_named(settings.policy)
    cap = settings.default_max
    users = {user.id: user for user, _ in rows}
    product = ticket.product.code if ticket.product else None
    # The maintained counts (OpenCountHook), not a count of each engineer's tickets.
    engineers = [snapshot(user, prof, prof.open_tickets, cap) for user, prof in rows]
    for decision in choose(policy, engineers, product, at):
        # Re-check under the engineer's row lock (never waiting for it, so several locks
        # held at once cannot deadlock): another desk may have just given them one.
        user = users[decision.engineer.user_id]
        # On PostgreSQL the lock writes the assignment's +1 and time in the same
        # statement (issue 19); a refused claim is undone.
        prof = repo.claim_profile(user.id, at)
        if prof is None:
            continue
        fresh = snapshot(user, prof, prof.open_tickets, cap)
        if unavailable_because(fresh, product, at) is not None:
            repo.unclaim(user.id)
            continue
        record_assignment(
            uow, ticket, user, uow.users.system(), at, why=explain(fresh, at), policy=policy.name
        )
        return user
    return None


def hand_over(
    uow: UnitOfWork,
    user: User,
    prof: EngineerProfile,
    now: datetime,
    *,
    reason: str,
) -> TicketChange | None:
    """If ``user`` is available now, give them the most urgent ticket waiting for them
    (one a desk is claiming right now is skipped). Returns that ticket's change, for
    the caller to pass to the change pipeline."""
    settings = read_settings(uow)
    if not settings.auto:
        return None
    repo = uow.assignment
    eng = snapshot(user, prof, prof.open_tickets, settings.default_max)
    if unavailable_because(eng, None, now) is not None:
        return None
    ticket = repo.claim_next_ticket(repo.product_ids(eng.skills) if eng.skills else None)
    if ticket is None:
        return None
    system = uow.users.system()
    record_assignment(uow, ticket, user, system, now, why=explain(eng, now, reason), policy=None)
    return uow.changes.open_change(ticket)


def _assignee_id(ticket: Ticket) -> int | None:
    """The ticket's assignee now: the relationship when this session set or loaded it
    (its foreign key column fills only at the next flush), else the column."""
    if "assignee" in ticket.__dict__:
        return ticket.assignee.id if ticket.assignee is not None else None
    return ticket.assignee_id


def _load_holder(status: str | None, user_id: int | None) -> int | None:
    """Whose open-ticket count a ticket in ``status`` held by ``user_id`` adds to."""
    return user_id if status in _LOAD else None


class OpenCountHook(TicketHook):
    """Keeps ``engineer_profiles.open_tickets`` in the transaction of every change, so
    assigning reads a column instead of counting tickets. Runs before
    :class:`AutoAssignHook`, which then sees the count after this change."""

    gathers_writes = True  # engineer rows only, by id

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        ticket = change.ticket
        after = _load_holder(ticket.status, _assignee_id(ticket))
        before: int | None = None
        if not change.opened:
            status = change.status
            old_status = status[0] if status is not None else ticket.status
            moved = change.assignee
            if moved is None:
                before = _load_holder(old_status, _assignee_id(ticket))
            elif moved[0] is not None and old_status in _LOAD:
                before = uow.users.get(moved[0]).id
        if before == after:
            return NO_CHANGES
        deltas = {uid: d for uid, d in ((before, -1), (after, 1)) if uid is not None}
        for uid in sorted(deltas):  # one lock order between two engineers' rows
            uow.assignment.move_open_count(uid, deltas[uid])
        return NO_CHANGES


class AutoAssignHook(TicketHook):
    """Assigns tickets as they open; counts manual takes as assignments; when a ticket
    leaves an engineer's hands, hands them the next one waiting for them."""

    gathers_writes = True  # engineer rows only; a hand-over is a change of its own

    def on_opened(self, uow: UnitOfWork, change: TicketChange) -> None:
        ticket = change.ticket
        if ticket.assignee is None:
            assign_best(uow, ticket, change.at, when_auto=True)

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        ticket = change.ticket
        to = ticket.assignee
        repo = uow.assignment
        if (
            to is not None
            and to.role == Role.ENGINEER
            and any(
                e.kind == EventKind.ASSIGNED and e.new_value == to.username for e in change.events
            )
        ):
            # A manual take or assignment resets the engineer's idle time too.
            repo.touch_last_assigned(to.id, change.at)
        # Assignment times the open-count move (OpenCountHook, just before) did not take.
        repo.write_touches()
        if to is None or to.role != Role.ENGINEER:
            return NO_CHANGES
        released = any(
            e.kind == EventKind.STATUS and e.old_value in _LOAD and e.new_value not in _LOAD
            for e in change.events
        )
        if not released or ticket.status in _LOAD:
            return NO_CHANGES
        prof = repo.profile(to.id, lock=True)
        handed = hand_over(uow, to, prof, change.at, reason="auto: a ticket was finished")
        return (handed,) if handed is not None else NO_CHANGES
