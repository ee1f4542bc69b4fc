"""The sidebar's "Saved searches": the person's named queue views (kept in the database,
so they follow them to any desk). Click one to show it; Save search keeps the queue as it
is now; Rename and Delete from the context menu (F2 / Delete on the list).

Dialogs open window-modal without a nested event loop (``open()``), so the list keeps
painting and tests can answer them like a person would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Conflict, describe
from app.services.saved_searches import NAME_MAX, SavedSearchView
from ui.app_context import AppContext
from ui.i18n import translate
from ui.theme import icon
from ui.views.queue_view import QueueView

NAME_ROLE = Qt.ItemDataRole.UserRole
# The save button's inset from the sidebar's edges: the views' highlighted rows' own.
BUTTON_INSET = 6


class SavedSearchList(QWidget):
    chosen = Signal(object)  # SavedSearchView, once shown in the queue
    notice = Signal(str)  # a failure, for the status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.queue: QueueView | None = None
        self.searches: dict[str, SavedSearchView] = {}
        self.dialog: QInputDialog | None = None  # the open name dialog, if any
        self.confirm: QMessageBox | None = None  # the open question, if any
        title = QLabel(translate("SavedSearches", "SAVED SEARCHES"))
        title.setObjectName("sidebarTitle")
        title.setWordWrap(True)  # "ΑΠΟΘΗΚΕΥΜΕΝΕΣ ΑΝΑΖΗΤΗΣΕΙΣ" is wider than a narrow sidebar
        self.list = QListWidget()
        self.list.setObjectName("sidebar")
        self.list.setAccessibleName(translate("SavedSearches", "Saved searches"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.rename_action = QAction(translate("SavedSearches", "Rename…"), self.list)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.delete_action = QAction(translate("SavedSearches", "Delete…"), self.list)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action, slot in (
            (self.rename_action, self.ask_rename),
            (self.delete_action, self.ask_delete),
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.list.addAction(action)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty = QLabel(
            translate("SavedSearches", "None yet: filter the queue, then Save search.")
        )
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setContentsMargins(16, 0, 10, 4)
        self.save_button = QPushButton(icon("search"), translate("SavedSearches", "Save search…"))
        self.save_button.setAccessibleName(
            translate("SavedSearches", "Save the queue's view, filters and sort")
        )
        self.save_button.setToolTip(
            translate("SavedSearches", "Keep this view with its search, filters and sort")
        )
        self.save_button.clicked.connect(self.ask_save)
        self._save_text = self.save_button.text()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        # Inset from the sidebar's edges (in Greek at 1024 px it touched the left one).
        button_row = QHBoxLayout()
        button_row.setContentsMargins(BUTTON_INSET, 0, BUTTON_INSET, 0)
        button_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(button_row)
        self._show([])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_save_text()

    def _fit_save_text(self) -> None:
        """The button's words on two lines when one is wider than the sidebar (Greek
        "Αποθήκευση αναζήτησης…" in a 1024 px desk's 194 px sidebar was cut at both ends)."""
        text = self._save_text
        room = self.width() - 2 * BUTTON_INSET
        button = self.save_button
        metrics = button.fontMetrics()
        # What the button adds to its words: icon, padding, frame.
        extra = button.sizeHint().width() - metrics.size(0, button.text()).width()
        if " " in text and metrics.horizontalAdvance(text) + extra > room:
            head, _, tail = text.rpartition(" ")
            text = f"{head}\n{tail}"
        if button.text() != text:
            button.setText(text)

    # -- loading and showing ----------------------------------------------------------------

    def reload(self) -> None:
        svc, actor = self.ctx.services.saved_searches, self.ctx.actor
        self.ctx.runner.submit(
            lambda: svc.list(actor), self._show, self._failed, label="saved searches"
        )

    def _show(self, searches: list[SavedSearchView]) -> None:
        current = self.current_name()
        self.searches = {s.name: s for s in searches}
        self.list.blockSignals(True)
        self.list.clear()
        for s in searches:
            item = QListWidgetItem(icon("search"), s.name)
            item.setData(NAME_ROLE, s.name)
            item.setToolTip(s.name)
            self.list.addItem(item)
            if s.name == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not searches)
        self.list.setVisible(bool(searches))
        # As tall as its rows (the views above keep the rest of the sidebar).
        rows = sum(self.list.sizeHintForRow(i) + 2 for i in range(self.list.count()))
        self.list.setFixedHeight(min(rows + 18, 260))

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None and item.isSelected() else None

    def clear_choice(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)

    def _clicked(self, item: QListWidgetItem) -> None:
        found = self.searches.get(str(item.data(NAME_ROLE)))
        if found is not None and self.queue is not None:
            self.queue.apply_search(found.filter, found.sort)
            self.chosen.emit(found)

    def _failed(self, exc: Exception) -> None:
        self.notice.emit(describe(exc))

    # -- save, rename, delete -----------------------------------------------------------------

    def _ask_name(self, title: str, label: str, text: str, then: Callable[[str], None]) -> None:
        dialog = QInputDialog(self.window())
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setOkButtonText(translate("SavedSearches", "Save"))
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setMaxLength(NAME_MAX)
        dialog.textValueSelected.connect(then)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def ask_save(self) -> None:
        if self.queue is None:
            return
        name = self.current_name() or ""
        self._ask_name(
            translate("SavedSearches", "Save search"),
            translate("SavedSearches", "Name of this search:"),
            name,
            self.save_as,
        )

    def save_as(self, name: str, replace: bool = False) -> None:
        if self.queue is None or not name.strip():
            return
        svc, actor = self.ctx.services.saved_searches, self.ctx.actor
        flt, sort = self.queue.filter, self.queue.model.sort_order

        def failed(exc: Exception) -> None:
            if isinstance(exc, Conflict) and not replace:
                self._ask(
                    translate("SavedSearches", "Replace saved search"),
                    translate(
                        "SavedSearches", "You already have a saved search called “%1”. Replace it?"
                    ).replace("%1", name.strip()),
                    lambda: self.save_as(name, replace=True),
                )
            else:
                self._failed(exc)

        self.ctx.runner.submit(
            lambda: svc.save(actor, name, flt, sort, replace=replace),
            lambda saved: self._saved(saved.name),
            failed,
            label="save search",
        )

    def _saved(self, name: str) -> None:
        self.reload_then_select(name)

    def reload_then_select(self, name: str) -> None:
        svc, actor = self.ctx.services.saved_searches, self.ctx.actor

        def show(searches: list[SavedSearchView]) -> None:
            self._show(searches)
            for row in range(self.list.count()):
                if self.list.item(row).data(NAME_ROLE) == name:
                    self.list.setCurrentRow(row)

        self.ctx.runner.submit(lambda: svc.list(actor), show, self._failed, label="saved searches")

    def ask_rename(self) -> None:
        old = self.current_name()
        if old is None:
            return
        self._ask_name(
            translate("SavedSearches", "Rename saved search"),
            translate("SavedSearches", "New name:"),
            old,
            lambda new: self.rename(old, new),
        )

    def rename(self, old: str, new: str) -> None:
        svc, actor = self.ctx.services.saved_searches, self.ctx.actor
        self.ctx.runner.submit(
            lambda: svc.rename(actor, old, new),
            lambda view: self.reload_then_select(view.name),
            self._failed,
            label="rename search",
        )

    def ask_delete(self) -> None:
        name = self.current_name()
        if name is None:
            return
        self._ask(
            translate("SavedSearches", "Delete saved search"),
            translate(
                "SavedSearches", "Delete the saved search “%1”? The tickets stay as they are."
            ).replace("%1", name),
            lambda: self.delete(name),
        )

    def delete(self, name: str) -> None:
        svc, actor = self.ctx.services.saved_searches, self.ctx.actor
        self.ctx.runner.submit(
            lambda: svc.delete(actor, name), lambda _r: self.reload(), self._failed, label="delete"
        )

    def _ask(self, title: str, text: str, then: Callable[[], None]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window(),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names are typed by people
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: then() if button is yes else None)
        box.finished.connect(lambda _r: setattr(self, "confirm", None))
        self.confirm = box
        box.open()
