"""The current ticket's panes below the queue: its detail, its history and the composer.

Side by side when the area is wide and tall enough; on a narrow (or short) one a tab
bar shows them one at a time, each at the area's full size. Seen under Xvfb at 1024x700
in Greek: side by side, the history column kept ~630 px (the composer's one-row
controls) and the detail got ~185, its fields cut off at the right. Stacking them
instead was not taken: the area is ~300 px high there, so three stacked panes would get
under 100 px each (the composer alone needs ~190).

The splitters keep the shares the user left side by side; while the panes are tabbed
those shares are held here, saved as they were, and laid out again once there is room.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabBar, QVBoxLayout, QWidget

from ui import splitter_shares
from ui.i18n import translate
from ui.views.composer import Composer
from ui.views.history_pane import HistoryPane
from ui.views.ticket_detail import TicketDetail

# Below this width (px) the panes are tabbed: side by side the detail (~46 %) would get
# under ~400 px, where the Greek form's labels leave its fields too little room.
WIDE_FROM = 880
# ... and below this height: under the composer (~200-230 px) the history kept one card
# (seen under Xvfb at 1280x720, Greek: the area is ~310 px high there). Dragging the
# queue's splitter down past it puts them side by side again.
TALL_FROM = 400
TICKET, HISTORY, COMMENT = range(3)


class TicketArea(QWidget):
    def __init__(
        self,
        detail: TicketDetail,
        history: HistoryPane,
        composer: Composer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.detail, self.history, self.composer = detail, history, composer
        self.right = splitter_shares.new_splitter(
            Qt.Orientation.Vertical, "historySplit", history, composer
        )
        self.right.setStretchFactor(0, 1)
        self.split = splitter_shares.new_splitter(
            Qt.Orientation.Horizontal, "detailSplit", detail, self.right
        )
        self.splitters = [self.split, self.right]
        self.tabs = QTabBar()
        self.tabs.setObjectName("ticketTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setAccessibleName(translate("TicketArea", "Ticket panes"))
        for name in (
            translate("TicketArea", "Ticket"),
            translate("TicketArea", "History"),
            translate("TicketArea", "Comment"),
        ):
            self.tabs.addTab(name)
        self.tabs.hide()
        self.tabs.currentChanged.connect(self._show_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.split, 1)
        self.narrow = False
        self._shares: dict[str, list[float]] = {}  # each splitter's, as last seen side by side
        composer.sent.connect(self._after_send)
        self.split.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # Before the splitter lays its panes out at a new width: their shares as the user
        # left them (afterwards a pane may be held at its least width, or be hidden).
        if watched is self.split and event.type() == QEvent.Type.Resize and not self.narrow:
            self._keep_shares()
        return super().eventFilter(watched, event)

    # -- narrow or wide ----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        size = event.size()
        self.set_narrow(size.width() < WIDE_FROM or size.height() < TALL_FROM)

    def set_narrow(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.tabs.setVisible(narrow)
        if narrow:
            self._show_tab(self.tabs.currentIndex())
            return
        for pane in (self.history, self.composer, self.right, self.detail):  # see _show_tab
            pane.show()
        # Once the splitters have their new width (after this resize is laid out).
        QTimer.singleShot(0, self._apply_shares)

    def _show_tab(self, index: int) -> None:
        if not self.narrow:
            return
        # The history's splitter's panes first: a nested QSplitter shown while all its
        # panes are hidden sets its own maximum size to 0 and kept it (seen offscreen:
        # the history tab, then the panes side by side again, were 0 px wide).
        self.history.setVisible(index == HISTORY)
        self.composer.setVisible(index == COMMENT)
        self.right.setVisible(index != TICKET)
        self.detail.setVisible(index == TICKET)

    def show_pane(self, index: int) -> None:
        """Bring one pane into view (on a wide area they are all in view)."""
        self.tabs.setCurrentIndex(index)

    def focus_composer(self) -> None:
        if self.narrow:
            self.show_pane(COMMENT)
        self.composer.focus()

    def _after_send(self, _view: object) -> None:
        # Sent from the Comment tab: the history shows it, where it now stands.
        if self.narrow and self.tabs.currentIndex() == COMMENT:
            self.show_pane(HISTORY)

    # -- remembered shares -------------------------------------------------------------------

    def _keep_shares(self) -> None:
        for splitter in self.splitters:
            shown = splitter_shares.shown_shares(splitter)
            if shown is not None:
                self._shares[splitter.objectName()] = shown

    def _apply_shares(self) -> None:
        if self.narrow:
            return
        for splitter in self.splitters:
            shares = self._shares.get(splitter.objectName())
            if shares is not None:
                splitter_shares.apply(splitter, shares)

    def restore(self, settings: QSettings, defaults: dict[str, list[float]]) -> None:
        """The remembered shares (or the defaults), laid out now if side by side."""
        for splitter in self.splitters:
            name = splitter.objectName()
            self._shares[name] = splitter_shares.remembered(settings, splitter, defaults[name])
        self._apply_shares()

    def save(self, settings: QSettings) -> None:
        if not self.narrow:
            self._keep_shares()
        for splitter in self.splitters:
            splitter_shares.save(settings, splitter, self._shares.get(splitter.objectName()))
