"""The login dialog: connection profile, user name, password; errors in plain words.

It starts with the database the CLI would open — ``--db`` › ``SUPPORTDESK_DB`` ›
``settings.json`` — and otherwise with the profile last used here
(:func:`app.connection.initial_connection`). Several named profiles are kept
(ui/dialogs/profile_picker.py); a login updates only the one it used.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Source
from app.connection import SSL_MODES, ConnectionProfile, Kind, initial_connection
from ui.connection import ProfileBook, SavedProfile, SecretStore
from ui.dialogs.profile_picker import PROFILES_KEY, ProfilePicker
from ui.i18n import translate
from ui.login_flow import LoginResult, Outcome, attempt_login, first_run_setup
from ui.tasks import TaskRunner
from ui.theme import app_icon

if TYPE_CHECKING:  # the window shows before any service (or SQLAlchemy) is imported
    from app.services.auth import Passwords
    from ui.dialogs.first_run import FirstRunDialog

PROFILE_KEY = "connection/profile"
USER_KEY = "login/username"
REMEMBER_KEY = "login/remember"


class LoginDialog(QDialog):
    def __init__(
        self,
        runner: TaskRunner,
        settings: QSettings,
        secrets: SecretStore,
        default_sqlite: str,
        *,
        db_url: str | None = None,
        username: str | None = None,
        passwords: Passwords | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.settings, self.secrets = runner, settings, secrets
        self.passwords = passwords
        self.result_: LoginResult | None = None
        self.first_run_dialog: FirstRunDialog | None = None
        self.book = ProfileBook.load(
            str(settings.value(PROFILES_KEY, "") or ""), self._remembered(), default_sqlite
        )
        last = self.book.get(self.book.last)
        remembered = last.profile.to_dict() if last else {}
        first = initial_connection(db_url, remembered, default_sqlite=default_sqlite)
        self.profile = first.profile
        self.setWindowTitle(translate("LoginDialog", "Log in to SupportDesk"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(440)
        self._build()
        if first.source is not None:  # not a saved profile: say where it comes from
            self.profiles.fill("", transient=_source_label(first.source))
        self._show_profile(self.profile)
        kept_user = last.username if last and first.source is None else ""
        self.username.setText(username or kept_user or str(settings.value(USER_KEY, "") or ""))
        self._recall_secrets()
        if first.db_password:  # the URL given carried it: it wins over a remembered one
            self.db_password.setText(first.db_password)
        self.error.setText(first.problem)
        (self.password if self.username.text() else self.username).setFocus()

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("<b>SupportDesk</b>")
        title.setStyleSheet("font-size: 16pt;")
        self.kind = QComboBox()
        self.kind.addItem(
            translate("LoginDialog", "Embedded database on this computer"), Kind.EMBEDDED.value
        )
        self.kind.addItem(translate("LoginDialog", "PostgreSQL server"), Kind.POSTGRESQL.value)
        self.kind.setAccessibleName(translate("LoginDialog", "Connection type"))
        self.pages = self._connection_pages()
        self.kind.currentIndexChanged.connect(self._show_page)
        self.username = QLineEdit()
        self.username.setAccessibleName(translate("LoginDialog", "User name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("LoginDialog", "Password"))
        self.remember = QCheckBox(
            translate("LoginDialog", "Remember password in the system keyring")
        )
        self._offer_remember()
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(translate("LoginDialog", "Login problem"))
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(translate("LoginDialog", "Log in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.profiles = ProfilePicker(self.settings, self.secrets, self.book, self.current_profile)
        self.profiles.chosen.connect(self._choose)
        form = QFormLayout()
        form.addRow(translate("ProfilePicker", "Profile"), self.profiles)
        form.addRow(translate("LoginDialog", "Connect to"), self.kind)
        form.addRow(self.pages)
        form.addRow(translate("LoginDialog", "User name"), self.username)
        form.addRow(translate("LoginDialog", "Password"), self.password)
        form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _connection_pages(self) -> QStackedWidget:
        self.sqlite_path = QLineEdit()
        self.sqlite_path.setAccessibleName(translate("LoginDialog", "Database file"))
        browse = QPushButton(translate("LoginDialog", "Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sqlite_path, 1)
        row.addWidget(browse)
        embedded = QWidget()
        eform = QFormLayout(embedded)
        eform.setContentsMargins(0, 0, 0, 0)
        eform.addRow(translate("LoginDialog", "Database file"), file_row)
        self.host = QLineEdit()
        self.host.setAccessibleName(translate("LoginDialog", "Server host"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setAccessibleName(translate("LoginDialog", "Server port"))
        self.database = QLineEdit()
        self.database.setAccessibleName(translate("LoginDialog", "Database name"))
        self.db_user = QLineEdit()
        self.db_user.setAccessibleName(translate("LoginDialog", "Database user"))
        self.db_password = QLineEdit()
        self.db_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.db_password.setAccessibleName(translate("LoginDialog", "Database password"))
        self.ssl_mode = QComboBox()
        self.ssl_mode.addItems(SSL_MODES)
        self.ssl_mode.setAccessibleName(translate("LoginDialog", "TLS mode"))
        server = QWidget()
        sform = QFormLayout(server)
        sform.setContentsMargins(0, 0, 0, 0)
        sform.addRow(translate("LoginDialog", "Host"), self.host)
        sform.addRow(translate("LoginDialog", "Port"), self.port)
        sform.addRow(translate("LoginDialog", "Database"), self.database)
        sform.addRow(translate("LoginDialog", "Database user"), self.db_user)
        sform.addRow(translate("LoginDialog", "Database password"), self.db_password)
        sform.addRow(translate("LoginDialog", "TLS mode"), self.ssl_mode)
        pages = QStackedWidget()
        pages.addWidget(embedded)
        pages.addWidget(server)
        return pages

    def _show_page(self, index: int) -> None:
        """Only the shown page takes room, so the dialog does not keep an empty gap."""
        self.pages.setCurrentIndex(index)
        for i in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page = self.pages.widget(i)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.pages.adjustSize()
        self.adjustSize()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("LoginDialog", "Database file"),
            self.sqlite_path.text(),
            translate("LoginDialog", "SupportDesk database (*.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.sqlite_path.setText(path)

    # -- profile ---------------------------------------------------------------------------

    def _remembered(self) -> dict[str, Any]:
        """The profile last used on this computer (empty if none or unreadable)."""
        raw = self.settings.value(PROFILE_KEY, "")
        try:
            stored = json.loads(str(raw)) if raw else {}
        except ValueError:
            return {}
        return stored if isinstance(stored, dict) else {}

    def _show_profile(self, p: ConnectionProfile) -> None:
        self.kind.setCurrentIndex(0 if p.kind == Kind.EMBEDDED else 1)
        self._show_page(self.kind.currentIndex())
        self.sqlite_path.setText(p.sqlite_path)
        self.host.setText(p.host)
        self.port.setValue(p.port)
        self.database.setText(p.database)
        self.db_user.setText(p.db_user)
        self.ssl_mode.setCurrentText(p.ssl_mode)

    def _choose(self, saved: SavedProfile) -> None:
        """Another profile picked: its fields, its user name, its remembered secrets."""
        self.profile = saved.profile
        self._show_profile(saved.profile)
        if saved.username:
            self.username.setText(saved.username)
        self.password.clear()
        self.db_password.clear()
        self.error.clear()
        self._recall_secrets()
        (self.password if self.username.text() else self.username).setFocus()

    def current_profile(self) -> ConnectionProfile:
        return ConnectionProfile(
            kind=Kind(self.kind.currentData()),
            sqlite_path=self.sqlite_path.text().strip(),
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            db_user=self.db_user.text().strip(),
            ssl_mode=self.ssl_mode.currentText(),
        )

    def _offer_remember(self) -> None:
        self.remember.setEnabled(self.secrets.available)
        self.remember.setToolTip(
            ""
            if self.secrets.available
            else translate(
                "LoginDialog",
                "No system keyring is available; passwords are never stored in plain text.",
            )
        )
        self.remember.setChecked(
            self.secrets.available and bool(self.settings.value(REMEMBER_KEY, False, bool))
        )

    def use_secrets(self, secrets: SecretStore) -> None:
        """The keyring, once loaded off the GUI thread (``run_gui`` starts the dialog
        without it: importing keyring costs half a second): offer remembering and fill
        the passwords the user has not typed yet."""
        self.secrets = self.profiles.secrets = secrets
        self._offer_remember()
        if not self.password.text():
            self._recall_secrets()

    def _recall_secrets(self) -> None:
        if not self.remember.isChecked() or not self.username.text():
            return
        key = self.profile.secret_key(self.username.text().strip().lower())
        self.password.setText(self.secrets.get(key) or "")
        self.db_password.setText(self.secrets.get(key + ":db") or "")

    # -- logging in ------------------------------------------------------------------------

    def submit(self) -> None:
        profile = self.current_profile()
        username, password = self.username.text(), self.password.text()
        db_password, passwords = self.db_password.text(), self.passwords
        self._busy(True, translate("LoginDialog", "Connecting…"))
        self.runner.submit(
            lambda: attempt_login(
                profile, username, password, db_password=db_password, passwords=passwords
            ),
            lambda result: self._logged_in(profile, result),
            lambda exc: self._failed(str(exc)),
            label="log in",
        )

    def _logged_in(self, profile: ConnectionProfile, result: LoginResult) -> None:
        self._busy(False)
        if result.outcome == Outcome.FIRST_RUN:
            self._first_run(profile, result.url)
            return
        if result.outcome == Outcome.ERROR:
            self._failed(result.message)
            return
        self._remember(profile, result)
        self.result_ = result
        self.accept()

    def _first_run(self, profile: ConnectionProfile, url: str) -> None:
        """Offer to create the administrator or load demo data (window-modal, not exec)."""
        from ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(self)
        self.first_run_dialog = dialog
        dialog.finished.connect(lambda code: self._first_run_chosen(dialog, code, profile, url))
        dialog.open()

    def _first_run_chosen(
        self, dialog: FirstRunDialog, code: int, profile: ConnectionProfile, url: str
    ) -> None:
        self.first_run_dialog = None
        if code != QDialog.DialogCode.Accepted:
            self._failed(
                translate(
                    "LoginDialog", "The database is still empty: create the administrator to start."
                )
            )
            return
        demo = dialog.load_demo.isChecked()
        name, password, passwords = dialog.username.text(), dialog.password.text(), self.passwords
        self._busy(
            True,
            translate("LoginDialog", "Loading demo data…")
            if demo
            else translate("LoginDialog", "Creating the administrator…"),
        )
        self.runner.submit(
            lambda: first_run_setup(
                url, admin_name=name, admin_password=password, load_demo=demo, passwords=passwords
            ),
            lambda result: self._logged_in(profile, result),
            lambda exc: self._failed(str(exc)),
            label="first run",
        )

    def _remember(self, profile: ConnectionProfile, result: LoginResult) -> None:
        assert result.actor is not None
        self.profiles.record_login(profile, result.actor.username)
        self.settings.setValue(PROFILE_KEY, json.dumps(profile.to_dict()))
        self.settings.setValue(USER_KEY, result.actor.username)
        self.settings.setValue(REMEMBER_KEY, self.remember.isChecked())
        key = profile.secret_key(result.actor.username)
        if self.remember.isChecked():
            self.secrets.set(key, self.password.text())
            if self.db_password.text():
                self.secrets.set(key + ":db", self.db_password.text())
        else:
            self.secrets.forget(key)
            self.secrets.forget(key + ":db")

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def _busy(self, busy: bool, text: str = "") -> None:
        for w in (
            self.profiles,
            self.kind,
            self.pages,
            self.username,
            self.password,
            self.login_button,
        ):
            w.setEnabled(not busy)
        self.error.setText(text)
        self.error.setProperty("role", "muted" if busy else "error")
        self.error.style().unpolish(self.error)
        self.error.style().polish(self.error)


def _source_label(source: Source) -> str:
    if source == Source.COMMAND_LINE:
        return translate("ProfilePicker", "From --db (not saved yet)")
    if source == Source.ENVIRONMENT:
        return translate("ProfilePicker", "From SUPPORTDESK_DB (not saved yet)")
    if source == Source.SETTINGS:
        return translate("ProfilePicker", "From settings.json (not saved yet)")
    return translate("ProfilePicker", "New connection (not saved yet)")
