"""Desktop client entry point (placeholder until the desktop client issue lands)."""

from __future__ import annotations

import sys


def run_gui(db_url: str | None = None, username: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("SupportDesk — the desktop client is on its way. Use the `supportdesk` CLI.")
    label.setMargin(24)
    label.setWindowTitle("SupportDesk")
    label.show()
    return app.exec()
