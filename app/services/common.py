"""Helpers shared by the services: who is acting, turning storage errors into words, and
the one retry policy.

Busy and retry policy (the only place it is decided)
----------------------------------------------------
* **SQLite, another writer holds the lock**: every connection waits up to
  ``sqlite_busy_timeout_ms()`` (30 s, or ``SUPPORTDESK_SQLITE_BUSY_MS``;
  ``app/persistence/engine.py``) for it; write
  transactions begin ``IMMEDIATE``, so they queue at the start instead of failing halfway,
  and reads (WAL) never wait for writers. A lock held longer than that is not retried
  again: the action fails as :class:`~app.domain.errors.DatabaseBusy` — a clear message,
  exit code 2, nothing written.
* **The connection drops** (server restart, ``pg_terminate_backend``, network):
  :func:`retry_lost_connection` runs the whole action again, up to
  :data:`LOST_CONNECTION_ATTEMPTS` times with a growing pause. Reads are safe to repeat;
  writes are made safe by their idempotency key (``app/services/idempotency.py``), so a
  commit whose answer was lost is found, not repeated. When every attempt fails, the
  person gets :class:`~app.domain.errors.ConnectionLost`, which says whether the action
  was not done or may have been.
* Nothing else is retried: a conflict or a refused action is for the person to decide.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from app.domain.errors import AuthenticationFailed, ConnectionLost
from app.domain.roles import Permission, Role, require
from app.persistence.errors import storage_errors
from app.persistence.orm import User
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor

__all__ = ["acting_user", "retry_lost_connection", "storage_errors"]

R = TypeVar("R")

LOST_CONNECTION_ATTEMPTS = 5
FIRST_PAUSE_S = 0.1  # then 0.2, 0.4, 0.8: about 1.5 s in all before giving up

log = logging.getLogger("supportdesk.retry")


def retry_lost_connection(
    action: Callable[[], R], *, sleep: Callable[[float], None] = time.sleep
) -> R:
    """Run ``action``; when its connection drops, run it again (see the module notes)."""
    pause = FIRST_PAUSE_S
    for attempt in range(1, LOST_CONNECTION_ATTEMPTS + 1):
        try:
            return action()
        except ConnectionLost as exc:
            if attempt == LOST_CONNECTION_ATTEMPTS:
                raise
            log.warning("connection lost (attempt %d): %s; retrying", attempt, exc.message)
            sleep(pause)
            pause *= 2
    raise AssertionError("unreachable")  # the loop returns or raises


def acting_user(uow: UnitOfWork, actor: Actor, permission: Permission | None = None) -> User:
    """The actor's user row, re-read in this transaction, checked active and allowed."""
    user = uow.users.find_by_id(actor.user_id)
    if user is None or not user.active:
        raise AuthenticationFailed(f"user {actor.username!r} is no longer active.")
    if permission is not None:
        require(Role(user.role), permission, user.username)
    return user
