"""Passwords (argon2) and logging in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain.errors import AuthenticationFailed, ValidationError
from app.domain.roles import Role

PASSWORD_MIN = 8
PASSWORD_MAX = 1024


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting. Services re-read the user in their transaction to check rights."""

    user_id: int
    username: str
    role: Role
    full_name: str = ""


class Passwords:
    """Argon2id hashing. Tests pass a cheap hasher; production uses the library defaults."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._decoy_hash: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(check_password_rules(password))

    def verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def spend_equal_effort(self, password: str) -> None:
        """Verify against a decoy so an unknown user name takes as long as a wrong password."""
        if self._decoy_hash is None:
            self._decoy_hash = self._hasher.hash("decoy-password-never-used")
        self.verify(self._decoy_hash, password)

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)


def check_password_rules(password: str) -> str:
    if len(password) < PASSWORD_MIN:
        raise ValidationError(f"the password must have at least {PASSWORD_MIN} characters.")
    if len(password) > PASSWORD_MAX:
        raise ValidationError(f"the password must have at most {PASSWORD_MAX} characters.")
    return password


WRONG_CREDENTIALS = AuthenticationFailed("wrong user name or password.")


# Throttling: the first few mistakes are free; after that each attempt waits twice as
# long as the one before, up to a quarter of an hour. Counted per user name (known or
# not, so the answer does not reveal which names exist), in the database, so every
# desk and the CLI share the count.
FREE_FAILURES = 5
FIRST_WAIT = timedelta(seconds=15)
LONGEST_WAIT = timedelta(minutes=15)


def throttle_wait(failures: int) -> timedelta:
    """How long after the last failure the next attempt is refused."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - FREE_FAILURES), LONGEST_WAIT)


def check_throttle(username: str, failures: tuple[int, datetime] | None, now: datetime) -> None:
    """Refuse, without checking the password, while ``username`` must wait."""
    if failures is None:
        return
    count, last = failures
    left = last + throttle_wait(count) - now
    if left > timedelta(0):
        seconds = max(1, round(left.total_seconds()))
        raise AuthenticationFailed(
            f"too many failed logins for {username!r}; try again in {seconds} s."
        )
