"""The login dialog starts with the database the CLI would open: SUPPORTDESK_DB, then
``settings.json``, and only then the connection last used on this computer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import open_services
from app.config import paths, save_settings
from app.connection import Kind
from app.services.auth import Passwords
from tests.support.people import PASSWORD, make_people
from tests.ui.desk import NoKeyring, click, wait
from ui.dialogs.login import PROFILE_KEY, LoginDialog
from ui.tasks import TaskRunner

LAST_USED = {"kind": "postgresql", "host": "last-used.example", "db_user": "ana"}


@pytest.fixture
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings folder of this test's own (the session's is shared)."""
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SUPPORTDESK_DB", raising=False)
    return tmp_path / "config"


def dialog(qtbot: QtBot, tmp_path: Path, passwords: Passwords | None = None) -> LoginDialog:
    """The dialog as ``supportdesk`` opens it without --db, after a login elsewhere."""
    settings = QSettings(str(tmp_path / "client.ini"), QSettings.Format.IniFormat)
    settings.setValue(PROFILE_KEY, json.dumps(LAST_USED))
    login = LoginDialog(
        TaskRunner(), settings, NoKeyring(), str(tmp_path / "default.db"), passwords=passwords
    )
    qtbot.addWidget(login)
    return login


def test_the_dialog_opens_the_database_named_by_supportdesk_db(
    qtbot: QtBot,
    own_config: Path,
    sqlite_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = open_services(sqlite_url, passwords=fast_passwords)
    make_people(services)
    services.db.dispose()
    monkeypatch.setenv("SUPPORTDESK_DB", sqlite_url)
    save_settings(paths(), {"database_url": "postgresql://team@settings.example/desk"})
    login = dialog(qtbot, tmp_path, fast_passwords)
    login.show()
    file = sqlite_url.removeprefix("sqlite:///")
    assert (login.kind.currentData(), login.sqlite_path.text()) == (Kind.EMBEDDED.value, file)
    login.username.setText("cara")
    login.password.setText(PASSWORD)
    click(qtbot, login.login_button)
    wait(qtbot, lambda: login.result_ is not None or login.error.text() not in ("", "Connecting…"))
    assert login.result_ is not None, login.error.text()
    assert login.result_.services is not None
    assert login.result_.services.db.url.database == file
    login.result_.services.db.dispose()
    login.runner.shutdown()


def test_the_dialog_shows_the_database_of_settings_json(
    qtbot: QtBot, own_config: Path, tmp_path: Path
) -> None:
    url = "postgresql://team:s3cret@db.example:5433/desk?sslmode=require"
    save_settings(paths(), {"database_url": url})
    login = dialog(qtbot, tmp_path)
    assert login.kind.currentData() == Kind.POSTGRESQL.value
    shown = (
        login.host.text(),
        login.port.value(),
        login.database.text(),
        login.db_user.text(),
        login.ssl_mode.currentText(),
        login.db_password.text(),
    )
    assert shown == ("db.example", 5433, "desk", "team", "require", "s3cret")
    assert login.error.text() == ""
    login.runner.shutdown()


def test_without_env_or_settings_the_last_used_connection_is_offered(
    qtbot: QtBot, own_config: Path, tmp_path: Path
) -> None:
    login = dialog(qtbot, tmp_path)
    assert (login.kind.currentData(), login.host.text()) == ("postgresql", "last-used.example")
    login.runner.shutdown()


def test_a_broken_settings_file_is_said_and_the_dialog_still_opens(
    qtbot: QtBot, own_config: Path, tmp_path: Path
) -> None:
    own_config.mkdir(parents=True)
    (own_config / "settings.json").write_text("{ not json", encoding="utf-8")
    login = dialog(qtbot, tmp_path)
    assert login.host.text() == "last-used.example"
    assert "not valid JSON" in login.error.text()
    login.runner.shutdown()
