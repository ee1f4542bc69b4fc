"""The sidebar: saved views with live counts (counted in SQL, off the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.queue import SavedView
from ui.app_context import AppContext
from ui.domain_labels import label
from ui.i18n import translate
from ui.theme import colors, icon

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
VIEW_ROLE = Qt.ItemDataRole.UserRole
COUNT_CAP = 1000


def count_text(count: int | None) -> str:
    if count is None:
        return ""
    return f"{COUNT_CAP:,}+" if count >= COUNT_CAP else f"{count:,}"


class _CountDelegate(QStyledItemDelegate):
    """The standard item, plus its count right-aligned."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        text = count_text(index.data(COUNT_ROLE))
        if not text:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        c = colors()
        painter.save()
        painter.setPen(QColor(c["highlight_text"] if selected else c["muted"]))
        rect = QRect(option.rect).adjusted(0, 0, -10, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()


class Sidebar(QFrame):
    view_selected = Signal(object)  # SavedView

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(translate("Sidebar", "VIEWS"))
        title.setObjectName("sidebarTitle")
        self.list = QListWidget()
        self.list.setObjectName("sidebar")
        self.list.setAccessibleName(translate("Sidebar", "Saved views"))
        self.list.setItemDelegate(_CountDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        for view in SavedView:
            item = QListWidgetItem(icon(f"view_{view.value}"), label(view.label))
            item.setData(VIEW_ROLE, view.value)
            item.setToolTip(label(view.label))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        self.setMinimumWidth(180)

    def select(self, view: SavedView) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(VIEW_ROLE) == view.value:
                self.list.setCurrentRow(row)

    def current(self) -> SavedView:
        item = self.list.currentItem()
        return SavedView(item.data(VIEW_ROLE)) if item else SavedView.ALL_OPEN

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.view_selected.emit(SavedView(item.data(VIEW_ROLE)))

    def refresh_counts(self) -> None:
        queue, actor = self.ctx.services.queue, self.ctx.actor
        self.ctx.runner.submit(
            lambda: queue.view_counts(actor),
            self._show_counts,
            lambda _e: None,
            label="view counts",
        )

    def _show_counts(self, counts: dict[SavedView, int]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setData(COUNT_ROLE, counts.get(SavedView(item.data(VIEW_ROLE))))
            label = f"{item.text()}: {count_text(item.data(COUNT_ROLE))} tickets"
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
