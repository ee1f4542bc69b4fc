"""Connection profiles and remembered secrets (Qt-free).

A profile is either the embedded SQLite database or a PostgreSQL server. Profiles are
plain settings; passwords are only remembered through the OS keyring, and only when a
real keyring backend is available — never in a settings file.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from app.domain.errors import ValidationError

KEYRING_SERVICE = "SupportDesk"


class Kind(StrEnum):
    EMBEDDED = "embedded"
    POSTGRESQL = "postgresql"


SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


@dataclass(frozen=True)
class ConnectionProfile:
    kind: Kind = Kind.EMBEDDED
    sqlite_path: str = ""
    host: str = "localhost"
    port: int = 5432
    database: str = "supportdesk"
    db_user: str = ""
    ssl_mode: str = "prefer"

    def url(self, db_password: str = "") -> str:
        """The SQLAlchemy URL; the database password is only part of it in memory."""
        if self.kind == Kind.EMBEDDED:
            if not self.sqlite_path:
                raise ValidationError("choose where the embedded database file lives.")
            return f"sqlite:///{self.sqlite_path}"
        if not self.host.strip():
            raise ValidationError("the PostgreSQL server needs a host name.")
        if not 1 <= self.port <= 65535:
            raise ValidationError(f"port must be between 1 and 65535; got {self.port}.")
        if self.ssl_mode not in SSL_MODES:
            raise ValidationError(f"unknown TLS mode {self.ssl_mode!r}.")
        auth = quote(self.db_user, safe="")
        if db_password:
            auth += ":" + quote(db_password, safe="")
        at = f"{auth}@" if auth else ""
        return (
            f"postgresql+psycopg://{at}{self.host.strip()}:{self.port}/"
            f"{quote(self.database.strip(), safe='')}?sslmode={self.ssl_mode}"
        )

    def secret_key(self, username: str) -> str:
        """The keyring entry name for this profile and SupportDesk user."""
        where = self.sqlite_path if self.kind == Kind.EMBEDDED else f"{self.host}:{self.port}"
        return f"{self.kind}:{where}/{self.database}:{username}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value}

    @classmethod
    def from_dict(cls, raw: dict[str, Any], default_sqlite: str) -> ConnectionProfile:
        try:
            return cls(
                kind=Kind(raw.get("kind", Kind.EMBEDDED)),
                sqlite_path=str(raw.get("sqlite_path") or default_sqlite),
                host=str(raw.get("host") or "localhost"),
                port=int(raw.get("port") or 5432),
                database=str(raw.get("database") or "supportdesk"),
                db_user=str(raw.get("db_user") or ""),
                ssl_mode=str(raw.get("ssl_mode") or "prefer"),
            )
        except (ValueError, TypeError):
            return cls(sqlite_path=default_sqlite)

    @classmethod
    def from_url(cls, url: str) -> ConnectionProfile:
        """A profile for an explicit ``--db`` URL (SQLite file or PostgreSQL)."""
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return cls(sqlite_path=parsed.database or "")
        return cls(
            kind=Kind.POSTGRESQL,
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            database=parsed.database or "supportdesk",
            db_user=parsed.username or "",
            ssl_mode=str(parsed.query.get("sslmode", "prefer")),
        )


class SecretStore:
    """The OS keyring when one is really there; otherwise remembering is unavailable."""

    def __init__(self) -> None:
        self._keyring: Any = None
        try:
            import keyring
            from keyring.backends import fail, null

            backend = keyring.get_keyring()
            if not isinstance(backend, fail.Keyring | null.Keyring) and backend.priority > 0:
                self._keyring = keyring
        except Exception:  # any import or backend problem: just do not offer it
            self._keyring = None

    @property
    def available(self) -> bool:
        return self._keyring is not None

    def get(self, key: str) -> str | None:
        if not self._keyring:
            return None
        try:
            return self._keyring.get_password(KEYRING_SERVICE, key)
        except Exception:
            return None

    def set(self, key: str, secret: str) -> bool:
        if not self._keyring:
            return False
        try:
            self._keyring.set_password(KEYRING_SERVICE, key, secret)
            return True
        except Exception:
            return False

    def forget(self, key: str) -> None:
        if self._keyring:
            with contextlib.suppress(Exception):
                self._keyring.delete_password(KEYRING_SERVICE, key)
