"""The history pane: a timeline of every event (icon per kind, actor, time, old → new,
text, minutes), internal notes visibly distinct, total time, a filter by kind."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import EventView, TicketView
from ui.history_text import KIND_FILTERS, details, headline, internal_mark, minutes_label
from ui.i18n import translate
from ui.models.history_model import HistoryModel
from ui.theme import colors, icon
from ui.timefmt import locale_day_month, locale_time
from ui.views.shrinkable import shrinkable

# The kind filter's names (ui/history_text.KIND_FILTERS), for pyside6-lupdate.
KIND_FILTER_NAMES = (
    QT_TRANSLATE_NOOP("HistoryPane", "All events"),
    QT_TRANSLATE_NOOP("HistoryPane", "Comments and work"),
    QT_TRANSLATE_NOOP("HistoryPane", "Status and assignment"),
    QT_TRANSLATE_NOOP("HistoryPane", "Customer"),
    QT_TRANSLATE_NOOP("HistoryPane", "Resolution"),
)
PAD = 10
TITLE_GAP = 12  # between a card's title and its time
ICON = 18
Index = QModelIndex | QPersistentModelIndex
# Kinds without a drawing of their own borrow the at-risk warning (outage cards had no
# icon at all: icon() of a missing file is empty).
BORROWED_ICONS = {"outage": "view_at_risk", "alert": "view_at_risk"}


def kind_icon_name(event: EventView) -> str:
    """The card's icon: internal notes their own, otherwise by kind (resources/icons)."""
    if event.internal:
        return "internal"
    return BORROWED_ICONS.get(event.kind, f"kind_{event.kind}")


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class EventDelegate(QStyledItemDelegate):
    """Paints one event as a small card; internal notes get a tinted card and a lock."""

    def _event(self, index: Index) -> EventView | None:
        return index.data(HistoryModel.EventRole)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        event = self._event(index)
        width = max(option.rect.width(), 200)
        if event is None:
            return QSize(width, 24)
        fm = QFontMetrics(option.font)
        text = details(event)
        body = 0
        if text:
            rect = QRect(0, 0, width - 2 * PAD - ICON - 8, 10_000)
            body = fm.boundingRect(rect, Qt.TextFlag.TextWordWrap, text).height() + 4
        return QSize(width, PAD * 2 + fm.height() * 2 + body)

    @staticmethod
    def head(font: QFont, line: QRect, event: EventView) -> tuple[str, QRect, str, QRect]:
        """The card's first line: the title (bold, elided) and, right-aligned, the time
        spent and when. The title gets what the meta text leaves, measured in the bold
        font it is drawn in, so a long title never runs into its timestamp."""
        # The user's zone, as everywhere; day and month the locale's way (14/10 09:40).
        moment = event.occurred_at
        stamp = f"{locale_day_month(moment)} {locale_time(moment).split(' ')[-1]}"
        spent = minutes_label(event.minutes)
        meta = " · ".join(x for x in (spent, internal_mark() if event.internal else "", stamp) if x)
        meta_width = QFontMetrics(font).horizontalAdvance(meta)
        meta_rect = QRect(line.right() - meta_width, line.top(), meta_width + 1, line.height())
        room = max(0, line.width() - meta_width - TITLE_GAP)
        title = QFontMetrics(_bold(font)).elidedText(
            headline(event), Qt.TextElideMode.ElideRight, room
        )
        return title, QRect(line.left(), line.top(), room, line.height()), meta, meta_rect

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        event = self._event(index)
        if event is None:
            return
        c = colors()
        painter.save()
        card = option.rect.adjusted(6, 3, -6, -3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(c["border"]))
        painter.setBrush(QColor(c["internal"] if event.internal else c["base"]))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QColor(c["highlight"]))
        painter.drawRoundedRect(card, 6, 6)
        inner = card.adjusted(PAD, PAD - 2, -PAD, -PAD + 2)
        kind_icon = icon(kind_icon_name(event))
        kind_icon.paint(painter, QRect(inner.left(), inner.top(), ICON, ICON))
        text_left = inner.left() + ICON + 8
        fm = QFontMetrics(option.font)
        line = QRect(text_left, inner.top(), inner.right() - text_left, fm.height())
        title, title_rect, meta, meta_rect = self.head(option.font, line, event)
        painter.setFont(_bold(option.font))
        painter.setPen(QColor(c["text"]))
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(option.font)
        painter.setPen(QColor(c["muted"]))
        painter.drawText(meta_rect, Qt.AlignmentFlag.AlignRight, meta)
        text = details(event)
        if text:
            painter.setPen(QColor(c["text"]))
            body = QRect(
                text_left,
                inner.top() + fm.height() + 6,
                line.width(),
                inner.bottom() - inner.top() - fm.height(),
            )
            painter.drawText(body, Qt.TextFlag.TextWordWrap, text)
        painter.restore()


class HistoryPane(QFrame):
    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.model = model
        title = QLabel(translate("HistoryPane", "History"))
        title.setObjectName("paneTitle")
        self.total = QLabel()
        self.total.setProperty("role", "muted")
        self.total.setAccessibleName(translate("HistoryPane", "Total time logged"))
        self.kind = shrinkable(QComboBox())  # "Κατάσταση και ανάθεση" kept the pane wide
        for name in KIND_FILTERS:  # the English name is the data; people read their language
            self.kind.addItem(translate("HistoryPane", name), name)
        self.kind.setAccessibleName(translate("HistoryPane", "Show events of kind"))
        self.kind.currentIndexChanged.connect(lambda _: self._filter(self.kind.currentData()))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.total)
        head.addWidget(self.kind)
        self.list = QListView()
        self.list.setObjectName("history")
        self.list.setAccessibleName(translate("HistoryPane", "Ticket history"))
        self.list.setModel(model)
        self.list.setItemDelegate(EventDelegate(self.list))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)

    def show_ticket(self, view: TicketView | None) -> None:
        self.model.set_events(list(view.history) if view else [])
        self._update_total()
        if view is not None:
            self.list.scrollToBottom()

    def _filter(self, name: str) -> None:
        self.model.set_kind_filter(KIND_FILTERS.get(name))

    def _update_total(self) -> None:
        spent = minutes_label(self.model.total_minutes()) or translate("HistoryPane", "0 min")
        self.total.setText(translate("HistoryPane", "Total time {spent}").format(spent=spent))
