"""PostgreSQL security mode as the services see it (``uow.security``): whether it is on,
who the session's login is, and the controlled actions on logins. On SQLite (single
site, one person's file) security mode is off and every method is a no-op."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.persistence.security_roles import group_of, setup_roles


class SecurityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._enabled: bool | None = None

    def enabled(self) -> bool:
        """PostgreSQL, and ``admin setup-roles`` ran on this database (its functions are
        per database; the groups are shared by the server's databases)."""
        if self._enabled is None:
            self._enabled = self.session.get_bind().dialect.name == "postgresql" and bool(
                self.session.scalar(
                    text("SELECT to_regprocedure('supportdesk_is_person(text)') IS NOT NULL")
                )
            )
        return self._enabled

    def session_person(self) -> str | None:
        """The login of this connection if it is a SupportDesk person (not the owner)."""
        if not self.enabled():
            return None
        name, person = self.session.execute(
            text("SELECT session_user, supportdesk_is_person(session_user)")
        ).one()
        return str(name) if person else None

    def connection_encrypted(self) -> bool | None:
        """Whether this PostgreSQL connection uses TLS (None: an embedded file)."""
        if self.session.get_bind().dialect.name != "postgresql":
            return None
        used = self.session.scalar(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
        return bool(used)

    def setup(self) -> list[str]:
        return setup_roles(self.session.connection())

    def create_login(self, username: str, password: str, role: str) -> None:
        self._call("supportdesk_create_login(:n, :p, :g)", n=username, p=password, g=group_of(role))

    def set_login_group(self, username: str, role: str) -> None:
        self._call("supportdesk_set_login_group(:n, :g)", n=username, g=group_of(role))

    def set_login_active(self, username: str, active: bool) -> None:
        self._call("supportdesk_set_login_active(:n, :a)", n=username, a=active)

    def set_login_password(self, username: str, password: str, role: str) -> None:
        """New password (open sessions end); a person without a login yet — a database
        first used with one shared login — gets one now, in their role's group."""
        if not self.enabled():
            return
        exists = self.session.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": username}
        )
        if exists:
            self._call("supportdesk_set_login_password(:n, :p)", n=username, p=password)
        else:
            self.create_login(username, password, role)

    def _call(self, function: str, **params: object) -> None:
        if self.enabled():
            self.session.execute(text(f"SELECT {function}"), params)
