"""Idempotency keys: a user action done once, however often it is sent.

The GUI makes one key per click and the CLI one per invocation (or takes
``--idempotency-key``). The action records ``(user, key) → result`` in its own
transaction, after checking — in that same transaction, before anything else — that the
key is new. So when a connection drops while committing and the outcome is unknown, the
retry either finds the key (the first attempt committed: its result comes back, nothing
is done twice) or does not (nothing was written: the action runs now).

:func:`idempotent` wraps a service method with that and with the retry policy of
:mod:`app.services.common`.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from app.domain.errors import ValidationError
from app.persistence.orm import User
from app.persistence.orm_faults import IdempotencyKey
from app.persistence.unit_of_work import UnitOfWork
from app.services.common import retry_lost_connection

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

KEY_RE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def new_key() -> str:
    """A fresh key for one user action."""
    return uuid.uuid4().hex


def clean_key(value: str) -> str:
    key = (value or "").strip()
    if not KEY_RE.fullmatch(key):
        raise ValidationError(
            f"invalid idempotency key {value!r}: 8-64 letters, digits, '.', '_', ':' or '-'."
        )
    return key


class Replayed(Exception):
    """Raised inside an action whose key was already used: ``result`` is what it returned
    the first time (built inside the replaying transaction)."""

    def __init__(self, result: Any) -> None:
        super().__init__("replayed")
        self.result = result


@dataclass(frozen=True, slots=True)
class ActionKey:
    action: str  # the service method's name: a key is scoped to one kind of action
    key: str
    # A key this process just drew (uuid4) on the call's first attempt: nobody can have
    # recorded it yet, so looking it up is a statement that cannot find anything. A
    # retry, or a key the caller gave, is always looked up.
    fresh: bool = False


# The key of the action running in this thread (or task), set by :func:`idempotent` for
# the length of one call. A context variable rather than a parameter threaded through
# every building block: the desk runs actions on several worker threads at once.
_CURRENT: ContextVar[ActionKey | None] = ContextVar("supportdesk_action_key", default=None)


def may_be_recorded() -> bool:
    """Whether :func:`recorded` could find anything (it reads only then): a key the
    caller gave, or a retry."""
    current = _CURRENT.get()
    return current is not None and not current.fresh


def recorded(uow: UnitOfWork, me: User) -> dict[str, Any] | None:
    """The recorded result of the running action's key, or None on its first use.

    The same key sent for another kind of action is a mistake in the caller: refused,
    never answered with the other action's result.
    """
    current = _CURRENT.get()
    if current is None or current.fresh:
        return None
    row = uow.idempotency.find(me.id, current.key)
    if row is None:
        return None
    if row.action != current.action:
        raise ValidationError(
            f"idempotency key {current.key!r} was already used for {row.action!r}, "
            f"not {current.action!r}; use a new key for each action."
        )
    result: dict[str, Any] = json.loads(row.result)
    return result


def record(uow: UnitOfWork, me: User, result: dict[str, Any], now: datetime) -> None:
    """Remember, in this transaction, that the running action produced ``result``."""
    current = _CURRENT.get()
    if current is None:
        return
    uow.idempotency.add(
        IdempotencyKey(
            user_id=me.id,
            key=current.key,
            action=current.action,
            result=json.dumps(result),
            created_at=now,
        )
    )


def idempotent(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """Give ``method`` an idempotency key — the caller's ``idempotency_key=``, or a fresh
    one for this call — and run it under
    :func:`~app.services.common.retry_lost_connection`. The method's own building blocks
    (``TicketActions._change``, ``open_ticket``) check and record the key through
    :func:`recorded` / :func:`record`; a :class:`Replayed` answer is the result."""
    action = method.__name__

    @functools.wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        given = kwargs.pop("idempotency_key", None)
        key = clean_key(str(given)) if given else new_key()
        attempts = 0

        def attempt() -> R:
            nonlocal attempts
            attempts += 1
            fresh = not given and attempts == 1
            token = _CURRENT.set(ActionKey(action, key, fresh))
            try:
                return method(self, *args, **kwargs)
            except Replayed as done:
                return cast(R, done.result)
            finally:
                _CURRENT.reset(token)

        return retry_lost_connection(attempt)

    return wrapper
