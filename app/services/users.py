"""Users: the first administrator, adding people, passwords, logging in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.roles import DEFAULT_DEPARTMENT, Department, Permission, Role
from app.domain.tickets import clean_text, parse_enum
from app.persistence.orm import User
from app.services.auth import WRONG_CREDENTIALS, Actor
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
        with self.ctx.db.unit_of_work() as uow:
            user = uow.users.find((username or "").strip().lower())
            if user is None:
                self.ctx.passwords.spend_equal_effort(password)
                raise WRONG_CREDENTIALS
            if not user.active or not self.ctx.passwords.verify(user.password_hash, password):
                raise WRONG_CREDENTIALS
            if self.ctx.passwords.needs_rehash(user.password_hash):
                user.password_hash = self.ctx.passwords.hash(password)
                uow.commit()
            return Actor(user.id, user.username, Role(user.role), user.full_name)

    def has_users(self) -> bool:
        with self.ctx.db.unit_of_work(write=False) as uow:
            return uow.users.count() > 0

    def create_first_admin(self, username: str, password: str, full_name: str = "") -> UserView:
        """Create the administrator of an empty database; refused once anyone exists."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            if uow.users.count() > 0:
                raise PermissionDenied(
                    "this database already has users; an administrator adds new ones."
                )
            user = self._new_user(username, password, Role.ADMIN, None, full_name, "")
            uow.users.add(user)
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
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_USERS)
            parsed_role = parse_enum(Role, "role", role)
            user = self._new_user(username, password, parsed_role, department, full_name, email)
            if uow.users.find(user.username) is not None:
                raise ValidationError(f"a user named {user.username!r} already exists.")
            uow.users.add(user)
            uow.commit()
            return UserView.of(user)

    def list_users(self, actor: Actor) -> list[UserView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            users: Sequence[User] = uow.users.list()
            return [UserView.of(u) for u in users]

    def set_password(self, actor: Actor, username: str, new_password: str) -> None:
        """Admins set anyone's password; everyone else only their own."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor)
            target = uow.users.get(clean_username(username))
            if target.id != me.id:
                acting_user(uow, actor, Permission.MANAGE_USERS)
            target.password_hash = self.ctx.passwords.hash(new_password)
            uow.commit()

    def _new_user(  # noqa: PLR0917 - private helper, positional by design
        self,
        username: str,
        password: str,
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
            password_hash=self.ctx.passwords.hash(password),
            active=True,
            created_at=self.ctx.clock.now(),
        )
