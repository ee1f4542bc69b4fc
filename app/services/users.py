"""Users: the first administrator, adding people, passwords, logging in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from app.domain.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.domain.roles import DEFAULT_DEPARTMENT, Department, Permission, Role
from app.domain.tickets import clean_text, parse_enum
from app.persistence.orm import User
from app.services.auth import (
    SOURCE_QUIET,
    WRONG_CREDENTIALS,
    Actor,
    check_source_throttle,
    check_throttle,
    counts_by_name,
)
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.dto import UserView

USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


def clean_username(value: str) -> str:
    name = (value or "").strip().lower()
    if not USERNAME_RE.fullmatch(name):
        raise ValidationError(
            f"invalid user name {value!r}: 2-64 characters, lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter."
        )
    return name


class UserService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def login(self, username: str, password: str) -> Actor:
        """Check a person's password; throttled after repeated failures.

        The slow argon2 check runs outside any transaction: the user is read in a read
        transaction, and only a failure (counted), the first success after failures
        (cleared) or an outdated hash (re-hashed) writes, in a short transaction of its own.
        So logging in never holds SQLite's write lock while it hashes.
        """
        name = (username or "").strip().lower()
        with self.ctx.db.unit_of_work(write=False) as uow:
            # PostgreSQL security mode: the server checked this person's own login.
            person = uow.security.session_person()
            user = uow.users.find(name)
            found = (
                None
                if user is None or not user.active
                else Actor(user.id, user.username, Role(user.role), user.full_name)
            )
            stored_hash = (
                user.password_hash
                if user is not None and found is not None and person is None
                else None
            )
            failures = uow.logins.failures(name)
            source = uow.logins.source()
            from_source = uow.logins.failures(source)
        now = self.ctx.clock.now()
        # Both modes: while the name or the source must wait, even a right password is
        # refused (in security mode the server checked it; the gate counted failures).
        check_throttle(name, failures, now)
        check_source_throttle(source, from_source, now)
        if person is not None:
            actor = _database_login(name, person, found)
            if failures:
                self._clear_failures(name)
            return actor
        if found is None or stored_hash is None:
            self.ctx.passwords.spend_equal_effort(password)  # unknown or inactive: same time
            ok = False
        else:
            ok = self.ctx.passwords.verify(stored_hash, password)
        if not ok or found is None or stored_hash is None:
            self._count_failure(name, source, now)
            raise WRONG_CREDENTIALS
        rehash = self.ctx.passwords.needs_rehash(stored_hash)
        if failures or rehash:
            new_hash = self.ctx.passwords.hash(password) if rehash else None
            with self.ctx.db.unit_of_work() as uow, storage_errors():
                uow.logins.clear(name)
                if new_hash is not None:
                    uow.users.get(name).password_hash = new_hash
                uow.commit()
        return found

    def _count_failure(self, name: str, source: str, now: datetime) -> None:
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            if counts_by_name(name):
                uow.logins.count_failure(name, now)
            uow.logins.count_failure(source, now, restart_before=now - SOURCE_QUIET)
            uow.commit()

    def _clear_failures(self, name: str) -> None:
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            uow.logins.clear(name)
            uow.commit()

    def connection_encrypted(self) -> bool | None:
        """Whether the database connection is encrypted (None: the embedded file)."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            return uow.security.connection_encrypted()

    def security_mode(self) -> bool:
        """Whether this is a PostgreSQL database set up by ``admin setup-roles``."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            return uow.security.enabled()

    def setup_security(self) -> list[str]:
        """PostgreSQL security mode: groups, grants and login functions (run by the owner;
        idempotent). SQLite is one person's file: there is nothing to set up."""
        if self.ctx.db.dialect != "postgresql":
            raise ValidationError(
                "security mode is for PostgreSQL; a SQLite database is one person's file "
                "(protect it with the file's permissions)."
            )
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            done = uow.security.setup()
            uow.commit()
            return done

    def has_users(self) -> bool:
        with self.ctx.db.unit_of_work(write=False) as uow:
            return uow.users.count() > 0

    def create_first_admin(self, username: str, password: str, full_name: str = "") -> UserView:
        """Create the administrator of an empty database; refused once anyone exists."""
        # Hashing takes ~0.4 s: done before the write transaction, never while holding it.
        digest = self.ctx.passwords.hash(password)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            if uow.users.count() > 0:
                raise PermissionDenied(
                    "this database already has users; an administrator adds new ones."
                )
            user = self._new_user(username, digest, Role.ADMIN, None, full_name, "")
            uow.users.add(user)
            uow.security.create_login(user.username, password, Role.ADMIN.value)
            uow.commit()
            return UserView.of(user)

    def add_user(
        self,
        actor: Actor,
        *,
        username: str,
        password: str,
        role: str,
        department: str | None = None,
        full_name: str = "",
        email: str = "",
    ) -> UserView:
        parsed_role = parse_enum(Role, "role", role)
        digest = self.ctx.passwords.hash(password)  # before the write transaction
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_USERS)
            user = self._new_user(username, digest, parsed_role, department, full_name, email)
            if uow.users.find(user.username) is not None:
                raise ValidationError(f"a user named {user.username!r} already exists.")
            uow.users.add(user)
            # Security mode: the person's own database login, in their role's group.
            uow.security.create_login(user.username, password, parsed_role.value)
            uow.commit()
            return UserView.of(user)

    def list_users(self, actor: Actor) -> list[UserView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            users: Sequence[User] = uow.users.list()
            return [UserView.of(u) for u in users]

    def set_password(self, actor: Actor, username: str, new_password: str) -> None:
        """Admins set anyone's password; everyone else only their own."""
        digest = self.ctx.passwords.hash(new_password)  # before the write transaction
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor)
            target = uow.users.get(clean_username(username))
            if target.id != me.id:
                acting_user(uow, actor, Permission.MANAGE_USERS)
            target.password_hash = digest
            # Security mode: the database login's password too; its open sessions end.
            uow.security.set_login_password(target.username, new_password, target.role)
            uow.commit()

    def _new_user(  # noqa: PLR0917 - private helper, positional by design
        self,
        username: str,
        password_hash: str,
        role: Role,
        department: str | None,
        full_name: str,
        email: str,
    ) -> User:
        dept = (
            parse_enum(Department, "department", department)
            if department
            else DEFAULT_DEPARTMENT[role]
        )
        email = clean_text("e-mail", email, max_len=254, required=False)
        if email and "@" not in email:
            raise ValidationError(f"invalid e-mail address {email!r}.")
        return User(
            username=clean_username(username),
            full_name=clean_text("full name", full_name, max_len=200, required=False),
            email=email,
            role=role.value,
            department=dept.value,
            password_hash=password_hash,
            active=True,
            created_at=self.ctx.clock.now(),
        )

    # -- administration (desktop client's People section) ---------------------------------

    def edit_user(
        self,
        actor: Actor,
        username: str,
        *,
        role: str | None = None,
        email: str | None = None,
        full_name: str | None = None,
    ) -> UserView:
        """Change a person's role, e-mail or name (``None`` keeps it)."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_USERS)
            target = uow.users.get(clean_username(username))
            if role is not None:
                new_role = parse_enum(Role, "role", role)
                if target.role == Role.ADMIN and new_role != Role.ADMIN:
                    self._keep_an_admin(uow.users.list(), target)
                if new_role.value != target.role:
                    target.role = new_role.value
                    uow.security.set_login_group(target.username, new_role.value)
                    target.department = DEFAULT_DEPARTMENT[new_role].value
            if email is not None:
                email = clean_text("e-mail", email, max_len=254, required=False)
                if email and "@" not in email:
                    raise ValidationError(f"invalid e-mail address {email!r}.")
                target.email = email
            if full_name is not None:
                target.full_name = clean_text("full name", full_name, max_len=200, required=False)
            uow.commit()
            return UserView.of(target)

    def set_active(self, actor: Actor, username: str, active: bool) -> UserView:
        """Deactivate (they can no longer log in; their history stays) or reactivate."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor, Permission.MANAGE_USERS)
            target = uow.users.get(clean_username(username))
            if not active and target.id == me.id:
                raise ValidationError("you cannot deactivate yourself; ask another admin.")
            if not active and target.role == Role.ADMIN:
                self._keep_an_admin(uow.users.list(), target)
            target.active = active
            # Security mode: the login is revoked (and its sessions end) or restored.
            uow.security.set_login_active(target.username, active)
            uow.commit()
            return UserView.of(target)

    @staticmethod
    def _keep_an_admin(users: Sequence[User], leaving: User) -> None:
        others = [u for u in users if u.role == Role.ADMIN and u.active and u.id != leaving.id]
        if not others:
            raise ValidationError(f"{leaving.username} is the last active administrator.")


def _database_login(name: str, person: str, found: Actor | None) -> Actor:
    """Security mode: the connection's own login names the person; no second password."""
    if name != person:
        raise AuthenticationFailed(
            f"this connection is the database login {person!r}; log in as {person}."
        )
    if found is None:
        raise WRONG_CREDENTIALS
    return found
