"""Logging in and first-run set-up, as plain functions the login dialog runs off the
GUI thread (Qt-free). Every failure becomes a sentence for the dialog, never a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from app.connection import ConnectionProfile, Kind, SchemaState, schema_state
from app.domain.errors import DomainError, SchemaOutdated, describe

if TYPE_CHECKING:  # services load on the worker thread at the first login, not at start-up
    from app.bootstrap import Services
    from app.services.auth import Actor, Passwords

log = logging.getLogger("supportdesk.ui")


class Outcome(StrEnum):
    OK = "ok"
    FIRST_RUN = "first_run"
    ERROR = "error"


@dataclass
class LoginResult:
    outcome: Outcome
    message: str = ""
    services: Services | None = None
    actor: Actor | None = None
    url: str = ""


def plain_error(exc: BaseException) -> str:
    """A sentence for the user; details of unexpected errors go to the log."""
    if isinstance(exc, DomainError):
        return describe(exc, sentence=True)
    log.exception("unexpected error while connecting", exc_info=exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"Something went wrong while connecting: {first}"


def attempt_login(
    profile: ConnectionProfile,
    username: str,
    password: str,
    *,
    db_password: str = "",
    passwords: Passwords | None = None,
) -> LoginResult:
    """Open the database and log in; an empty embedded database asks for first-run set-up."""
    from app.bootstrap import load_all_models, open_services

    try:
        load_all_models()  # the login window's warm-up imports beside this thread
        url = profile.url(db_password)
        embedded = profile.kind == Kind.EMBEDDED
        try:
            services = open_services(url, create=embedded, passwords=passwords)
        except SchemaOutdated:
            if embedded and schema_state(url) is SchemaState.BLANK:
                return LoginResult(Outcome.FIRST_RUN, url=url)
            raise
        try:
            if not services.users.has_users():
                if embedded:
                    services.db.dispose()
                    return LoginResult(Outcome.FIRST_RUN, url=url)
                raise DomainError(
                    "this database has no users yet; ask your administrator to create one."
                )
            if not username.strip():
                raise DomainError("enter your user name.")
            actor = services.users.login(username, password)
        except BaseException:
            services.db.dispose()
            raise
        return LoginResult(Outcome.OK, services=services, actor=actor, url=url)
    except Exception as exc:
        return LoginResult(Outcome.ERROR, message=plain_error(exc))


def first_run_setup(
    url: str,
    *,
    admin_name: str,
    admin_password: str,
    load_demo: bool,
    passwords: Passwords | None = None,
) -> LoginResult:
    """Create the schema, then the administrator or the demo data set, and log in."""
    from app.bootstrap import demo_services, open_services
    from app.services import demo as demo_data

    try:
        services = open_services(url, create=True, require_schema=False, passwords=passwords)
        try:
            services.db.upgrade()
            if load_demo:
                demo_data.load_demo(*demo_services(services))
                admin_name, admin_password = "admin", demo_data.DEMO_PASSWORD
            else:
                services.users.create_first_admin(admin_name, admin_password)
            actor = services.users.login(admin_name, admin_password)
        except BaseException:
            services.db.dispose()
            raise
        return LoginResult(Outcome.OK, services=services, actor=actor, url=url)
    except Exception as exc:
        return LoginResult(Outcome.ERROR, message=plain_error(exc))
