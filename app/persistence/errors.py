"""Database errors raised inside a service call, turned into domain errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import Conflict, DatabaseUnavailable, DomainError


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
