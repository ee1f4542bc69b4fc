"""Database errors raised inside a service call, turned into domain errors.

Two layers use this module:

* :class:`~app.persistence.unit_of_work.UnitOfWork` passes every exception leaving its
  block through :func:`translate_operational`, so *every* service call — reads too —
  reports a busy database or a dropped connection in plain words, never as
  ``OperationalError … [SQL …]``.
* :func:`storage_errors` additionally turns constraint and version races into
  :class:`Conflict` for the write actions that expect them.

The classification lives in :func:`classify` and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import (
    Conflict,
    ConnectionLost,
    DatabaseBusy,
    DatabaseUnavailable,
    DomainError,
    PermissionDenied,
    ValidationError,
)
from app.persistence.engine import sqlite_busy_timeout_ms


class Failure(Enum):
    """What kind of trouble a database exception means for the action."""

    BUSY = "busy"  # SQLite: another writer held the lock past the busy timeout
    RACE = "race"  # PostgreSQL: deadlock or serialization failure; nothing was written
    CONNECTION = "connection"  # the connection dropped or the server is unreachable
    BAD_TEXT = "bad_text"  # a value the engine cannot store: NUL (PostgreSQL), lone surrogates
    OTHER = "other"


# SQLSTATEs PostgreSQL uses for "your transaction lost a race; run it again".
_PG_RACE_STATES = frozenset({"40001", "40P01"})
# Texts of the drivers' "the connection is gone" errors that SQLAlchemy does not flag.
_CONNECTION_WORDS = (
    "terminating connection",
    "server closed the connection",
    "connection is closed",
    "connection refused",
    "connection failed",
    "consuming input failed",
    "could not receive data",
    "could not send data",
    "the connection is lost",
    "no connection to the server",
    "ssl connection has been closed",
)


def classify(exc: BaseException) -> Failure:
    # Services refuse such text first (app/domain/tickets.check_characters); this catches
    # the places a value reaches a query unchecked (a search word, a looked-up name).
    if isinstance(exc, UnicodeError) or (
        isinstance(exc, StatementError) and isinstance(exc.orig, UnicodeError)
    ):
        return Failure.BAD_TEXT
    if not isinstance(exc, DBAPIError):
        return Failure.OTHER
    if exc.connection_invalidated:
        return Failure.CONNECTION
    return _by_driver_error(exc.orig if exc.orig is not None else exc)


def _by_driver_error(orig: BaseException) -> Failure:
    detail = str(orig).lower()
    if getattr(orig, "sqlstate", None) in _PG_RACE_STATES:
        return Failure.RACE
    if type(orig).__module__.startswith("sqlite3") and ("locked" in detail or "busy" in detail):
        return Failure.BUSY
    if "cannot contain nul" in detail:
        return Failure.BAD_TEXT
    if any(words in detail for words in _CONNECTION_WORDS):
        return Failure.CONNECTION
    return Failure.OTHER


def translate_operational(exc: BaseException, *, committing: bool = False) -> DomainError | None:
    """The domain error for a busy database or a lost connection; None for anything else.

    ``committing``: the failure happened during COMMIT, so whether the change was made is
    unknown (:attr:`ConnectionLost.committed` is None).
    """
    kind = classify(exc)
    if kind is Failure.BAD_TEXT:
        return ValidationError(
            "the text contains a NUL character or broken Unicode (a lone surrogate), which "
            "cannot be stored or searched for; remove it and try again."
        )
    if kind is Failure.BUSY:
        seconds = sqlite_busy_timeout_ms() / 1000
        return DatabaseBusy(
            f"the database is busy: another program held it for more than {seconds:g} s. "
            "Nothing was written; try again in a moment."
        )
    if kind is Failure.RACE:
        return Conflict(
            "another desk changed the same records at the same moment; nothing was written. "
            "Try again."
        )
    if kind is Failure.CONNECTION:
        if committing:
            return ConnectionLost(
                "connection to the database lost while saving: the change may or may not "
                "have been saved. Retrying the same action is safe (it will not be done twice).",
                committed=None,
            )
        return ConnectionLost(
            "connection to the database lost; nothing was saved. Try again when it is back.",
            committed=False,
        )
    return None


@contextmanager
def storage_errors(conflict_message: str = "") -> Iterator[None]:
    """Translate database errors raised inside a service call into domain errors.

    A stale ticket version becomes :class:`Conflict`; a unique-constraint race becomes
    a :class:`Conflict` too; a busy database or a lost connection becomes
    :class:`DatabaseBusy` / :class:`ConnectionLost`; anything else the database refuses
    becomes :class:`DatabaseUnavailable` with the driver's first line.
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
    except StatementError as exc:  # DBAPIError, and values the driver could not send
        translated = translate_operational(exc)
        if translated is not None:
            raise translated from None
        if not isinstance(exc, DBAPIError):
            raise  # a programming error, not the database's answer
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if getattr(exc.orig, "sqlstate", None) == "42501":
            # PostgreSQL security mode: the database itself refused (docs/security.md).
            raise PermissionDenied(f"the database refused: {detail}.") from None
        raise DatabaseUnavailable(f"database error: {detail}") from None
