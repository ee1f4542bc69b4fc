"""Screenshots of every Administration section (issue 13), light or dark, under Xvfb.

Run by ``scripts/admin_screenshots.sh``; this module opens the real Administration
window at 1024×700 on demo data as the demo administrator, shows each section, lets
its lists load, and saves the screen with ImageMagick's ``import``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.bootstrap import open_services
from app.config import APP_AUTHOR, APP_NAME
from app.services.demo import DEMO_PASSWORD
from ui.admin.window import AdministrationWindow
from ui.app_context import AppContext
from ui.drafts import DraftStore
from ui.tasks import TaskRunner
from ui.theme import ThemeManager, app_icon

NAMES = ("people", "customers", "contracts", "products", "assignment", "mail", "company")


def settle(app: QApplication, runner: TaskRunner, rounds: int = 6) -> None:
    for _ in range(rounds):
        runner.wait_idle(3000)
        app.processEvents()


def main(db_url: str, out_dir: Path, theme: str) -> int:
    app = QApplication(sys.argv)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    ThemeManager(app)
    runner = TaskRunner(app)
    services = open_services(db_url)
    actor = services.users.login("admin", DEMO_PASSWORD)
    settings = QSettings(str(out_dir / "admin.ini"), QSettings.Format.IniFormat)
    settings.clear()
    ctx = AppContext(services, actor, runner, settings, DraftStore(out_dir / "drafts"))
    window = AdministrationWindow(ctx)
    window.setGeometry(0, 0, 1024, 700)
    window.show()
    hint = window.minimumSizeHint()
    print(f"minimum size {hint.width()}×{hint.height()}", file=sys.stderr)
    shots = [
        ("people", lambda: window.people.users.list.select_row(0)),
        ("engineers", lambda: _engineers(window)),
        ("customers", lambda: window.customers.list.select_row(0)),
        ("contracts", lambda: window.contracts.contracts.list.select_row(0)),
        ("targets", lambda: window.contracts.tabs.setCurrentWidget(window.contracts.targets)),
        ("calendars", lambda: _calendars(window)),
        ("products", lambda: window.products.list.select_row(0)),
        ("assignment", lambda: None),
        ("mail", lambda: None),
        ("company", lambda: None),
    ]
    sections = {
        "people": window.people,
        "engineers": window.people,
        "customers": window.customers,
        "contracts": window.contracts,
        "targets": window.contracts,
        "calendars": window.contracts,
        "products": window.products,
        "assignment": window.assignment,
        "mail": window.mail,
        "company": window.company,
    }
    for name, prepare in shots:
        window.open_section(sections[name])
        settle(app, runner)
        prepare()
        settle(app, runner)
        if name == "products":
            window.products.releases.select_row(0)
            settle(app, runner)
            window.products.show_notes()
            settle(app, runner)
        if window.width() > 1024 or window.height() > 700:
            print(f"{name}: window grew to {window.width()}×{window.height()}", file=sys.stderr)
        target = out_dir / f"admin-{name}-{theme}.png"
        subprocess.run(["import", "-window", "root", str(target)], check=True)
    window.close()
    runner.shutdown()
    services.db.dispose()
    return 0


def _engineers(window: AdministrationWindow) -> None:
    window.people.tabs.setCurrentWidget(window.people.engineers)
    window.people.engineers.list.select_row(0)


def _calendars(window: AdministrationWindow) -> None:
    window.contracts.tabs.setCurrentWidget(window.contracts.calendars)
    window.contracts.calendars.list.select_row(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3]))
