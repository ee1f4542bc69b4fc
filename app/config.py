"""Where SupportDesk keeps its files, its settings, and which database it uses.

Which database, first match wins — the same order for the CLI and the desktop client
(both ask :func:`choose_database`):

1. ``--db URL`` on the command line;
2. the ``SUPPORTDESK_DB`` environment variable;
3. ``"database_url"`` in ``settings.json`` in the user config folder;
4. the default: ``sqlite:///<user data folder>/supportdesk.db``.

The desktop client adds one refinement at step 4 only: when nothing above names a
database, its login dialog offers the connection last used on this computer (see
:func:`app.connection.initial_connection`). ``SUPPORTDESK_DATA_DIR``,
``SUPPORTDESK_CONFIG_DIR`` and ``SUPPORTDESK_LOG_DIR`` move the folders.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from app.domain.errors import ValidationError
from app.private_files import private_dir, private_file

APP_NAME = "SupportDesk"
APP_AUTHOR = "SupportDesk"
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    @property
    def default_database(self) -> Path:
        return self.data_dir / "supportdesk.db"


def paths(env: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env

    def pick(var: str, default: str) -> Path:
        return Path(env[var]).expanduser() if env.get(var) else Path(default)

    return Paths(
        data_dir=pick("SUPPORTDESK_DATA_DIR", platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config_dir=pick(
            "SUPPORTDESK_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)
        ),
        log_dir=pick("SUPPORTDESK_LOG_DIR", platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def load_settings(where: Paths) -> dict[str, Any]:
    """The settings file as a dict; a missing file is empty settings, a broken one an error."""
    try:
        raw = where.settings_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ValidationError(f"cannot read settings file {where.settings_file}: {exc}") from None
    try:
        settings = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"settings file {where.settings_file} is not valid JSON (line {exc.lineno}): {exc.msg}."
        ) from None
    if not isinstance(settings, dict):
        raise ValidationError(f"settings file {where.settings_file} must hold a JSON object.")
    return settings


def save_settings(where: Paths, settings: Mapping[str, Any]) -> None:
    """Write settings atomically: a crash mid-write never leaves half a file. The file
    is the person's own (0600 in a 0700 folder): it names their servers."""
    private_dir(where.config_dir)
    tmp = where.settings_file.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with open(private_file(tmp), "w", encoding="utf-8") as out:
        out.write(json.dumps(dict(settings), indent=2, sort_keys=True))
    tmp.replace(where.settings_file)


def refuse_password_in_url(url: str) -> None:
    """A password on the command line shows in the process list and the shell's history."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return  # malformed: the database layer explains what is wrong with it
    if password:
        raise ValidationError(
            "--db URLs must not carry a password (others can see command lines). Leave it "
            "out and use the OS keyring (the desktop client's 'remember'), PGPASSFILE or "
            "~/.pgpass, the PGPASSWORD variable, or the prompt."
        )


class Source(StrEnum):
    """Which step of the order chose the database."""

    COMMAND_LINE = "--db"
    ENVIRONMENT = "SUPPORTDESK_DB"
    SETTINGS = "settings.json"
    DEFAULT = "default"


@dataclass(frozen=True)
class DatabaseChoice:
    url: str
    source: Source


def choose_database(
    cli_url: str | None = None,
    env: Mapping[str, str] | None = None,
    where: Paths | None = None,
    settings: Mapping[str, Any] | None = None,
) -> DatabaseChoice:
    """The database to open and why: ``--db`` › ``SUPPORTDESK_DB`` › settings › default.

    ``settings`` is the already loaded settings file (read from ``where`` when not given,
    and only when the first two steps did not decide).
    """
    env = os.environ if env is None else env
    where = where or paths(env)
    if cli_url:
        refuse_password_in_url(cli_url)
        return DatabaseChoice(cli_url, Source.COMMAND_LINE)
    if env.get("SUPPORTDESK_DB"):
        return DatabaseChoice(env["SUPPORTDESK_DB"], Source.ENVIRONMENT)
    configured = (load_settings(where) if settings is None else settings).get("database_url")
    if configured:
        return DatabaseChoice(str(configured), Source.SETTINGS)
    return DatabaseChoice(f"sqlite:///{where.default_database}", Source.DEFAULT)


def database_url(
    cli_url: str | None = None,
    env: Mapping[str, str] | None = None,
    where: Paths | None = None,
    settings: Mapping[str, Any] | None = None,
) -> str:
    """The URL :func:`choose_database` picks."""
    return choose_database(cli_url, env, where, settings).url
