"""The sidebar: saved views with live counts (counted in SQL, off the GUI thread), and
below them the person's saved searches (ui/views/saved_search_list.py).

A view's name never gets cut: at 1024 px the sidebar is narrow, so a long name
("Awaiting customer approval") wraps to a second line beside its count instead of
running under it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListView,
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
from ui.views.queue_view import QueueView
from ui.views.saved_search_list import SavedSearchList

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
VIEW_ROLE = Qt.ItemDataRole.UserRole
COUNT_CAP = 1000
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
COUNT_GAP = 8  # between the name and its count
RIGHT_PAD = 10  # after the count
VERTICAL_PAD = 14  # the item's padding in app.qss (7 px above and below)
ITEM_PAD = 10  # the item's padding in app.qss (10 px left and right)
ICON_GAP = 6  # between the icon and the name


def count_text(count: int | None) -> str:
    if count is None:
        return ""
    return f"{COUNT_CAP:,}+" if count >= COUNT_CAP else f"{count:,}"


class _CountDelegate(QStyledItemDelegate):
    """The standard item (background, icon), its name wrapped to the room left, and its
    count right-aligned.

    Sizes never ask the view (``option.widget``): Qt asks for them while a closing window
    is being destroyed, and a call into the half-destroyed view crashed. The sidebar
    tells the delegate its width instead (``width``)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.width = 0  # the list's viewport width, kept by the sidebar

    @staticmethod
    def name_rect(
        option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QRect:
        """Where the name goes: after the padding and icon (app.qss), before the count."""
        rect = QRect(option.rect)
        icon_width = (
            option.decorationSize.width() if index.data(Qt.ItemDataRole.DecorationRole) else 0
        )
        left = rect.left() + ITEM_PAD + (icon_width + ICON_GAP if icon_width else 0)
        count = count_text(index.data(COUNT_ROLE)) or "888"  # room even before counts
        room = QFontMetrics(option.font).horizontalAdvance(count) + COUNT_GAP + RIGHT_PAD
        right = rect.right() - room
        return QRect(left, rect.top(), max(20, right - left), rect.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, where = opt.text, self.name_rect(opt, index)
        opt.text = ""  # the background and icon as the style draws them; the name below
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        c = colors()
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(QColor(c["highlight_text"] if selected else c["text"]))
        painter.drawText(where, int(WRAP), name)
        text = count_text(index.data(COUNT_ROLE))
        if text:
            painter.setPen(QColor(c["highlight_text"] if selected else c["muted"]))
            rect = QRect(option.rect).adjusted(0, 0, -RIGHT_PAD, 0)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
            )
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if self.width <= 0:
            return size
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, self.width, size.height())
        where = self.name_rect(opt, index)
        needed = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, where.width(), 10_000), int(WRAP), str(index.data() or "")
        )
        return QSize(size.width(), max(size.height(), needed.height() + VERTICAL_PAD))


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
        self.delegate = _CountDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Item heights follow the width: a name wraps when the sidebar is narrow.
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        for view in SavedView:
            item = QListWidgetItem(icon(f"view_{view.value}"), label(view.label))
            item.setData(VIEW_ROLE, view.value)
            item.setToolTip(label(view.label))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemClicked.connect(self._clicked)
        self.searches = SavedSearchList(ctx)
        self.searches.chosen.connect(lambda found: self._show_view(found.filter.view))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.searches)
        self.setMinimumWidth(180)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = self.list.viewport().width()
        if width != self.delegate.width:  # names wrap differently: rows change height
            self.delegate.width = width
            self.list.doItemsLayout()
        # The saved searches' hint wraps to more lines in a narrow sidebar (4 in Greek at
        # 180 px): keep room for all of them, or they are drawn over the button and the
        # title (seen under Xvfb at 1024x700); the views list above scrolls instead.
        searches = self.searches.layout()
        if searches is not None and searches.hasHeightForWidth():
            self.searches.setMinimumHeight(searches.totalHeightForWidth(self.width()))

    def attach_queue(self, queue: QueueView) -> None:
        """The queue a saved search is read from and shown in (the main window's)."""
        self.searches.queue = queue
        self.searches.reload()

    def select(self, view: SavedView) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(VIEW_ROLE) == view.value:
                self.list.setCurrentRow(row)

    def _show_view(self, view: SavedView) -> None:
        """Mark the saved search's view without re-filtering the queue (it is shown)."""
        self.list.blockSignals(True)
        self.select(view)
        self.list.blockSignals(False)

    def current(self) -> SavedView:
        item = self.list.currentItem()
        return SavedView(item.data(VIEW_ROLE)) if item else SavedView.ALL_OPEN

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.searches.clear_choice()
            self.view_selected.emit(SavedView(item.data(VIEW_ROLE)))

    def _clicked(self, item: QListWidgetItem) -> None:
        # Back from a saved search to its own view: the view is current already.
        if self.searches.current_name() is not None:
            self._chosen(item)

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
