"""Passwords (argon2) and logging in."""

from __future__ import annotations

import re
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
# not, so the answer does not reveal which names exist) and per source (where the
# attempts come from: one machine trying many names), in the database, so every desk
# and the CLI share the counts. A source gets more free mistakes (an office behind one
# address), its count starts again after a quiet hour, and a success does not clear it
# (a person with one good password cannot reset it between guesses at others').
FREE_FAILURES = 5
SOURCE_FREE_FAILURES = 20
SOURCE_QUIET = timedelta(hours=1)
FIRST_WAIT = timedelta(seconds=15)
LONGEST_WAIT = timedelta(minutes=15)


def throttle_wait(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """How long after the last failure the next attempt is refused."""
    if failures < free:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - free), LONGEST_WAIT)


def check_throttle(username: str, failures: tuple[int, datetime] | None, now: datetime) -> None:
    """Refuse, without checking the password, while ``username`` must wait."""
    _refuse_while(f"for {username!r}", failures, FREE_FAILURES, now)


def check_source_throttle(
    source: str, failures: tuple[int, datetime] | None, now: datetime
) -> None:
    """Refuse, without checking the password, while ``source`` must wait."""
    where = source.removeprefix("source:")
    _refuse_while(f"from {where}", failures, SOURCE_FREE_FAILURES, now)


def _refuse_while(
    what: str, failures: tuple[int, datetime] | None, free: int, now: datetime
) -> None:
    if failures is None:
        return
    count, last = failures
    left = last + throttle_wait(count, free) - now
    if left > timedelta(0):
        seconds = max(1, round(left.total_seconds()))
        raise AuthenticationFailed(f"too many failed logins {what}; try again in {seconds} s.")


def counts_by_name(username: str) -> bool:
    """Only a name that could be a user's is counted by name (a source never can be)."""
    return bool(USERNAME_FORM.fullmatch(username))


USERNAME_FORM = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


def refused_login(url: str, exc: BaseException, now: datetime) -> AuthenticationFailed | None:
    """Security mode: the server refused a person's password when connecting (it checks
    every attempt itself). The refusal is counted through the gate login
    (``app.persistence.security_gate``); the answer is the application's own: "wait"
    if the name or the source had to wait already — the same answer a right password
    gets then, so a guess tells nothing — else "wrong user name or password". None when
    ``exc`` is not such a refusal or there is no gate."""
    from app.persistence.security_gate import record_refused_login

    before = record_refused_login(url, exc, now)
    if before is None:
        return None
    name, by_name, by_source, source = before
    try:
        check_throttle(name, by_name, now)
        check_source_throttle(source, by_source, now)
    except AuthenticationFailed as wait:
        return wait
    return WRONG_CREDENTIALS
