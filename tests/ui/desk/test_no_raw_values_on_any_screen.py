"""Raw values never reach people (issue 14, item 11): walk the screens a manager reaches
with the demo data — the main window with a ticket open (queue, detail, history), the
dashboard, the version matrix, pending verifications, the promotion wizard's first pages
and every administration section — and fail on any snake_case identifier
(``awaiting_verification``, ``second_level_support``) in a label, button, choice, cell or
tooltip."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, demo_services
from app.services.auth import Passwords
from app.services.demo import load_demo
from app.services.demo_data import DEMO_PASSWORD
from app.services.dto import EventView
from tests.support.people import People
from tests.ui.desk import NoKeyring, click, close, log_in, wait
from tests.ui.i18n_screens import walk_wizard
from tests.ui.i18n_walk import visible_texts
from ui.dialogs.login import LoginDialog
from ui.history_text import details, headline
from ui.main import open_main_window
from ui.main_window import MainWindow
from ui.models.history_model import HistoryModel
from ui.tasks import TaskRunner
from ui.views.dashboard import DashboardView
from ui.views.release_views import PendingVerificationsView, VersionMatrixView
from ui.wizards.promotion import PromotionWizard

W = TypeVar("W", bound=QWidget)
SNAKE = re.compile(r"(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
ROWS = 60  # cells per view looked at (the demo's lists are longer than a screen)
# Typed by people or named by the machine: not labels (e-mail addresses, paths, URLs).
NOT_WORDS = re.compile(r"\S+@\S+|\S*[/\\]\S*|https?://\S+")


def raw_tokens(text: str) -> list[str]:
    return SNAKE.findall(NOT_WORDS.sub(" ", re.sub(r"<[^>]+>", " ", text or "")))


def _columns(model: QAbstractItemModel) -> int:
    # List models hide columnCount (one column); Python models want the parent.
    for call in (lambda: model.columnCount(QModelIndex()), model.columnCount):
        try:
            return int(call())
        except TypeError:
            continue
    return 1


def _cells(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    top = QModelIndex()
    for row in range(min(model.rowCount(top), ROWS)):
        for column in range(_columns(model)):
            index = model.index(row, column)
            event = index.data(HistoryModel.EventRole)
            if isinstance(event, EventView):  # painted by its delegate, not a display role
                yield f"event {row}", f"{headline(event)}\n{details(event)}"
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield f"cell {row},{column}", value


def shown(root: QWidget) -> Iterator[tuple[str, str]]:
    yield from visible_texts(root)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        yield f"{type(widget).__name__} tooltip", widget.toolTip()
        if isinstance(widget, QAbstractItemView):
            yield from ((f"{type(widget).__name__} {w}", t) for w, t in _cells(widget))


def _top(kind: type[W]) -> W:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def log_in_demo(qtbot: QtBot, url: str, folder: Path) -> MainWindow:
    runner = TaskRunner()
    settings = QSettings(str(folder / "mia.ini"), QSettings.Format.IniFormat)
    dialog = LoginDialog(runner, settings, NoKeyring(), str(folder / "unused.db"), db_url=url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("mia")
    dialog.password.setText(DEMO_PASSWORD)
    click(qtbot, dialog.login_button)
    wait(
        qtbot, lambda: dialog.result_ is not None or dialog.error.text() not in ("", "Connecting…")
    )
    assert dialog.result_ is not None, dialog.error.text()
    window = open_main_window(dialog.result_, runner, settings)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    return window


def test_no_screen_shows_a_raw_value(
    qtbot: QtBot, db_url: str, services: Services, tmp_path: Path
) -> None:
    seeding, clock = demo_services(services)
    load_demo(seeding, clock, tickets=30)
    window = log_in_demo(qtbot, db_url, tmp_path)
    runner = window.ctx.runner
    found: list[str] = []

    def walk(where: str, root: QWidget) -> None:
        runner.wait_idle(5000)
        for what, text in shown(root):
            found.extend(f"{where} › {what}: {t!r} in {text[:80]!r}" for t in raw_tokens(text))

    queue = window.queue
    wait(qtbot, lambda: queue.model.rowCount() > 0)
    queue.table.selectRow(0)
    wait(qtbot, lambda: window.current.view is not None)
    wait(qtbot, lambda: window.history.model.rowCount() > 0)
    walk("main window", window)

    window.tools.dashboard()
    dashboard = _top(DashboardView)
    wait(qtbot, lambda: dashboard.shape is not None)
    walk("dashboard", dashboard)

    window.tools.version_matrix()
    matrix = _top(VersionMatrixView)
    wait(qtbot, lambda: matrix.model.rowCount() > 0)
    walk("version matrix", matrix)

    window.tools.pending_verifications()
    pending = _top(PendingVerificationsView)
    wait(qtbot, lambda: pending.model.rowCount() > 0)
    walk("pending verifications", pending)

    window.tools.promotion_wizard()
    wizard = _top(PromotionWizard)
    release = wizard.release_page
    wait(qtbot, lambda: release.release.count() > 0)
    walk("wizard › release", wizard)
    wizard.next()
    customers = wizard.customers_page
    wait(qtbot, lambda: customers.model.rowCount() > 0)
    walk("wizard › customers", wizard)
    wizard.close()

    admin = window.administration()
    for row, section in enumerate(admin.sections):
        admin.index.setCurrentRow(row)
        runner.wait_idle(5000)
        tabs = [t for t in section.findChildren(QTabWidget) if t.isVisibleTo(admin)]
        if not tabs:
            walk(f"administration › {section.title}", admin)
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                walk(f"administration › {section.title} › {tab.tabText(index)}", admin)
    admin.close()
    close(window)
    assert not found, "\n".join(sorted(set(found)))


def test_every_wizard_page_says_states_in_words(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    """The whole promotion: ACME goes to test, waits for its verification (where
    ``awaiting_verification`` was shown), and is offered production."""
    m = people.manager
    services.customers.add_product(m, code="ERP", name="Acme ERP")
    for version in ("1.0.0", "1.1.0"):
        services.releases.add_release(m, product="ERP", version=version, state="available")
    services.customers.add_contact(
        m, customer_code="ACME", name="Jo QA", email="qa@acme.example", verifies_releases=True
    )
    for env in ("test", "production"):
        services.releases.record_baseline(
            m, customer="ACME", product="ERP", environment=env, version="1.0.0", reason="baseline"
        )
    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    runner = window.ctx.runner
    found: list[str] = []

    def walk(where: str, root: QWidget) -> None:
        runner.wait_idle(5000)
        for what, text in shown(root):
            found.extend(f"{where} › {what}: {t!r} in {text[:80]!r}" for t in raw_tokens(text))

    walk_wizard(qtbot, window, walk)
    close(window)
    assert not found, "\n".join(sorted(set(found)))
