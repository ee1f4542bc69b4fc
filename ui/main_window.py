"""The main window: it only composes panes, actions and menus, and remembers its layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolBar, QWidget

from app.domain.calendar import holiday_rules_loaded
from app.domain.queue import SavedView
from app.domain.roles import Permission, Role, allows
from app.services.dto import TicketView
from ui import splitter_shares
from ui.actions import AppActions
from ui.admin import may_administer
from ui.app_context import AppContext
from ui.commands import Commands
from ui.current_ticket import CurrentTicket
from ui.housekeeping import Housekeeping, Round
from ui.i18n import translate
from ui.language_menu import language_menu
from ui.live import ChangeWatcher
from ui.models.history_model import HistoryModel
from ui.notifier import DeskNotifier
from ui.theme import app_icon
from ui.tool_windows import ToolWindows
from ui.views.attachment_strip import AttachmentStrip
from ui.views.composer import Composer
from ui.views.help import HelpMenu
from ui.views.history_pane import HistoryPane
from ui.views.queue_view import QueueView
from ui.views.sidebar import Sidebar
from ui.views.status_bar import AppStatusBar
from ui.views.ticket_area import TicketArea

if TYPE_CHECKING:
    from ui.admin.window import AdministrationWindow
from ui.views.ticket_detail import TicketDetail
from ui.views.unsaved import ask_unsaved


def _screen_key(room: QRect) -> str:
    """The screen a geometry belongs to: its usable size."""
    return f"{room.width()}x{room.height()}"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._splitters_restored = False
        self.admin_window: AdministrationWindow | None = None
        self._quitting = False  # set once unsaved edits were saved or knowingly discarded
        self._log_out_asked = False
        self.logged_out = False  # closed to log in again (ui.main starts a new session)
        self.unsaved_box: QMessageBox | None = None
        self.setWindowTitle(f"SupportDesk — {ctx.actor.full_name or ctx.actor.username}")
        self.setWindowIcon(app_icon())
        self.current = CurrentTicket(ctx, self)
        self.sidebar = Sidebar(ctx)
        self.queue = QueueView(ctx)
        self.detail = TicketDetail(ctx, self.current)
        self.history = HistoryPane(HistoryModel(self))
        self.files = AttachmentStrip(ctx)  # the ticket's files, under its history
        history_layout = self.history.layout()
        assert history_layout is not None  # the pane lays itself out in its constructor
        history_layout.addWidget(self.files)
        self.composer = Composer(ctx)
        self.commands = Commands(ctx, self)
        self.tools = ToolWindows(ctx, self)
        self.actions_ = AppActions(self, self.detail.steps)
        self._compose()
        self._wire()
        self._restore()
        self._start_watching()
        self._start_housekeeping()
        # The first ticket opened or changed would otherwise load the holidays' rules
        # inside that action (0.3 s, more on a busy machine). ui.main loads them while
        # the login window is up; a window opened otherwise (tests, tools) asks here,
        # behind the first page (later=True).
        if not holiday_rules_loaded():
            ctx.runner.submit(ctx.services.sla.warm_up, label="warm-up", later=True)

    # -- composition -----------------------------------------------------------------------

    def _compose(self) -> None:
        # Detail, history and composer: side by side, or tabbed on a narrow window.
        self.area = TicketArea(self.detail, self.history, self.composer)
        new_splitter = splitter_shares.new_splitter
        self.centre = new_splitter(Qt.Orientation.Vertical, "queueSplit", self.queue, self.area)
        self.main_split = new_splitter(
            Qt.Orientation.Horizontal, "mainSplit", self.sidebar, self.centre
        )
        self.main_split.setStretchFactor(1, 1)
        self.splitters = [self.main_split, self.centre, *self.area.splitters]
        self.setCentralWidget(self.main_split)
        toolbar = QToolBar(translate("MainWindow", "Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        self.actions_.build_toolbar(toolbar)
        self.actions_.build_menus(self.menuBar())
        self.actions_.view_menu.addSeparator()
        self.actions_.view_menu.addMenu(language_menu(self, self.ctx.settings))
        self.setStatusBar(AppStatusBar(self.ctx, self))
        self.help = HelpMenu(self.ctx, self, self.menuBar())  # last menu: Help
        self.actions_["take_next"].setVisible(self.ctx.actor.role == Role.ENGINEER)
        manager = allows(self.ctx.actor.role, Permission.ASSIGN_OTHERS)
        self.actions_["assign_selected"].setVisible(manager)
        self.actions_["dashboard"].setVisible(self.tools.can_see_dashboard)
        self.actions_["monthly_report"].setVisible(
            allows(self.ctx.actor.role, Permission.RECORD_CUSTOMER_RESPONSE)
        )
        self.actions_["administration"].setVisible(may_administer(self.ctx))
        self.actions_["unmatched_mail"].setVisible(
            allows(self.ctx.actor.role, Permission.RECORD_CUSTOMER_RESPONSE)
        )
        for name in ("promotion_wizard", "pending_verifications"):
            self.actions_[name].setVisible(self.tools.can_promote)
        if manager:  # right-click on the queue offers bulk assignment
            self.queue.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            self.queue.table.addAction(self.actions_["assign_selected"])

    def _wire(self) -> None:
        a = self.actions_
        self.sidebar.view_selected.connect(self.queue.set_view)
        self.sidebar.attach_queue(self.queue)  # saved searches read and show the queue
        self.sidebar.searches.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.queue.ticket_selected.connect(self._select)
        self.current.loaded.connect(self.history.show_ticket)
        self.current.loaded.connect(self.files.show_ticket)
        self.current.loaded.connect(self.composer.set_ticket)
        self.current.loaded.connect(self._title)
        for signal in (self.composer.sent, self.detail.steps.done, self.detail.saved):
            signal.connect(self._after_change)
        self.composer.sent.connect(lambda _v: self.current.reload())
        self.commands.opened.connect(self._opened)
        self.commands.changed.connect(self.refresh)
        a["assign_selected"].triggered.connect(
            lambda: self.commands.bulk_assign(self.queue.selected_numbers())
        )
        self.commands.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        a["new_ticket"].triggered.connect(self.commands.new_ticket)
        a["export_queue"].triggered.connect(
            lambda: self.commands.export_queue(self.queue.filter, self.queue.model.sort_order)
        )
        a["take_next"].triggered.connect(self.commands.take_next)
        a["search"].triggered.connect(self.queue.focus_search)
        a["next"].triggered.connect(lambda: self.queue.step_selection(1))
        a["previous"].triggered.connect(lambda: self.queue.step_selection(-1))
        a["comment"].triggered.connect(self.area.focus_composer)
        a["refresh"].triggered.connect(self.refresh)
        a["quit"].triggered.connect(self.close)
        a["log_out"].triggered.connect(self.log_out)
        a["promotion_wizard"].triggered.connect(
            lambda _checked=False: self.tools.promotion_wizard()
        )
        a["version_matrix"].triggered.connect(self.tools.version_matrix)
        a["pending_verifications"].triggered.connect(self.tools.pending_verifications)
        a["dashboard"].triggered.connect(self.tools.dashboard)
        a["monthly_report"].triggered.connect(self._monthly_report)
        a["unmatched_mail"].triggered.connect(self.tools.unmatched_mail)
        a["administration"].triggered.connect(self.administration)
        a["ticket_report"].triggered.connect(lambda: self.tools.ticket_report(self.current.number))
        self.tools.open_tickets.connect(self._show_tickets)
        self.tools.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))

    # -- unsaved edits are never dropped silently ------------------------------------------

    def _select(self, number: str | None) -> None:
        """Move to another ticket, asking first when the detail pane has unsaved edits."""
        here = self.current.number
        if number == here or self.unsaved_box is not None:
            return
        if not self.detail.edits() or here is None:
            self.current.open(number)
            return
        self.unsaved_box = ask_unsaved(
            self,
            here,
            on_save=lambda: self._leave(
                here, lambda: self.detail.save(then=lambda: self._go(number))
            ),
            on_discard=lambda: self._leave(here, lambda: self._go(number)),
            on_cancel=lambda: self._leave(here, lambda: None),
        )

    def _leave(self, here: str, then: Callable[[], None]) -> None:
        """The queue shows ``here`` again until the edits are saved or discarded."""
        self.unsaved_box = None
        self.queue.select_number(here)  # the same ticket: _select ignores it
        then()

    def _go(self, number: str | None) -> None:
        self.current.open(number)
        if number is not None:
            self.queue.select_number(number)  # now the current one: _select ignores it

    def log_out(self) -> None:
        """Close this session (asking about unsaved edits first); ui.main logs in anew."""
        self._log_out_asked = True
        self.close()

    def _stay(self) -> None:
        self.unsaved_box = None
        self._log_out_asked = False

    def _quit_after(self, discard: bool) -> None:
        self.unsaved_box = None
        if discard:
            self._quitting = True
            self.close()
        else:
            self.detail.save(then=self._quit_now)

    def _quit_now(self) -> None:
        self._quitting = True
        self.close()

    def _monthly_report(self) -> None:
        from ui.dialogs.monthly_report import MonthlyReportDialog

        dialog = MonthlyReportDialog(self.ctx.services, self.ctx.actor, self.ctx.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def administration(self) -> AdministrationWindow:
        """Open (or bring forward) the Administration window (issue 13)."""
        if self.admin_window is None:
            from ui.admin.window import AdministrationWindow  # its sections load on first use

            self.admin_window = AdministrationWindow(self.ctx, parent=self)
        self.admin_window.show()
        self.admin_window.raise_()
        self.admin_window.activateWindow()
        return self.admin_window

    def _title(self, view: TicketView | None) -> None:
        who = self.ctx.actor.full_name or self.ctx.actor.username
        where = f"{view.number} · " if view else ""
        self.setWindowTitle(f"{where}SupportDesk — {who}")

    # -- reacting --------------------------------------------------------------------------

    def _opened(self, view: TicketView) -> None:
        self.current.open(view.number)
        self._after_change(view)

    def _show_tickets(self, numbers: list[str]) -> None:
        """Click-through from a figure: open the first ticket, list the rest."""
        if not numbers:
            return
        self.current.open(numbers[0])
        self.raise_()
        more = f" (and {len(numbers) - 1} more: {', '.join(numbers[1:6])}…)" if numbers[1:] else ""
        self.statusBar().showMessage(f"{numbers[0]}{more}", 15000)

    def _after_change(self, _view: object = None) -> None:
        self.queue.refresh()
        self.sidebar.refresh_counts()

    def refresh(self) -> None:
        self._after_change()
        if not self.detail.edits():  # never throw away unsaved edits
            self.current.reload()

    def _start_housekeeping(self) -> None:
        self.housekeeping = Housekeeping(self.ctx.services, self.ctx.actor, self.ctx.runner, self)
        self.housekeeping.finished.connect(self._after_housekeeping)
        self.housekeeping.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.housekeeping.start()

    def _after_housekeeping(self, round_: Round) -> None:
        if round_.escalations or round_.assigned:
            self.refresh()

    def _start_watching(self) -> None:
        self.watcher = ChangeWatcher(self.ctx.services, self)
        self.watcher.changed.connect(self.refresh)
        self.watcher.changed.connect(self.tools.refresh_open)
        # Tray notifications for my tickets (assigned, customer replied, at risk).
        self.notifier = DeskNotifier(self.ctx, self)
        self.watcher.changed.connect(self.notifier.check)
        self.notifier.check()  # the baseline: logging in notifies nothing
        status = self.statusBar()
        if isinstance(status, AppStatusBar):
            status.watch_connection(self.watcher)
        self.watcher.start()

    # -- layout memory ---------------------------------------------------------------------

    def _restore(self) -> None:
        s = self.ctx.settings
        geometry = s.value("window/geometry")
        room = self.screen().availableGeometry()
        if (
            isinstance(geometry, QByteArray)
            and not geometry.isEmpty()
            and s.value("window/screen") == _screen_key(room)
        ):
            self.restoreGeometry(geometry)
        else:
            # A first start, or a desk last closed on another screen: roomy, but never
            # past this screen. On a 1024x700 laptop the fixed 1440x900 ran off its
            # edges, and a geometry saved on a 1920x1080 monitor came back as a squeezed
            # 880x511 window with three queue rows (both seen under Xvfb).
            self.resize(min(1440, room.width()), min(900, room.height()))
            self.move(room.topLeft())
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        view = str(s.value("queue/view", SavedView.ALL_OPEN.value))
        self.sidebar.select(SavedView(view) if view in set(SavedView) else SavedView.ALL_OPEN)
        self.sidebar.refresh_counts()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Splitter sizes are restored once the window has its real size, not before."""
        super().showEvent(event)
        if not self._splitters_restored:
            self._splitters_restored = True
            # After the first layout pass, so the sizes apply to the splitters' real size.
            QTimer.singleShot(0, self._restore_splitters)

    def _restore_splitters(self) -> None:
        small = self.height() < 800  # a laptop: the queue gets half of the height
        defaults = {
            "mainSplit": [0.17, 0.83] if self.width() >= 1200 else [0.19, 0.81],
            "queueSplit": [0.5, 0.5] if small else [0.42, 0.58],
            "detailSplit": [0.46, 0.54],
            "historySplit": [0.77, 0.23],
        }
        for splitter in (self.main_split, self.centre):
            splitter_shares.restore(self.ctx.settings, splitter, defaults[splitter.objectName()])
        self.area.restore(self.ctx.settings, defaults)  # held while its panes are tabbed

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        number = self.current.number
        if not self._quitting and number and self.detail.edits():
            event.ignore()  # ask first; the answer closes the window again (or not)
            if self.unsaved_box is None:
                self.unsaved_box = ask_unsaved(
                    self,
                    number,
                    on_save=lambda: self._quit_after(discard=False),
                    on_discard=lambda: self._quit_after(discard=True),
                    on_cancel=self._stay,
                )
            return
        self.logged_out = self._log_out_asked
        s = self.ctx.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/screen", _screen_key(self.screen().availableGeometry()))
        s.setValue("window/state", self.saveState())
        for splitter in (self.main_split, self.centre):
            splitter_shares.save(s, splitter)
        self.area.save(s)
        s.setValue("queue/view", self.sidebar.current().value)
        s.sync()
        self.composer.keep_draft()
        self.housekeeping.stop()
        self.watcher.stop()
        super().closeEvent(event)
