"""Status bar: connection, who is logged in, busy indicator, and (engineers) availability."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QCheckBox, QLabel, QProgressBar, QStatusBar, QWidget

from app.domain.errors import describe
from app.domain.roles import Permission, allows
from ui.app_context import AppContext
from ui.domain_labels import label
from ui.i18n import translate
from ui.live import ChangeWatcher
from ui.timefmt import user_zone_name


class AppStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.connection = QLabel(ctx.connection_label)
        self.connection.setAccessibleName(translate("StatusBar", "Connection"))
        who = ctx.actor.full_name or ctx.actor.username
        self.user = QLabel(f"{who} · {label(ctx.actor.role.value)}")
        self.user.setAccessibleName(translate("StatusBar", "Logged in as"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(translate("StatusBar", "Working"))
        self.busy.hide()
        self.available: QCheckBox | None = None
        self.addPermanentWidget(self.busy)
        if allows(ctx.actor.role, Permission.SET_OWN_AVAILABILITY):
            self.available = QCheckBox(translate("StatusBar", "Available"))
            self.available.setAccessibleName(
                translate("StatusBar", "I am available for new tickets")
            )
            self.available.setEnabled(False)
            self.available.clicked.connect(self._toggle)
            self.addPermanentWidget(self.available)
            self._load_availability()
        # The one zone every time on screen (and in PDFs) is shown in, named.
        self.zone = QLabel(translate("StatusBar", "Times in %1").replace("%1", user_zone_name()))
        self.zone.setAccessibleName(translate("StatusBar", "Time zone of the times shown"))
        self.addPermanentWidget(self.zone)
        self.addPermanentWidget(self.user)
        self.addPermanentWidget(self.connection)
        ctx.runner.busy_changed.connect(self.busy.setVisible)
        ctx.runner.failed.connect(lambda text: self.showMessage(text, 8000))
        # A PostgreSQL connection without TLS is said, visibly and for good (issue 11).
        self.unencrypted = QLabel(translate("StatusBar", "Not encrypted"))
        self.unencrypted.setAccessibleName(translate("StatusBar", "Connection not encrypted"))
        self.unencrypted.setToolTip(
            translate(
                "StatusBar",
                "The connection to the database server is not encrypted: others on the "
                "network can read it. Ask for TLS (sslmode verify-full with the CA file).",
            )
        )
        self.unencrypted.setStyleSheet("color: white; background: #b3261e; padding: 0 4px;")
        self.unencrypted.hide()
        self.addPermanentWidget(self.unencrypted)
        users = ctx.services.users
        # Nobody waits for these two: behind the queue's first page (ui.tasks, ``later``).
        ctx.runner.submit(users.connection_encrypted, self._encrypted, lambda _e: None, later=True)

    def _encrypted(self, encrypted: bool | None) -> None:
        self.unencrypted.setVisible(encrypted is False)

    def watch_connection(self, watcher: ChangeWatcher) -> None:
        """Show "connection lost — reconnecting" while the watcher cannot reach the
        database; nothing on screen is dropped meanwhile (drafts stay in their editors)."""
        watcher.connection.connect(self._connection_state)

    def _connection_state(self, reachable: bool, message: str) -> None:
        if reachable:
            self.connection.setText(self.ctx.connection_label)
            self.connection.setToolTip("")
            self.connection.setStyleSheet("")
            self.showMessage(translate("StatusBar", "Connection restored"), 5000)
            return
        self.connection.setText(translate("StatusBar", "Connection lost — reconnecting…"))
        # Escaped inside a paragraph: Qt would otherwise guess whether it is rich text.
        self.connection.setToolTip(f"<p>{html.escape(message)}</p>")
        self.connection.setStyleSheet("color: palette(highlighted-text); background: #b3261e;")

    def _load_availability(self) -> None:
        assignment, actor = self.ctx.services.assignment, self.ctx.actor
        self.ctx.runner.submit(
            lambda: assignment.status(actor), self._show_state, lambda _e: None, later=True
        )

    def _show_state(self, status: object) -> None:
        if self.available is not None:
            self.available.setChecked(getattr(status, "state", "") == "available")
            self.available.setEnabled(True)

    def _toggle(self, checked: bool) -> None:
        assignment, actor = self.ctx.services.assignment, self.ctx.actor
        state = "available" if checked else "away"
        self.ctx.runner.submit(
            lambda: assignment.set_state(actor, state), self._show_state, self._refused
        )

    def _refused(self, exc: Exception) -> None:
        self.showMessage(describe(exc), 8000)
        self._load_availability()  # show the state as it really is
