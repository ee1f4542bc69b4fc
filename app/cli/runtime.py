"""What a CLI command handler receives, and how the acting user logs in."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.cli.output import emit_json
from app.domain.errors import AuthenticationFailed, ValidationError

if TYPE_CHECKING:
    from app.bootstrap import Services
    from app.services.auth import Actor

PASSWORD_ENV = "SUPPORTDESK_PASSWORD"
NEW_PASSWORD_ENV = "SUPPORTDESK_NEW_PASSWORD"


@dataclass
class Run:
    services: Services
    args: argparse.Namespace
    actor_: Actor | None = None

    @property
    def actor(self) -> Actor:
        if self.actor_ is None:
            raise AuthenticationFailed("this command needs --user NAME (who is acting).")
        return self.actor_

    @property
    def key(self) -> str | None:
        """``--idempotency-key``: resending a command with the same key cannot do its
        action twice. Without it, each invocation gets a fresh key from the service."""
        key: str | None = getattr(self.args, "idempotency_key", None)
        return key

    @property
    def as_json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def result(self, value: Any, text: str) -> int:
        """Print ``value`` as JSON with --json, else the human line ``text``."""
        if self.as_json:
            emit_json(value)
        else:
            print(text)
        return 0


def acting_password(username: str, url: str = "") -> str:
    """SUPPORTDESK_PASSWORD, else what the desktop client remembered in the OS keyring
    for this database (issue 11), else a prompt."""
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if url:
        from app.cli.secrets import remembered

        password = remembered(url, username)
        if password:
            return password
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {username}: ")
    raise AuthenticationFailed(
        f"no password for {username}: set {PASSWORD_ENV} or run from a terminal to be asked."
    )


def new_password(args: argparse.Namespace, whose: str) -> str:
    """The password for a user being created or changed: --password-stdin, env, or prompt."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise ValidationError("--password-stdin: no password on standard input.")
        return line
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password:
        return password
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"New password for {whose}: ")
        if getpass.getpass("Repeat it: ") != first:
            raise ValidationError("the two passwords differ; nothing was changed.")
        return first
    raise ValidationError(
        f"no password for {whose}: use --password-stdin, set {NEW_PASSWORD_ENV}, "
        "or run from a terminal to be asked."
    )
