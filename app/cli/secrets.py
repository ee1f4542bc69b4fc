"""Remembered secrets for the command line: the same OS keyring entries the desktop
client's "remember" writes (``ui/connection.py``), so a person who ticked it never types
a password on a command line or into an environment variable.

The keyring is asked only when needed: ``import keyring`` loads its backends, and on
Linux the macOS one runs ``ctypes.util.find_library``, which starts ``ldconfig`` and
``gcc`` (~0.1 s of CPU and up to seconds of waiting on a loaded machine, for every
command; issue 12). So the database password is looked up only after the server has
asked for one the URL does not give (``open_with_remembered_password``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

from app.connection import ConnectionProfile

# The desktop client's keyring service name (ui.connection.KEYRING_SERVICE).
KEYRING_SERVICE = "SupportDesk"
DB_SUFFIX = ":db"
# libpq's words when the server asks for a password and the client has none to send
# (PQnoPasswordSupplied): nothing was sent, so nothing was counted as a failed login.
NO_PASSWORD_SUPPLIED = "no password supplied"

T = TypeVar("T")


def remembered(url: str, username: str, suffix: str = "") -> str | None:
    """The secret the desktop client remembered for this database and person, if any."""
    if not username:
        return None
    try:
        key = ConnectionProfile.from_url(url).secret_key(username.strip().lower()) + suffix
    except Exception:  # a malformed URL is explained later, by the database layer
        return None
    with contextlib.suppress(Exception):  # no keyring backend: nothing remembered
        import keyring

        return keyring.get_password(KEYRING_SERVICE, key)
    return None


def with_db_password(url: str, username: str | None) -> str:
    """``url`` with the remembered database password, in memory only — unless the URL,
    ``PGPASSWORD`` or a password file already provide one."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgresql") or parts.password or not username:
        return url
    if os.environ.get("PGPASSWORD") or os.environ.get("PGPASSFILE"):
        return url
    secret = remembered(url, username, DB_SUFFIX)
    if not secret or not parts.username:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    netloc = f"{parts.username}:{quote(secret, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def wants_password(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what it was raised from) is the server asking for a password
    the client did not have."""
    seen = 0
    while exc is not None and seen < 5:
        if NO_PASSWORD_SUPPLIED in str(getattr(exc, "orig", None) or exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def open_with_remembered_password(url: str, username: str | None, open_db: Callable[[str], T]) -> T:
    """``open_db(url)``; if the server wants a password the URL does not give, again with
    the one the desktop client remembered for this database and person, if any."""
    try:
        return open_db(url)
    except Exception as exc:
        if not wants_password(exc):
            raise
        remembered_url = with_db_password(url, username)
        if remembered_url == url:
            raise
    return open_db(remembered_url)
