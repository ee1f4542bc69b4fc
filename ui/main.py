"""Desktop client entry point: ``supportdesk`` with no sub-command lands here.

Start-up order is chosen for a fast first paint: Qt, the theme, the translator and the
login dialog first; SQLAlchemy, Alembic and the services load afterwards (warmed on a
worker thread while the user types, or at the first login at the latest).
tests/ui/test_startup_imports.py holds this line.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from app.config import APP_AUTHOR, APP_NAME, paths

if TYPE_CHECKING:  # keep start-up lean: Qt and the services load when needed
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.gui_collector import GuiThreadCollector
    from ui.idle_icons import IdleIcons
    from ui.idle_imports import IdleImports
    from ui.login_flow import LoginResult
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner


# Benchmarks and the README test: print "painted" once the login
# window has drawn itself, then quit (benchmarks/startup_bench.py).
PROBE_ENV = "SUPPORTDESK_STARTUP_PROBE"


def run_gui(db_url: str | None = None, username: str | None = None) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from app.logs import log_file
    from ui.connection import SecretStore
    from ui.crash import CrashHandler
    from ui.dialogs.login import LoginDialog
    from ui.gui_collector import GuiThreadCollector
    from ui.i18n import Translations, chosen_language
    from ui.idle_icons import IdleIcons
    from ui.idle_imports import IdleImports
    from ui.tasks import TaskRunner
    from ui.theme import ThemeManager, app_icon

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    # Reference cycles are collected on this thread only (ui.gui_collector says why).
    collector = GuiThreadCollector(app)
    collector.start()
    collector.young_only()  # until the services are in (services_in)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    where = paths()
    CrashHandler(app, log_file(where)).install()
    settings = QSettings()
    # Held for the whole session: a collected Translations would take its translator along.
    translations = Translations(app)
    translations.install(chosen_language(settings))
    app.setWindowIcon(app_icon())
    ThemeManager(app)
    code = 0
    while True:  # one session per login; File › Log out starts the next one
        runner = TaskRunner(app)  # a quit ends a runner: each session has its own
        login = LoginDialog(
            runner,
            settings,
            SecretStore(load=False),  # the keyring loads on a worker once the window is up
            str(where.default_database),
            db_url=db_url,
            username=username,
        )
        if os.environ.get(PROBE_ENV):
            return _probe(app, login)
        # While the user types: the keyring, then the services, on worker threads; once
        # the services are in, the main window's modules and icons on this thread, one
        # per idle turn (ui.idle_imports, ui.idle_icons).
        window_modules, window_icons = IdleImports(parent=login), IdleIcons(parent=login)
        QTimer.singleShot(100, lambda r=runner, d=login: r.submit(SecretStore, d.use_secrets))
        QTimer.singleShot(
            300,
            lambda r=runner, c=collector, i=window_modules, n=window_icons: r.submit(
                _warm_up, lambda _: services_in(c, i, n)
            ),
        )
        accepted = login.exec() == QDialog.DialogCode.Accepted
        window_modules.stop()
        window_icons.stop()
        if not accepted or login.result_ is None:
            runner.shutdown()
            return code
        window = open_main_window(login.result_, runner, settings)
        window.show()
        collector.settle()
        code = app.exec()
        runner.shutdown()
        if login.result_.services is not None:
            login.result_.services.db.dispose()
        if not window.logged_out:
            return code
        collector.release()  # the next session's settle() freezes only what it keeps
        username = None  # switching user: the dialog offers the last name, editable
        window.deleteLater()


def services_in(collector: GuiThreadCollector, *idle_work: IdleImports | IdleIcons) -> None:
    """The services' modules are imported (``_warm_up``): leave them out of later
    collections — a generation-2 pass while the user typed walked them all (89.9 ms of
    the 1M drive's login, session 10) — then the window's idle work starts."""
    collector.settle()
    for work in idle_work:
        work.start()


def _warm_up() -> None:
    # The services are imported on first use (app/bootstrap.py); the desk uses them all.
    from app.bootstrap import import_all_services
    from app.domain.calendar import load_holiday_rules

    import_all_services()  # a warm import cache while the login window is up
    load_holiday_rules()  # else the first business-hours SLA clock loads them (0.3 s)


def _probe(app: QApplication, login: QDialog) -> int:
    """Show the login window, report when it has painted, quit (no database touched)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            if watched is login and event.type() == QEvent.Type.Paint:
                login.removeEventFilter(self)
                # After this paint event returns, the frame is on screen: report then.
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        print("painted", flush=True)
        print(f"title {login.windowTitle()}", flush=True)  # which language it spoke
        app.quit()

    watch = PaintWatch(login)
    login.installEventFilter(watch)
    login.show()
    return app.exec()


def run_self_test() -> int:
    """``supportdesk --self-test`` (see ui/self_test.py)."""
    from ui.self_test import run_self_test as run

    return run()


def open_main_window(result: LoginResult, runner: TaskRunner, settings: QSettings) -> MainWindow:
    """Build the session's context and its main window (also used by tests)."""
    from ui.app_context import AppContext
    from ui.drafts import DraftStore
    from ui.main_window import MainWindow

    assert result.services is not None and result.actor is not None
    ctx = AppContext(
        services=result.services,
        actor=result.actor,
        runner=runner,
        settings=settings,
        drafts=DraftStore(paths().data_dir / "drafts"),
    )
    return MainWindow(ctx)
