"""Helpers shared by the services: who is acting, and turning storage errors into words."""

from __future__ import annotations

from app.domain.errors import AuthenticationFailed
from app.domain.roles import Permission, Role, require
from app.persistence.errors import storage_errors
from app.persistence.orm import User
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor

__all__ = ["acting_user", "storage_errors"]


def acting_user(uow: UnitOfWork, actor: Actor, permission: Permission | None = None) -> User:
    """The actor's user row, re-read in this transaction, checked active and allowed."""
    user = uow.users.find_by_id(actor.user_id)
    if user is None or not user.active:
        raise AuthenticationFailed(f"user {actor.username!r} is no longer active.")
    if permission is not None:
        require(Role(user.role), permission, user.username)
    return user
