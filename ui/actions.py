"""The application's actions (menu bar, toolbar, shortcuts), built in one place."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar

from ui.i18n import translate
from ui.theme import icon
from ui.views.ticket_steps import TicketSteps

# name: (label, icon, shortcut, tip); labels and tips are translated when the action is made
SPECS = {
    "new_ticket": (
        QT_TRANSLATE_NOOP("AppActions", "&New ticket…"),
        "new",
        "Ctrl+N",
        QT_TRANSLATE_NOOP("AppActions", "Open a new ticket"),
    ),
    "export_queue": (
        QT_TRANSLATE_NOOP("AppActions", "E&xport queue (CSV)…"),
        "report",
        "Ctrl+Shift+E",
        QT_TRANSLATE_NOOP("AppActions", "Save the tickets the queue shows as a CSV file"),
    ),
    "search": (
        QT_TRANSLATE_NOOP("AppActions", "&Search"),
        "search",
        "Ctrl+F",
        QT_TRANSLATE_NOOP("AppActions", "Search the queue"),
    ),
    "next": (
        QT_TRANSLATE_NOOP("AppActions", "&Next ticket"),
        "next",
        "Ctrl+Down",
        QT_TRANSLATE_NOOP("AppActions", "Select the next ticket"),
    ),
    "previous": (
        QT_TRANSLATE_NOOP("AppActions", "&Previous ticket"),
        "previous",
        "Ctrl+Up",
        QT_TRANSLATE_NOOP("AppActions", "Select the previous ticket"),
    ),
    "comment": (
        QT_TRANSLATE_NOOP("AppActions", "&Comment"),
        "comment",
        "Ctrl+M",
        QT_TRANSLATE_NOOP("AppActions", "Write a comment on this ticket"),
    ),
    "take_next": (
        QT_TRANSLATE_NOOP("AppActions", "Take ne&xt"),
        "take_next",
        "Ctrl+Shift+N",
        QT_TRANSLATE_NOOP("AppActions", "Take the most urgent ticket"),
    ),
    "assign_selected": (
        QT_TRANSLATE_NOOP("AppActions", "&Assign selected…"),
        "assign",
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP("AppActions", "Assign the selected tickets"),
    ),
    "refresh": (
        QT_TRANSLATE_NOOP("AppActions", "&Refresh"),
        "refresh",
        "F5",
        QT_TRANSLATE_NOOP("AppActions", "Reload the queue and the ticket"),
    ),
    "ticket_report": (
        QT_TRANSLATE_NOOP("AppActions", "Ticket &report (PDF)…"),
        "report",
        "Ctrl+P",
        QT_TRANSLATE_NOOP("AppActions", "Save this ticket's report"),
    ),
    "promotion_wizard": (
        QT_TRANSLATE_NOOP("AppActions", "Release &promotion…"),
        "release",
        # Not Ctrl+Shift+R: that resolves the current ticket (one key, one action).
        "Ctrl+Alt+R",
        QT_TRANSLATE_NOOP(
            "AppActions", "Promote a release: test, customer verification, production"
        ),
    ),
    "version_matrix": (
        QT_TRANSLATE_NOOP("AppActions", "&Version matrix"),
        "matrix",
        "Ctrl+Shift+V",
        QT_TRANSLATE_NOOP("AppActions", "Versions per customer"),
    ),
    "pending_verifications": (
        QT_TRANSLATE_NOOP("AppActions", "Pending &verifications"),
        "pending",
        "Ctrl+Shift+P",
        QT_TRANSLATE_NOOP("AppActions", "Customers we wait for to verify a release"),
    ),
    "dashboard": (
        QT_TRANSLATE_NOOP("AppActions", "&Dashboard"),
        "dashboard",
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP("AppActions", "SLA, backlog and load figures"),
    ),
    "unmatched_mail": (
        QT_TRANSLATE_NOOP("AppActions", "&Unmatched mail"),
        "mail_unmatched",
        "Ctrl+Shift+U",
        QT_TRANSLATE_NOOP("AppActions", "Mail from unknown senders, waiting for a decision"),
    ),
    "monthly_report": (
        QT_TRANSLATE_NOOP("AppActions", "&Monthly SLA report…"),
        "report",
        "Ctrl+Alt+M",
        QT_TRANSLATE_NOOP(
            "AppActions", "A customer's availability, alerts, SLA figures and credits of a month"
        ),
    ),
    "administration": (
        QT_TRANSLATE_NOOP("AppActions", "&Administration…"),
        "database",
        "Ctrl+Alt+A",
        QT_TRANSLATE_NOOP(
            "AppActions",
            "People, customers, contracts and SLA, products, assignment, mail, company",
        ),
    ),
    "log_out": (
        QT_TRANSLATE_NOOP("AppActions", "&Log out / switch user…"),
        "quit",
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP("AppActions", "Close this session and log in again, as anyone"),
    ),
    "quit": (
        QT_TRANSLATE_NOOP("AppActions", "&Quit"),
        "quit",
        "Ctrl+Q",
        QT_TRANSLATE_NOOP("AppActions", "Quit SupportDesk"),
    ),
}


class AppActions:
    def __init__(self, window: QMainWindow, steps: TicketSteps) -> None:
        self.steps = steps
        self.by_name: dict[str, QAction] = {}
        for name, (label, icon_name, shortcut, tip_source) in SPECS.items():
            tip = translate("AppActions", str(tip_source))
            action = QAction(icon(icon_name), translate("AppActions", str(label)), window)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{tip} ({shortcut})")
            action.setStatusTip(tip)
            window.addAction(action)  # shortcuts work wherever the focus is
            self.by_name[name] = action
        for action in steps.actions.values():
            window.addAction(action)

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def build_menus(self, bar: QMenuBar) -> None:
        file = bar.addMenu(translate("AppActions", "&File"))
        file.addAction(self["new_ticket"])
        file.addAction(self["refresh"])
        file.addAction(self["export_queue"])
        file.addSeparator()
        file.addAction(self["administration"])
        file.addSeparator()
        file.addAction(self["log_out"])
        file.addAction(self["quit"])
        view = bar.addMenu(translate("AppActions", "&View"))
        self.view_menu = view  # the main window adds the Language menu here
        for name in ("search", "next", "previous"):
            view.addAction(self[name])
        ticket = bar.addMenu(translate("AppActions", "&Ticket"))
        ticket.addAction(self["take_next"])
        ticket.addAction(self["assign_selected"])
        ticket.addAction(self["comment"])
        ticket.addAction(self["ticket_report"])
        ticket.addAction(self["unmatched_mail"])
        # The workflow steps, always listed with their keys; disabled when not possible now.
        workflow = bar.addMenu(translate("AppActions", "&Workflow"))
        for action in self.steps.actions.values():
            workflow.addAction(action)
        releases = bar.addMenu(translate("AppActions", "&Releases"))
        for name in ("promotion_wizard", "pending_verifications", "version_matrix"):
            releases.addAction(self[name])
        reports = bar.addMenu(translate("AppActions", "Re&ports"))
        reports.addAction(self["dashboard"])
        reports.addAction(self["ticket_report"])
        reports.addAction(self["monthly_report"])

    def build_toolbar(self, toolbar: QToolBar) -> None:
        for name in ("new_ticket", "take_next", "refresh"):
            toolbar.addAction(self[name])
        toolbar.addSeparator()
        for name in ("previous", "next", "comment"):
            toolbar.addAction(self[name])
