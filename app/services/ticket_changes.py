"""The building blocks of a ticket change, shared by every service that changes tickets:
who may work it, and the field changes that always come with their history event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission, Role, allows
from app.domain.tickets import Status
from app.persistence.orm import Ticket, User
from app.persistence.unit_of_work import UnitOfWork
from app.services.history import append_event
from app.services.users import clean_username


def active_engineer(uow: UnitOfWork, username: str) -> User:
    """The active engineer named ``username``: tickets are assigned to engineers only."""
    user = uow.users.get(clean_username(username))
    if not user.active:
        raise ValidationError(f"{user.username} is not an active user.")
    if user.role != Role.ENGINEER:
        raise ValidationError(f"{user.username} is {user.role}; tickets are assigned to engineers.")
    return user


def require_worker(me: User, ticket: Ticket) -> None:
    """Work actions are for the assignee; managers and admins may step in."""
    role = Role(me.role)
    if not allows(role, Permission.WORK_TICKET):
        raise PermissionDenied(f"{me.username} ({role}) may not {Permission.WORK_TICKET.value}.")
    if role == Role.ENGINEER and ticket.assignee_id != me.id:
        owner = ticket.assignee.username if ticket.assignee else "nobody"
        raise PermissionDenied(
            f"{ticket.number} is assigned to {owner}, not to {me.username}; "
            "take it or ask a manager to reassign it."
        )


def require_open(ticket: Ticket, what: str) -> None:
    if Status(ticket.status).is_final:
        raise ValidationError(f"cannot {what} {ticket.number}: it is {ticket.status}.")


def set_status(
    uow: UnitOfWork,
    ticket: Ticket,
    me: User,
    new: Status,
    at: datetime,
    *,
    text: str | None = None,
) -> None:
    old = ticket.status
    ticket.status = new.value
    append_event(
        uow,
        ticket,
        me,
        EventKind.STATUS,
        at,
        field_name="status",
        old=old,
        new=new.value,
        text=text,
    )


def set_assignee(
    uow: UnitOfWork,
    ticket: Ticket,
    me: User,
    to: User,
    at: datetime,
    *,
    text: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Give ``ticket`` to ``to``; ``text`` says why (automatic assignments explain
    their choice there)."""
    old = ticket.assignee.username if ticket.assignee else None
    ticket.assignee = to
    append_event(
        uow,
        ticket,
        me,
        EventKind.ASSIGNED,
        at,
        field_name="assignee",
        old=old,
        new=to.username,
        text=text,
        data=data,
    )
