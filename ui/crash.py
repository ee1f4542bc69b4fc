"""What the user sees when the client hits a bug: a calm dialog, never a traceback.

:class:`CrashHandler` becomes ``sys.excepthook`` (PySide6 routes exceptions raised in
slots there) and ``threading.excepthook``. The traceback goes to the log file; the user
gets what happened in one sentence, where the log is, and a "Copy details" button for
the message to support. The app keeps running: a failed slot leaves the event loop
intact. A burst of errors (a failing paint, a timer) shows one dialog, not a hundred.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("supportdesk.crash")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


class CrashHandler(QObject):
    def __init__(self, app: QApplication, log_path: Path | None) -> None:
        super().__init__(app)
        self.app = app
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._previous = sys.excepthook, threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.app.quit()
            return
        self.count += 1
        log.error("unexpected error (%d in this session)", self.count, exc_info=(kind, error, tb))
        if self.dialog is None:  # one dialog at a time: later errors only go to the log
            self.dialog = self._dialog(error)
            self.dialog.open()

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        # Worker threads cannot open windows: log here, tell the user on the GUI thread.
        if args.exc_value is None:
            return
        error, tb, kind = args.exc_value, args.exc_traceback, args.exc_type
        QTimer.singleShot(0, self.app, lambda: self.handle(kind, error, tb))

    def details(self, error: BaseException) -> str:
        """What "Copy details" puts on the clipboard: enough for support, no traceback."""
        from app import __version__

        return "\n".join(
            (
                f"SupportDesk {__version__} on {platform.platform()}",
                f"Python {platform.python_version()}",
                f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
                f"error: {type(error).__name__}: {_first_line(error)}",
                f"log file: {self.log_path or 'not available'}",
            )
        )

    def _dialog(self, error: BaseException) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Something went wrong"), "", parent=None)
        box.setObjectName("crashDialog")
        box.setText(_tr("SupportDesk hit an unexpected problem and stopped what it was doing."))
        where = str(self.log_path) if self.log_path else _tr("(no log file could be written)")
        box.setInformativeText(
            _tr(
                "Your saved work is safe and you can keep working. If it happens again, "
                "send the details to your administrator.\n\nWhat happened: {what}\n"
                "Log file: {where}"
            ).format(what=_first_line(error), where=where)
        )
        copy = box.addButton(_tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        details = self.details(error)
        # Copying must not close the box: take the click before QMessageBox does.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.finished.connect(self._closed)
        return box

    def _closed(self, *_: object) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__
