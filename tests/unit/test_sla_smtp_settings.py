"""Where the SMTP settings come from: the settings file, overridden by the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.config import Paths
from app.domain.errors import ValidationError
from app.services.notifications import SmtpSettings, smtp_settings


def where(tmp_path: Path, smtp: dict | None = None) -> Paths:
    folder = Paths(tmp_path / "data", tmp_path / "config", tmp_path / "log")
    if smtp is not None:
        folder.config_dir.mkdir(parents=True)
        folder.settings_file.write_text(json.dumps({"smtp": smtp}), encoding="utf-8")
    return folder


def test_defaults_without_any_settings(tmp_path: Path) -> None:
    assert smtp_settings({}, where(tmp_path)) == SmtpSettings()


def test_the_settings_file_then_the_environment(tmp_path: Path) -> None:
    folder = where(
        tmp_path,
        {"host": "mail.example", "port": 587, "security": "starttls", "username": "desk"},
    )
    from_file = smtp_settings({}, folder)
    assert (from_file.host, from_file.port, from_file.security, from_file.username) == (
        "mail.example",
        587,
        "starttls",
        "desk",
    )
    env = {"SUPPORTDESK_SMTP_HOST": "relay.local", "SUPPORTDESK_SMTP_PASSWORD": "s3cret"}
    overridden = smtp_settings(env, folder)
    assert (overridden.host, overridden.port, overridden.password) == ("relay.local", 587, "s3cret")
    assert "s3cret" not in repr(overridden)


def test_bad_settings_are_explained(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="security must be one of none, starttls, ssl"):
        smtp_settings({"SUPPORTDESK_SMTP_SECURITY": "tls13"}, where(tmp_path))
    with pytest.raises(ValidationError, match="port"):
        smtp_settings({"SUPPORTDESK_SMTP_PORT": "twenty-five"}, where(tmp_path))
