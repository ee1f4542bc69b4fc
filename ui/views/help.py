"""Help menu: the keyboard shortcuts of this window, and About (version, database)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from ui.app_context import AppContext
from ui.i18n import translate


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(action, keys) for every action of the window that has a key, sorted by name."""
    rows = {
        (
            action.text().replace("&", "").rstrip("…"),
            action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
        )
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
    }
    return sorted(rows)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (name, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(420, 520)


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About SupportDesk"))
        who = ctx.actor.full_name or ctx.actor.username
        self.text = QLabel(
            "\n".join(
                [
                    f"SupportDesk {__version__}",
                    self.tr("Database: %1").replace("%1", ctx.connection_label),
                    self.tr("Logged in as %1 (%2)")
                    .replace("%1", who)
                    .replace("%2", ctx.actor.role.value),
                ]
            )
        )
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class HelpMenu:
    """Adds Help › Keyboard shortcuts (F1) and Help › About to the window's menu bar."""

    def __init__(self, ctx: AppContext, window: QMainWindow, bar: QMenuBar) -> None:
        self.ctx, self.window = ctx, window
        self.dialog: QDialog | None = None
        menu = bar.addMenu(translate("HelpMenu", "&Help"))
        self.shortcuts = QAction(translate("HelpMenu", "&Keyboard shortcuts"), window)
        self.shortcuts.setShortcut(QKeySequence("F1"))
        self.shortcuts.triggered.connect(lambda: self._show(ShortcutsDialog(window)))
        self.about = QAction(translate("HelpMenu", "&About SupportDesk"), window)
        self.about.triggered.connect(lambda: self._show(AboutDialog(ctx, window)))
        menu.addAction(self.shortcuts)
        menu.addAction(self.about)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.open()
