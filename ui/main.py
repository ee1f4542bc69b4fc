"""Desktop client entry point: ``supportdesk`` with no sub-command lands here."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from app.config import APP_AUTHOR, APP_NAME, paths

if TYPE_CHECKING:  # keep start-up lean: Qt and the services load when needed
    from PySide6.QtCore import QSettings

    from ui.login_flow import LoginResult
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner


def run_gui(db_url: str | None = None, username: str | None = None) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.connection import SecretStore
    from ui.dialogs.login import LoginDialog
    from ui.tasks import TaskRunner
    from ui.theme import ThemeManager, app_icon

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    ThemeManager(app)
    runner = TaskRunner(app)
    settings = QSettings()
    where = paths()
    login = LoginDialog(
        runner,
        settings,
        SecretStore(),
        str(where.default_database),
        db_url=db_url,
        username=username,
    )
    if login.exec() != QDialog.DialogCode.Accepted or login.result_ is None:
        runner.shutdown()
        return 0
    window = open_main_window(login.result_, runner, settings)
    window.show()
    code = app.exec()
    runner.shutdown()
    if login.result_.services is not None:
        login.result_.services.db.dispose()
    return code


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
