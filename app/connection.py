"""Connections to a SupportDesk database as the desktop client offers them (Qt-free).

A :class:`ConnectionProfile` is either the embedded SQLite file or a PostgreSQL server;
profiles are plain settings and never hold a password (the login dialog keeps those in
the OS keyring, if at all). :func:`initial_connection` is the profile the login dialog
starts with, chosen in the same order as the CLI's database
(:func:`app.config.choose_database`): ``--db`` › ``SUPPORTDESK_DB`` › ``settings.json``
› the profile last used on this computer › the embedded default file.
:func:`schema_state` probes a database: blank, older/newer than this release, or current.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from app.config import DatabaseChoice, Paths, Source, choose_database, paths
from app.domain.errors import DomainError, ValidationError, describe

if TYPE_CHECKING:  # SQLAlchemy loads only when a URL is parsed: the login window comes first
    from sqlalchemy.engine import URL


class Kind(StrEnum):
    EMBEDDED = "embedded"
    POSTGRESQL = "postgresql"


SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")
# "prefer" falls back to plain text when the server offers no TLS: not sure to be encrypted.
ENCRYPTED_MODES = ("require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class ConnectionProfile:
    kind: Kind = Kind.EMBEDDED
    sqlite_path: str = ""
    host: str = "localhost"
    port: int = 5432
    database: str = "supportdesk"
    db_user: str = ""
    ssl_mode: str = "prefer"
    # The CA that signed the server's certificate (verify-ca, verify-full).
    ssl_root_cert: str = ""

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
        ca = f"&sslrootcert={quote(self.ssl_root_cert, safe='/')}" if self.ssl_root_cert else ""
        return (
            f"postgresql+psycopg://{at}{self.host.strip()}:{self.port}/"
            f"{quote(self.database.strip(), safe='')}?sslmode={self.ssl_mode}{ca}"
        )

    @property
    def encrypted(self) -> bool:
        """Whether the connection is sure to be encrypted (the embedded file needs none)."""
        return self.kind == Kind.EMBEDDED or self.ssl_mode in ENCRYPTED_MODES

    def secret_key(self, username: str) -> str:
        """The keyring entry name for this profile and SupportDesk user."""
        where = self.sqlite_path if self.kind == Kind.EMBEDDED else f"{self.host}:{self.port}"
        return f"{self.kind}:{where}/{self.database}:{username}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], default_sqlite: str) -> ConnectionProfile:
        try:
            return cls(
                kind=Kind(raw.get("kind", Kind.EMBEDDED)),
                sqlite_path=str(raw.get("sqlite_path") or default_sqlite),
                host=str(raw.get("host") or "localhost"),
                port=int(raw.get("port") or 5432),
                database=str(raw.get("database") or "supportdesk"),
                db_user=str(raw.get("db_user") or ""),
                ssl_mode=str(raw.get("ssl_mode") or "prefer"),
                ssl_root_cert=str(raw.get("ssl_root_cert") or ""),
            )
        except (ValueError, TypeError):
            return cls(sqlite_path=default_sqlite)

    @classmethod
    def from_url(cls, url: str) -> ConnectionProfile:
        """A profile for a database URL (SQLite file or PostgreSQL)."""
        parsed = _parse(url)
        if parsed.get_backend_name() == "sqlite":
            return cls(sqlite_path=parsed.database or "")
        return cls(
            kind=Kind.POSTGRESQL,
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            database=parsed.database or "supportdesk",
            db_user=parsed.username or "",
            ssl_mode=str(parsed.query.get("sslmode", "prefer")),
            ssl_root_cert=str(parsed.query.get("sslrootcert", "")),
        )


def _parse(url: str) -> URL:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url)
    except ArgumentError:
        raise ValidationError(f"{url!r} is not a database URL.") from None


# -- the login dialog's first profile ------------------------------------------------------


@dataclass(frozen=True)
class InitialConnection:
    profile: ConnectionProfile
    # The password a URL from --db, SUPPORTDESK_DB or the settings carried, if any.
    db_password: str = ""
    # Which step chose it; None for the profile last used on this computer.
    source: Source | None = Source.DEFAULT
    # Why a step could not be followed (say, a broken settings file), for the dialog.
    problem: str = ""


def initial_connection(
    cli_url: str | None,
    remembered: Mapping[str, Any] | None = None,
    *,
    default_sqlite: str = "",
    env: Mapping[str, str] | None = None,
    where: Paths | None = None,
) -> InitialConnection:
    """The profile the login dialog starts with: ``--db`` › ``SUPPORTDESK_DB`` ›
    ``settings.json`` › ``remembered`` (last used here) › the embedded ``default_sqlite``
    (by default the file in the user data folder). Never raises: a step that cannot be
    followed is skipped and said in ``problem``."""
    where = where or paths(env)
    default_sqlite = default_sqlite or str(where.default_database)
    problem = ""
    try:
        choice = choose_database(cli_url, env, where)
        if choice.source is not Source.DEFAULT:
            profile = ConnectionProfile.from_url(choice.url)
            if profile.kind == Kind.POSTGRESQL:  # the embedded page still offers a file
                profile = replace(profile, sqlite_path=default_sqlite)
            password = _parse(choice.url).password or ""
            return InitialConnection(profile, password, choice.source)
    except DomainError as exc:
        problem = describe(exc, sentence=True)
        choice = DatabaseChoice("", Source.DEFAULT)
    if remembered:
        return InitialConnection(
            ConnectionProfile.from_dict(remembered, default_sqlite), source=None, problem=problem
        )
    return InitialConnection(
        ConnectionProfile(sqlite_path=default_sqlite), source=choice.source, problem=problem
    )


# -- probing -------------------------------------------------------------------------------


class SchemaState(StrEnum):
    BLANK = "blank"  # no SupportDesk schema at all: a first run can set it up
    OUTDATED = "outdated"  # an older schema (`supportdesk init`) or a newer one
    CURRENT = "current"


def schema_state(url: str) -> SchemaState:
    """What is in the database at ``url`` (a missing SQLite file is created, empty)."""
    from app.persistence import migrations
    from app.persistence.database import Database

    db = Database.open(url, create=True)
    try:
        state = migrations.state(db.engine)
    finally:
        db.dispose()
    if not state.current:
        return SchemaState.BLANK
    return SchemaState.CURRENT if state.is_current else SchemaState.OUTDATED
