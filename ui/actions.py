"""The application's actions (menu bar, toolbar, shortcuts), built in one place."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar

from ui.theme import icon
from ui.views.ticket_steps import TicketSteps

# name: (label, icon, shortcut, tip)
SPECS = {
    "new_ticket": ("&New ticket…", "new", "Ctrl+N", "Open a new ticket"),
    "search": ("&Search", "search", "Ctrl+F", "Search the queue"),
    "next": ("&Next ticket", "next", "Ctrl+Down", "Select the next ticket"),
    "previous": ("&Previous ticket", "previous", "Ctrl+Up", "Select the previous ticket"),
    "comment": ("&Comment", "comment", "Ctrl+M", "Write a comment on this ticket"),
    "take_next": ("Take ne&xt", "take_next", "Ctrl+Shift+N", "Take the most urgent ticket"),
    "assign_selected": (
        "&Assign selected…",
        "assign",
        "Ctrl+Shift+A",
        "Assign the selected tickets",
    ),
    "refresh": ("&Refresh", "refresh", "F5", "Reload the queue and the ticket"),
    "ticket_report": ("Ticket &report (PDF)…", "report", "Ctrl+P", "Save this ticket's report"),
    "promotion_wizard": (
        "Release &promotion…",
        "release",
        # Not Ctrl+Shift+R: that resolves the current ticket (one key, one action).
        "Ctrl+Alt+R",
        "Promote a release: test, customer verification, production",
    ),
    "version_matrix": ("&Version matrix", "matrix", "Ctrl+Shift+V", "Versions per customer"),
    "pending_verifications": (
        "Pending &verifications",
        "pending",
        "Ctrl+Shift+P",
        "Customers we wait for to verify a release",
    ),
    "dashboard": ("&Dashboard", "dashboard", "Ctrl+Shift+D", "SLA, backlog and load figures"),
    "administration": (
        "&Administration…",
        "database",
        "Ctrl+Alt+A",
        "People, customers, contracts and SLA, products, assignment, mail, company",
    ),
    "quit": ("&Quit", "quit", "Ctrl+Q", "Quit SupportDesk"),
}


class AppActions:
    def __init__(self, window: QMainWindow, steps: TicketSteps) -> None:
        self.steps = steps
        self.by_name: dict[str, QAction] = {}
        for name, (label, icon_name, shortcut, tip) in SPECS.items():
            action = QAction(icon(icon_name), label, window)
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
        file = bar.addMenu("&File")
        file.addAction(self["new_ticket"])
        file.addAction(self["refresh"])
        file.addSeparator()
        file.addAction(self["administration"])
        file.addSeparator()
        file.addAction(self["quit"])
        view = bar.addMenu("&View")
        for name in ("search", "next", "previous"):
            view.addAction(self[name])
        ticket = bar.addMenu("&Ticket")
        ticket.addAction(self["take_next"])
        ticket.addAction(self["assign_selected"])
        ticket.addAction(self["comment"])
        ticket.addAction(self["ticket_report"])
        # The workflow steps, always listed with their keys; disabled when not possible now.
        workflow = bar.addMenu("&Workflow")
        for action in self.steps.actions.values():
            workflow.addAction(action)
        releases = bar.addMenu("&Releases")
        for name in ("promotion_wizard", "pending_verifications", "version_matrix"):
            releases.addAction(self[name])
        reports = bar.addMenu("Re&ports")
        reports.addAction(self["dashboard"])
        reports.addAction(self["ticket_report"])

    def build_toolbar(self, toolbar: QToolBar) -> None:
        for name in ("new_ticket", "take_next", "refresh"):
            toolbar.addAction(self[name])
        toolbar.addSeparator()
        for name in ("previous", "next", "comment"):
            toolbar.addAction(self[name])
