"""Several connection profiles are kept (issue 14, item 15): logging in to the embedded
database no longer wipes the saved PostgreSQL server; profiles are picked, added,
renamed and removed in the login dialog; passwords stay in the keyring per profile; the
one used last is preselected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import open_services
from app.connection import Kind
from app.services.auth import Passwords
from tests.support.people import PASSWORD, make_people
from tests.ui.desk import click, wait
from ui.connection import SecretStore
from ui.dialogs.login import PROFILE_KEY, LoginDialog
from ui.dialogs.profile_picker import ProfilePicker
from ui.tasks import TaskRunner

SERVER = {"kind": "postgresql", "host": "pg.example", "database": "desk", "db_user": "ana"}


class MemoryKeyring(SecretStore):
    """A keyring of this test's own (the machine's is never touched)."""

    def __init__(self) -> None:
        self._keyring = None
        self.kept: dict[str, str] = {}

    @property
    def available(self) -> bool:
        return True

    def get(self, key: str) -> str | None:
        return self.kept.get(key)

    def set(self, key: str, secret: str) -> bool:
        self.kept[key] = secret
        return True

    def forget(self, key: str) -> None:
        self.kept.pop(key, None)


@pytest.fixture
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SUPPORTDESK_DB", raising=False)
    return tmp_path / "config"


def open_dialog(
    qtbot: QtBot, settings: QSettings, keyring: SecretStore, tmp: Path, passwords: Passwords
) -> LoginDialog:
    login = LoginDialog(
        TaskRunner(), settings, keyring, str(tmp / "default.db"), passwords=passwords
    )
    qtbot.addWidget(login)
    login.show()
    return login


def names(picker: ProfilePicker) -> list[str]:
    return [picker.combo.itemText(i) for i in range(picker.combo.count())]


def pick(picker: ProfilePicker, name: str) -> None:
    picker.combo.setCurrentIndex(picker.combo.findText(name))
    picker.combo.activated.emit(picker.combo.currentIndex())


def answer_name(qtbot: QtBot, picker: ProfilePicker, name: str) -> None:
    wait(qtbot, lambda: picker.dialog is not None and picker.dialog.isVisible())
    dialog = picker.dialog
    assert dialog is not None
    dialog.setTextValue("")
    qtbot.keyClicks(dialog.focusWidget() or dialog, name)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def test_profiles_are_kept_picked_renamed_and_removed(
    qtbot: QtBot,
    own_config: Path,
    sqlite_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services = open_services(sqlite_url, passwords=fast_passwords)
    make_people(services)
    services.db.dispose()
    file = sqlite_url.removeprefix("sqlite:///")
    settings = QSettings(str(tmp_path / "client.ini"), QSettings.Format.IniFormat)
    settings.setValue(PROFILE_KEY, json.dumps(SERVER))  # the one profile kept before names
    keyring = MemoryKeyring()
    server_key = "postgresql:pg.example:5432/desk:ana"
    keyring.set(server_key, "server secret")

    login = open_dialog(qtbot, settings, keyring, tmp_path, fast_passwords)
    picker = login.profiles
    assert names(picker) == ["PostgreSQL · pg.example/desk"]
    assert login.kind.currentData() == Kind.POSTGRESQL.value
    # This time the embedded database, on the same page: it becomes a profile of its own.
    login.kind.setCurrentIndex(login.kind.findData(Kind.EMBEDDED.value))
    login.sqlite_path.setText(file)
    login.username.setText("cara")
    login.password.setText(PASSWORD)
    login.remember.setChecked(True)
    click(qtbot, login.login_button)
    wait(qtbot, lambda: login.result_ is not None or login.error.text() not in ("", "Connecting…"))
    assert login.result_ is not None and login.result_.services is not None, login.error.text()
    login.result_.services.db.dispose()
    login.runner.shutdown()
    embedded = f"Embedded · {Path(file).name}"
    kept = login.profiles.book.get(embedded)
    assert kept is not None and kept.profile.kind == Kind.EMBEDDED
    embedded_key = kept.profile.secret_key("cara")
    assert keyring.get(embedded_key) == PASSWORD
    assert login.profiles.book.get("PostgreSQL · pg.example/desk").profile.host == "pg.example"  # type: ignore[union-attr]

    # Next start: both kept, the embedded one (used last) preselected with its user and
    # password; the server's fields are as they were.
    again = open_dialog(qtbot, settings, keyring, tmp_path, fast_passwords)
    picker = again.profiles
    assert names(picker) == ["PostgreSQL · pg.example/desk", embedded]
    assert picker.combo.currentText() == embedded
    assert (again.kind.currentData(), again.sqlite_path.text()) == (Kind.EMBEDDED.value, file)
    assert (again.username.text(), again.password.text()) == ("cara", PASSWORD)
    pick(picker, "PostgreSQL · pg.example/desk")
    assert again.kind.currentData() == Kind.POSTGRESQL.value
    assert (again.host.text(), again.database.text(), again.db_user.text()) == (
        "pg.example",
        "desk",
        "ana",
    )

    click(qtbot, picker.rename_button)
    answer_name(qtbot, picker, "Head office")
    wait(qtbot, lambda: names(picker) == ["Head office", embedded])
    assert picker.combo.currentText() == "Head office"

    again.host.setText("test.example")
    click(qtbot, picker.add_button)
    answer_name(qtbot, picker, "Test server")
    wait(qtbot, lambda: "Test server" in names(picker))
    assert picker.book.get("Test server").profile.host == "test.example"  # type: ignore[union-attr]
    assert picker.book.get("Head office").profile.host == "pg.example"  # type: ignore[union-attr]

    pick(picker, embedded)
    click(qtbot, picker.remove_button)
    wait(qtbot, lambda: picker.confirm is not None and picker.confirm.isVisible())
    box = picker.confirm
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    wait(qtbot, lambda: names(picker) == ["Head office", "Test server"])
    # The removed profile's password is gone from the keyring; the server's stays.
    assert keyring.get(embedded_key) is None and keyring.get(server_key) == "server secret"
    again.runner.shutdown()

    # The list survives a restart as it was left.
    third = open_dialog(qtbot, settings, keyring, tmp_path, fast_passwords)
    assert names(third.profiles) == ["Head office", "Test server"]
    third.runner.shutdown()
