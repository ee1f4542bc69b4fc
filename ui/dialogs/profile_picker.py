"""The login dialog's connection profiles: pick one, add the fields shown as a new
one, rename or remove one (issue 14, item 15). The list lives in the client's settings
(:class:`ui.connection.ProfileBook`); passwords stay in the keyring per profile.

Name and question dialogs open window-modal without a nested event loop, so tests answer
them like a person would."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.connection import ConnectionProfile
from ui.connection import ProfileBook, SavedProfile, SecretStore, suggested_name
from ui.i18n import translate

PROFILES_KEY = "connection/profiles"
NAME_MAX = 60


class ProfilePicker(QWidget):
    chosen = Signal(object)  # SavedProfile, when the person picks one

    def __init__(
        self,
        settings: QSettings,
        secrets: SecretStore,
        book: ProfileBook,
        current: Callable[[], ConnectionProfile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.secrets, self.book = settings, secrets, book
        # The fields the dialog shows now. Held weakly: a strong reference to the dialog's
        # method made a cycle, and the cyclic collector then deleted the dialog at a random
        # moment — from a worker thread, which crashed the client.
        self._current = weakref.WeakMethod(current)
        self.dialog: QInputDialog | None = None
        self.confirm: QMessageBox | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName(translate("ProfilePicker", "Connection profile"))
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.activated.connect(self._picked)
        self.add_button = QPushButton(translate("ProfilePicker", "Add…"))
        self.add_button.setToolTip(
            translate("ProfilePicker", "Keep the connection shown below as a new profile")
        )
        self.rename_button = QPushButton(translate("ProfilePicker", "Rename…"))
        self.remove_button = QPushButton(translate("ProfilePicker", "Remove…"))
        self.add_button.clicked.connect(self.ask_add)
        self.rename_button.clicked.connect(self.ask_rename)
        self.remove_button.clicked.connect(self.ask_remove)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        for button in (self.add_button, self.rename_button, self.remove_button):
            row.addWidget(button)
        self.fill(book.last)

    def current(self) -> ConnectionProfile:
        method = self._current()
        return method() if method is not None else ConnectionProfile()

    # -- the list ---------------------------------------------------------------------------

    def fill(self, select: str, transient: str = "") -> None:
        """List the profiles; ``transient`` names an unsaved connection shown first (one
        given by --db, SUPPORTDESK_DB or settings.json, or the first-time default)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        if transient:
            self.combo.addItem(transient, None)
        for name in self.book.names():
            self.combo.addItem(name, name)
        index = self.combo.findData(select) if select and not transient else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self._enable()

    def selected(self) -> SavedProfile | None:
        name = self.combo.currentData()
        return self.book.get(name) if isinstance(name, str) else None

    def _enable(self) -> None:
        kept = self.selected() is not None
        self.rename_button.setEnabled(kept)
        self.remove_button.setEnabled(kept)

    def _picked(self, _index: int) -> None:
        self._enable()
        found = self.selected()
        if found is not None:
            self.chosen.emit(found)

    def save(self) -> None:
        self.settings.setValue(PROFILES_KEY, self.book.dump())

    def record_login(self, profile: ConnectionProfile, username: str) -> SavedProfile:
        selected = self.selected()
        kept = self.book.used(profile, username, selected.name if selected else "")
        self.save()
        self.fill(kept.name)
        return kept

    # -- add, rename, remove ----------------------------------------------------------------

    def _ask_name(self, title: str, text: str, then: Callable[[str], None]) -> None:
        dialog = QInputDialog(self.window())
        dialog.setWindowTitle(title)
        dialog.setLabelText(translate("ProfilePicker", "Profile name:"))
        dialog.setTextValue(text)
        dialog.textValueSelected.connect(then)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def ask_add(self) -> None:
        suggested = self.book.unique(suggested_name(self.current()))
        self._ask_name(translate("ProfilePicker", "Add connection profile"), suggested, self.add)

    def add(self, name: str) -> None:
        name = name.strip()[:NAME_MAX]
        if not name:
            return
        kept = self.book.add(self.current(), self.book.unique(name))
        self.book.last = kept.name
        self.save()
        self.fill(kept.name)

    def ask_rename(self) -> None:
        found = self.selected()
        if found is not None:
            self._ask_name(
                translate("ProfilePicker", "Rename connection profile"),
                found.name,
                lambda new: self.rename(found.name, new),
            )

    def rename(self, old: str, new: str) -> None:
        try:
            kept = self.book.rename(old, new.strip()[:NAME_MAX])
        except ValueError:
            self.combo.setToolTip(
                translate("ProfilePicker", "That name is empty or already taken.")
            )
            return
        self.save()
        self.fill(kept.name)

    def ask_remove(self) -> None:
        found = self.selected()
        if found is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("ProfilePicker", "Remove connection profile"),
            translate(
                "ProfilePicker",
                "Remove the profile “%1” and the passwords kept for it? The database itself "
                "is not touched.",
            ).replace("%1", found.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda b: self.remove(found.name) if b is yes else None)
        box.finished.connect(lambda _r: setattr(self, "confirm", None))
        self.confirm = box
        box.open()

    def remove(self, name: str) -> None:
        gone = self.book.remove(name)
        if gone is None:
            return
        if gone.username:  # its secrets go with it (those of other profiles stay)
            key = gone.profile.secret_key(gone.username)
            self.secrets.forget(key)
            self.secrets.forget(key + ":db")
        self.save()
        self.fill(self.book.last)
        self._picked(self.combo.currentIndex())
