"""Which database SupportDesk opens: --db › SUPPORTDESK_DB › settings file › default,
for the CLI and for the desktop client's login dialog alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import (
    DatabaseChoice,
    Source,
    choose_database,
    database_url,
    paths,
    save_settings,
)
from app.connection import ConnectionProfile, InitialConnection, Kind, initial_connection
from app.domain.errors import ValidationError


def test_resolution_order(tmp_path: Path) -> None:
    env = {
        "SUPPORTDESK_DATA_DIR": str(tmp_path / "data"),
        "SUPPORTDESK_CONFIG_DIR": str(tmp_path / "config"),
        "SUPPORTDESK_LOG_DIR": str(tmp_path / "log"),
    }
    where = paths(env)
    assert database_url(None, env, where) == f"sqlite:///{tmp_path / 'data' / 'supportdesk.db'}"
    save_settings(where, {"database_url": "postgresql://team@db/supportdesk"})
    assert database_url(None, env, where) == "postgresql://team@db/supportdesk"
    env["SUPPORTDESK_DB"] = "sqlite:///from-env.db"
    assert database_url(None, env, where) == "sqlite:///from-env.db"
    assert database_url("sqlite:///from-cli.db", env, where) == "sqlite:///from-cli.db"


def test_broken_settings_file_is_reported(tmp_path: Path) -> None:
    env = {"SUPPORTDESK_CONFIG_DIR": str(tmp_path)}
    (tmp_path / "settings.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        database_url(None, env, paths(env))


def test_choose_database_says_which_step_decided(tmp_path: Path) -> None:
    env = {"SUPPORTDESK_DATA_DIR": str(tmp_path / "data")}
    where = paths(env)
    assert choose_database(None, env, where, {}).source is Source.DEFAULT
    settings = {"database_url": "sqlite:///team.db"}
    assert choose_database(None, env, where, settings) == DatabaseChoice(
        "sqlite:///team.db", Source.SETTINGS
    )
    env["SUPPORTDESK_DB"] = "sqlite:///env.db"
    assert choose_database(None, env, where, settings).source is Source.ENVIRONMENT
    assert choose_database("sqlite:///cli.db", env, where, settings).source is Source.COMMAND_LINE


# The desktop client's first connection follows the same order (issue 10: it used to
# ignore SUPPORTDESK_DB and settings.json), with the profile last used on this computer
# between the settings file and the default.

REMEMBERED = {"kind": "postgresql", "host": "last-used.example", "db_user": "ana"}


def test_the_gui_starts_with_the_env_database(tmp_path: Path) -> None:
    env = _dirs(tmp_path) | {"SUPPORTDESK_DB": f"sqlite:///{tmp_path / 'from-env.db'}"}
    save_settings(paths(env), {"database_url": "postgresql://team@db.example/desk"})
    first = initial_connection(None, REMEMBERED, env=env)
    assert first.source is Source.ENVIRONMENT
    assert first.profile == ConnectionProfile(sqlite_path=str(tmp_path / "from-env.db"))
    assert first.profile.url() == env["SUPPORTDESK_DB"]
    assert first.problem == ""


def test_the_gui_starts_with_the_settings_database(tmp_path: Path) -> None:
    env = _dirs(tmp_path)
    url = "postgresql://team:s%40cret@db.example:5433/desk?sslmode=require"
    save_settings(paths(env), {"database_url": url})
    first = initial_connection(None, REMEMBERED, env=env)
    assert first.source is Source.SETTINGS
    profile = first.profile
    assert (profile.kind, profile.host, profile.port, profile.database, profile.db_user) == (
        Kind.POSTGRESQL,
        "db.example",
        5433,
        "desk",
        "team",
    )
    assert profile.ssl_mode == "require"
    assert first.db_password == "s@cret"  # in memory for the dialog, never in the profile
    assert "s@cret" not in str(profile.to_dict())
    # The embedded page still offers the default file.
    assert profile.sqlite_path == str(tmp_path / "data" / "supportdesk.db")


def test_the_gui_order_is_cli_env_settings_remembered_default(tmp_path: Path) -> None:
    env = _dirs(tmp_path)
    default = ConnectionProfile(sqlite_path=str(tmp_path / "data" / "supportdesk.db"))
    assert initial_connection(None, None, env=env) == InitialConnection(default)
    remembered = initial_connection(None, REMEMBERED, env=env)
    assert (remembered.source, remembered.profile.host) == (None, "last-used.example")
    save_settings(paths(env), {"database_url": "sqlite:///settings.db"})
    assert initial_connection(None, REMEMBERED, env=env).profile.sqlite_path == "settings.db"
    env["SUPPORTDESK_DB"] = "sqlite:///env.db"
    assert initial_connection(None, REMEMBERED, env=env).profile.sqlite_path == "env.db"
    cli = initial_connection("sqlite:///cli.db", REMEMBERED, env=env)
    assert (cli.source, cli.profile.sqlite_path) == (Source.COMMAND_LINE, "cli.db")
    # Each step agrees with the URL the CLI would open.
    assert cli.profile.url() == database_url("sqlite:///cli.db", env)
    assert initial_connection(None, None, env=env).profile.url() == database_url(None, env)


def test_the_gui_says_why_it_could_not_follow_a_step(tmp_path: Path) -> None:
    env = _dirs(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text("{ not json", encoding="utf-8")
    broken = initial_connection(None, REMEMBERED, env=env)
    assert broken.profile.host == "last-used.example"  # the next step still works
    assert "not valid JSON" in broken.problem and broken.problem[0].isupper()
    nonsense = initial_connection(None, None, env=env | {"SUPPORTDESK_DB": "nonsense"})
    assert nonsense.profile.kind == Kind.EMBEDDED
    assert "not a database URL" in nonsense.problem


def _dirs(tmp_path: Path) -> dict[str, str]:
    return {
        "SUPPORTDESK_DATA_DIR": str(tmp_path / "data"),
        "SUPPORTDESK_CONFIG_DIR": str(tmp_path / "config"),
        "SUPPORTDESK_LOG_DIR": str(tmp_path / "log"),
    }
