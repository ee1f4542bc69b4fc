"""Which database SupportDesk opens: --db › SUPPORTDESK_DB › settings file › default."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import database_url, paths, save_settings
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
