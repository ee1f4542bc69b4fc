"""Take the README screenshots: the real client on demo data, under Xvfb.

Usage (from the repository root, with Xvfb and ImageMagick installed):
    scripts/screenshots.sh
This module is what the shell script runs for each palette: it logs in through the
login dialog like a person, picks a ticket with a rich history and saves the screen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.config import APP_AUTHOR, APP_NAME
from app.domain.queue import QueueFilter, QueueSort, SavedView
from app.services.demo import DEMO_PASSWORD
from ui.connection import SecretStore
from ui.dialogs.login import LoginDialog
from ui.main import open_main_window
from ui.tasks import TaskRunner
from ui.theme import ThemeManager, app_icon


def main(db_url: str, username: str, out: Path, ticket: str) -> int:
    app = QApplication(sys.argv)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    ThemeManager(app)
    runner = TaskRunner(app)
    settings = QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.clear()
    login = LoginDialog(runner, settings, SecretStore(), "", db_url=db_url)
    login.username.setText(username)
    login.password.setText(DEMO_PASSWORD)
    login.show()
    login.submit()
    while login.result_ is None:
        runner.wait_idle(200)
        if login.error.text() and login.error.text() != "Connecting…":
            print(login.error.text(), file=sys.stderr)
            return 1
    login.close()
    result = login.result_
    if result.actor is not None and result.services is not None:
        result.services.assignment.set_state(result.actor, "available")  # an engineer's morning
        # Two saved searches in the sidebar (issue 14): kept per user, replaced on a re-run.
        saved = result.services.saved_searches
        for name, flt in (
            ("P1 incidents", QueueFilter(view=SavedView.ALL_OPEN, priorities=frozenset({1}))),
            ("Waiting on ACME", QueueFilter(view=SavedView.WAITING, customer="ACME")),
        ):
            saved.save(result.actor, name, flt, QueueSort(), replace=True)
    settings.setValue("queue/view", "my")
    window = open_main_window(result, runner, settings)
    width, height = (int(v) for v in os.environ.get("SCREEN_SIZE", "1440x900").split("x"))
    window.setGeometry(0, 0, width, height)
    window.show()

    def pick() -> None:
        """The requested ticket, else the first near the top that the user is working on."""
        runner.wait_idle(3000)
        model = window.queue.model
        rows = [model.row_data(r) for r in range(min(model.rowCount(), 7))]
        working = [r for r in rows if r and r.status == "in_progress"]
        mine = [r for r in working if r.assignee == username]
        ticket_at = (mine or working)[0].number if working else ticket
        window.queue.select_number(ticket_at)

    def shoot() -> None:
        runner.wait_idle(3000)
        window.composer.text.setPlainText("")
        size = f"{window.frameGeometry().width()}x{window.frameGeometry().height()}"
        subprocess.run(["import", "-window", "root", "-crop", f"{size}+0+0", str(out)], check=True)
        window.close()
        app.quit()

    QTimer.singleShot(1500, pick)
    QTimer.singleShot(4000, shoot)
    code = app.exec()
    runner.shutdown()
    return code


if __name__ == "__main__":
    os.environ.setdefault("SUPPORTDESK_THEME", "light")
    sys.exit(main(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]))
