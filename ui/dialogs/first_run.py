"""First run on an empty embedded database: create the administrator, or load demo data."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, describe
from app.services.auth import check_password_rules
from app.services.demo import DEMO_PASSWORD
from app.services.users import clean_username
from ui.i18n import translate


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("FirstRunDialog", "Welcome to SupportDesk"))
        intro = QLabel(
            translate(
                "FirstRunDialog",
                "This database is empty. Create the administrator account to start, "
                "or load demo data to look around.",
            )
        )
        intro.setWordWrap(True)
        self.create_admin = QRadioButton(
            translate("FirstRunDialog", "Create the administrator account")
        )
        self.load_demo = QRadioButton(
            translate(
                "FirstRunDialog",
                "Load demo data (log in as admin, mia, cara or eli; password {password})",
            ).format(password=DEMO_PASSWORD)
        )
        self.create_admin.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.create_admin)
        group.addButton(self.load_demo)
        self.username = QLineEdit("admin")
        self.username.setAccessibleName(translate("FirstRunDialog", "Administrator user name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("FirstRunDialog", "Administrator password"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(translate("FirstRunDialog", "Repeat the password"))
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(translate("FirstRunDialog", "User name"), self.username)
        form.addRow(translate("FirstRunDialog", "Password"), self.password)
        form.addRow(translate("FirstRunDialog", "Repeat"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("FirstRunDialog", "Continue")
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.create_admin.toggled.connect(self.form.setEnabled)
        layout = QVBoxLayout(self)
        for w in (intro, self.create_admin, self.form, self.load_demo, self.error, buttons):
            layout.addWidget(w)

    def _check(self) -> None:
        if self.load_demo.isChecked():
            self.accept()
            return
        try:
            clean_username(self.username.text())
            check_password_rules(self.password.text())
        except DomainError as exc:
            self.error.setText(describe(exc, sentence=True))
            return
        if self.password.text() != self.repeat.text():
            self.error.setText(translate("FirstRunDialog", "The two passwords differ."))
            return
        self.accept()
