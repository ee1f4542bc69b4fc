"""Screenshots of the main window with each ticket pane in view (detail, history,
composer), to look at them as a user of that screen would: on a narrow window the panes
are tabbed, so each tab is a shot; on a wide one they are side by side (one shot).

    DISPLAY=:91 QT_QPA_PLATFORM=xcb SUPPORTDESK_THEME=dark SCREEN_SIZE=1024x700 \\
        PYTHONPATH=. .venv/bin/python scripts/ticket_pane_screens.py \\
        sqlite:///demo.db el OUT_DIR

Run it under Xvfb on demo data (``supportdesk demo``), with a throw-away
``SUPPORTDESK_DATA_DIR``; it logs in as eli, opens one of eli's tickets in progress
(the demo's richest histories) and saves ``panes-<language>-<theme>-<size>-<pane>.png``
cropped from the screen (``import -window root``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.config import APP_AUTHOR, APP_NAME
from app.services.demo import DEMO_PASSWORD
from ui.connection import SecretStore
from ui.dialogs.login import LoginDialog
from ui.i18n import Translations
from ui.main import open_main_window
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.theme import ThemeManager, app_icon
from ui.views.ticket_area import COMMENT, HISTORY, TICKET


def settle(app: QApplication, runner: TaskRunner, rounds: int = 6) -> None:
    for _ in range(rounds):
        runner.wait_idle(2000)
        app.processEvents()


def pick_ticket(window: MainWindow) -> None:
    """One of the first rows the user is working on, else the first row."""
    model = window.queue.model
    rows = [model.row_data(r) for r in range(min(model.rowCount(), 12))]
    working = [r for r in rows if r and r.status == "in_progress"]
    chosen = (working or [r for r in rows if r])[0]
    window.queue.select_number(chosen.number)


def main(db_url: str, language: str, out: Path) -> int:
    app = QApplication(sys.argv)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    translations = Translations(app)  # kept: its translator lives as long as it does
    translations.install(language)
    ThemeManager(app)
    theme = os.environ.get("SUPPORTDESK_THEME", "light")
    width, height = (int(v) for v in os.environ.get("SCREEN_SIZE", "1024x700").split("x"))
    size = f"{width}x{height}"
    runner = TaskRunner(app)
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(
        str(out / f"panes-{language}-{theme}-{size}.ini"), QSettings.Format.IniFormat
    )
    settings.clear()
    settings.setValue("queue/view", "my")
    login = LoginDialog(runner, settings, SecretStore(), "", db_url=db_url)
    login.username.setText("eli")
    login.password.setText(DEMO_PASSWORD)
    login.show()
    login.submit()
    deadline = time.monotonic() + 60
    while login.result_ is None:
        runner.wait_idle(200)
        if time.monotonic() > deadline:
            print(f"not logged in: {login.error.text()}", file=sys.stderr)
            return 1
    login.close()
    window = open_main_window(login.result_, runner, settings)
    window.setGeometry(0, 0, width, height)
    window.show()
    settle(app, runner)
    pick_ticket(window)
    settle(app, runner)
    area = window.area
    panes = {"ticket": TICKET, "history": HISTORY, "comment": COMMENT} if area.narrow else {}
    for name, index in (panes or {"all": TICKET}).items():
        area.show_pane(index)
        settle(app, runner)
        shot = out / f"panes-{language}-{theme}-{size}-{name}.png"
        frame = window.frameGeometry()
        crop = f"{frame.width()}x{frame.height()}+0+0"
        subprocess.run(["import", "-window", "root", "-crop", crop, str(shot)], check=True)
        print(shot)
    window.close()
    runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
