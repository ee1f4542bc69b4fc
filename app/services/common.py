"""Helpers shared by the services: who is acting, and turning storage errors into words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import AuthenticationFailed, Conflict, DatabaseUnavailable, DomainError
from app.domain.roles import Permission, Role, require
from app.persistence.orm import User
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor


def acting_user(uow: UnitOfWork, actor: Actor, permission: Permission | None = None) -> User:
    """The actor's user row, re-read in this transaction, checked active and allowed."""
    user = uow.session.get(User, actor.user_id)
    if user is None or not user.active:
        raise AuthenticationFailed(f"user {actor.username!r} is no longer active.")
    if permission is not None:
        require(Role(user.role), permission, user.username)
    return user


@contextmanager
def storage_errors(conflict_message: str = "") -> Iterator[None]:
    """Translate database errors raised inside a service call into domain errors.

    A stale ticket version becomes :class:`Conflict`; a unique-constraint race becomes
    a :class:`Conflict` too; anything else the database refuses becomes
    :class:`DatabaseUnavailable` with the driver's first line.
    """
    try:
        yield
    except DomainError:
        raise
    except StaleDataError:
        raise Conflict(
            conflict_message or "someone else changed this record meanwhile; reload and retry."
        ) from None
    except IntegrityError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise Conflict(conflict_message or f"the database refused the change: {detail}") from None
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(f"database error: {detail}") from None
