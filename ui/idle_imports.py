"""The main window's modules, imported on the GUI thread while the login dialog waits.

Opening the main window after a login imported some sixty modules first: 0.3 s of CPU,
0.6–0.9 s of wall time with a cold disk (issue 19's desktop drive), all of it on the GUI
thread with the login dialog frozen. Imported one module per idle turn of the event loop
while the user types, the window then only builds its widgets (~0.1 s).

Why the GUI thread and not a worker: Qt's enum classes are made on first use and a
module may build Qt objects when imported; and two threads importing modules that import
each other can meet a half-imported module (the login's "failed to locate a name" race,
session 8). ``ui.main`` starts these imports once the services' warm-up has finished, so
no worker thread is importing at the same time.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# Leaves first, as they finish loading when the window is opened cold, so each idle turn
# runs one module's own code (tests/ui/test_idle_imports.py keeps the list complete and
# in this order).
WINDOW_MODULES: tuple[str, ...] = (
    "ui.splitter_shares",
    "ui.views",
    "ui.drafts",
    "ui.ticket_actions",
    "ui.app_context",
    "ui.current_ticket",
    "ui.dialogs.base",
    "ui.step_calls",
    "ui.dialogs.cancel",
    "ui.timefmt",
    "ui.domain_labels",
    "ui.value_labels",
    "ui.dialogs.customer_answer",
    "ui.dialogs.customer_reply",
    "ui.dialogs.reassign",
    "ui.dialogs.resolve",
    "ui.views.flow_layout",
    "ui.views.ticket_steps",
    "ui.actions",
    "ui.admin",
    "ui.dialogs.new_ticket",
    "ui.queue_export",
    "ui.commands",
    "ui.housekeeping",
    "ui.language_menu",
    "ui.live",
    "ui.models",
    "ui.history_text",
    "ui.plain",
    "ui.models.queue_format",
    "ui.models.history_model",
    "ui.notifier",
    "ui.tool_windows",
    "ui.views.attachment_strip",
    "ui.views.attachment_tray",
    "ui.views.canned_menu",
    "ui.views.composer",
    "ui.views.help",
    "ui.views.shrinkable",
    "ui.views.history_pane",
    "ui.models.queue_cache",
    "ui.models.queue_stream",
    "ui.models.queue_fetch",
    "ui.models.queue_merge",
    "ui.models.queue_loading",
    "ui.models.queue_style",
    "ui.models.queue_model",
    "ui.views.queue_sla_delegate",
    "ui.views.queue_filter_bar",
    "ui.views.queue_view",
    "ui.views.saved_search_list",
    "ui.views.sidebar",
    "ui.views.status_bar",
    "ui.detail_text",
    "ui.dialogs.conflict",
    "ui.views.detail_sla",
    "ui.views.ticket_detail",
    "ui.views.ticket_area",
    "ui.views.unsaved",
    "ui.main_window",
)


class IdleImports(QObject):
    """Imports ``names`` one per turn of the event loop once it has nothing else to do."""

    def __init__(self, names: tuple[str, ...] = WINDOW_MODULES, parent: QObject | None = None):
        super().__init__(parent)
        self._waiting = list(reversed(names))
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # fires when the event queue is empty
        self._timer.timeout.connect(self._next)

    @property
    def done(self) -> bool:
        return not self._waiting

    def start(self) -> None:
        if self._waiting:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _next(self) -> None:
        name = self._waiting.pop()
        try:
            importlib.import_module(name)
        except Exception:
            # Not this object's to report: opening the window imports it again and shows
            # the error there. The rest would likely fail the same way.
            log.exception("importing %s ahead of the main window failed", name)
            self._waiting.clear()
        if not self._waiting:
            self._timer.stop()
