"""Screenshots of the Greek client on demo data: main window, dashboard, promotion
wizard, pending verifications and Administration › Customers, at one screen size and in
one palette (``scripts/greek_screens.sh`` runs it for 1024×700 and 1920×1080, light
and dark, under Xvfb).

    PYTHONPATH=. SCREEN_SIZE=1024x700 SUPPORTDESK_THEME=dark \\
        .venv/bin/python scripts/greek_screens.py sqlite:///demo.db OUT_DIR

Each window is grabbed by Qt (``QWidget.grab``) at the size a user of that screen gets:
the main window fills the screen, the tool windows are sized to fit inside it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.config import APP_AUTHOR, APP_NAME
from app.services.demo import DEMO_PASSWORD
from ui.connection import SecretStore
from ui.dialogs.login import LoginDialog
from ui.i18n import Translations
from ui.main import open_main_window
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.theme import ThemeManager, app_icon
from ui.views.ticket_area import HISTORY, TICKET


def settle(app: QApplication, runner: TaskRunner, rounds: int = 6) -> None:
    """Let the background work finish and the windows lay themselves out."""
    for _ in range(rounds):
        runner.wait_idle(2000)
        app.processEvents()


def main(db_url: str, out: Path) -> int:
    app = QApplication(sys.argv)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    translations = Translations(app)  # kept: its translator lives as long as it does
    translations.install("el")  # what a Greek system locale selects
    ThemeManager(app)
    theme = os.environ.get("SUPPORTDESK_THEME", "light")
    width, height = (int(v) for v in os.environ.get("SCREEN_SIZE", "1024x700").split("x"))
    size = f"{width}x{height}"
    runner = TaskRunner(app)
    settings = QSettings(str(out / f"greek-{theme}-{size}.ini"), QSettings.Format.IniFormat)
    settings.clear()
    login = LoginDialog(runner, settings, SecretStore(), "", db_url=db_url)
    login.username.setText("mia")  # a manager reaches every screen
    login.password.setText(DEMO_PASSWORD)
    login.show()
    login.submit()
    while login.result_ is None:
        runner.wait_idle(200)
        if login.error.text() and login.error.text() != "Συνδέεται…" and not login.isVisible():
            print(login.error.text(), file=sys.stderr)
            return 1
    login.close()
    window = open_main_window(login.result_, runner, settings)
    window.setGeometry(0, 0, width, height)
    window.show()
    settle(app, runner)
    first = window.queue.model.row_data(0) if window.queue.model.rowCount() else None
    if first is not None:
        window.queue.select_number(first.number)
    settle(app, runner)

    def shot(name: str, widget: QWidget) -> None:
        settle(app, runner)
        widget.grab().save(str(out / f"{name}-el-{theme}-{size}.png"))

    shot("main", window)
    if window.area.narrow:  # the ticket's panes are tabbed: the history's turn too
        window.area.show_pane(HISTORY)
        shot("main-history", window)
        window.area.show_pane(TICKET)
    tool_windows(window, shot, width, height)
    window.close()
    runner.shutdown()
    return 0


def tool_windows(
    window: MainWindow, shot: Callable[[str, QWidget], None], width: int, height: int
) -> None:
    """The dashboard, pending verifications, the wizard's first pages and the
    administration's customers, each sized to fit the screen."""
    tools = window.tools
    tools.dashboard()
    dashboard = _top("DashboardView")
    dashboard.resize(width, height)
    shot("dashboard", dashboard)
    tools.pending_verifications()
    pending = _top("PendingVerificationsView")
    pending.resize(min(1000, width), min(640, height))
    shot("pending", pending)
    tools.promotion_wizard()
    wizard = _top("PromotionWizard")
    wizard.resize(min(wizard.width(), width), min(wizard.height(), height))
    shot("wizard-release", wizard)
    wizard.next()  # type: ignore[attr-defined]
    page = wizard.customers_page  # type: ignore[attr-defined]
    window.ctx.runner.wait_idle(3000)
    QApplication.processEvents()
    page.not_on_version.setChecked(False)
    page._check_shown(True)
    shot("wizard-customers", wizard)
    wizard.next()  # type: ignore[attr-defined]
    shot("wizard-preview", wizard)
    wizard.close()
    admin = window.administration()
    admin.resize(min(1000, width), min(660, height))
    admin.open_section(admin.customers)
    shot("admin-customers", admin)
    admin.close()


def _top(kind: str) -> QWidget:
    return next(
        w for w in QApplication.topLevelWidgets() if type(w).__name__ == kind and w.isVisible()
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
