"""Errors the services raise on purpose.

Each carries a stable ``code`` (for scripts and tests) and a message written for
the person who caused it. The CLI prints the message and exits 2; the desktop
client shows it in a dialog.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refused action or invalid input: nothing was written."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    code = "invalid"


class NotFound(DomainError):
    code = "not_found"


class PermissionDenied(DomainError):
    code = "forbidden"


class AuthenticationFailed(DomainError):
    code = "auth_failed"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class Conflict(DomainError):
    """Someone else changed the record since it was read."""

    code = "conflict"


class DatabaseUnavailable(DomainError):
    """The database cannot be opened, reached or is not ours."""

    code = "database"


class DatabaseBusy(DatabaseUnavailable):
    """Another writer held the database longer than the busy policy waits."""

    code = "database_busy"


class ConnectionLost(DatabaseUnavailable):
    """The connection to the database server dropped.

    ``committed`` says what became of the action: False — it was not done; None — the
    connection dropped while committing, so the outcome is unknown (retrying with the
    same idempotency key is safe and tells which).
    """

    code = "connection_lost"

    def __init__(self, message: str, *, committed: bool | None = False) -> None:
        super().__init__(message)
        self.committed = committed


class SchemaOutdated(DomainError):
    code = "schema_outdated"


def describe(exc: BaseException, *, sentence: bool = False) -> str:
    """The words to show a person for a failure.

    A :class:`DomainError` is its own message (written for the person who caused it);
    anything else is named as unexpected, with its type and text. ``sentence=True``
    starts the text with a capital letter, for dialogs that show it on its own.
    """
    if isinstance(exc, DomainError):
        text = exc.message
    else:
        text = f"unexpected error: {type(exc).__name__}: {exc}"
    return text[:1].upper() + text[1:] if sentence else text
