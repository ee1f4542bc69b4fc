"""Remembered secrets for the command line: the same OS keyring entries the desktop
client's "remember" writes (``ui/connection.py``), so a person who ticked it never types
a password on a command line or into an environment variable."""

from __future__ import annotations

import contextlib
import os
from urllib.parse import quote, urlsplit, urlunsplit

from app.connection import ConnectionProfile

# The desktop client's keyring service name (ui.connection.KEYRING_SERVICE).
KEYRING_SERVICE = "SupportDesk"
DB_SUFFIX = ":db"


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
