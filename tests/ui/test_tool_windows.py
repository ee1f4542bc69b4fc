"""The Releases and Reports menus open their windows for the roles that may use them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, open_services
from app.services.auth import Passwords
from tests.support.people import People, make_people
from tests.ui.desk import close, log_in, wait
from ui.views.dashboard import DashboardView
from ui.views.release_views import PendingVerificationsView, VersionMatrixView
from ui.wizards.promotion import PromotionWizard


def test_manager_opens_matrix_pending_dashboard_and_wizard(
    qtbot: QtBot,
    sqlite_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services: Services = open_services(sqlite_url, passwords=fast_passwords)
    people: People = make_people(services)
    services.customers.add_product(people.manager, code="ERP", name="ERP")
    services.releases.add_release(people.manager, product="ERP", version="1.0.0", state="available")
    window = log_in(qtbot, sqlite_url, "mia", fast_passwords, tmp_path)
    actions = window.actions_
    assert actions["dashboard"].isVisible()
    assert actions["promotion_wizard"].isVisible()

    actions["version_matrix"].trigger()
    matrix = window.tools._open["matrix"]
    assert isinstance(matrix, VersionMatrixView)
    wait(qtbot, lambda: matrix.model.rowCount() == 1)  # ACME
    assert matrix.model.headerData(2, Qt.Orientation.Horizontal) == "ERP test"

    actions["pending_verifications"].trigger()
    pending = window.tools._open["pending"]
    assert isinstance(pending, PendingVerificationsView)
    wait(qtbot, lambda: pending.status.text() == "0 waiting")

    actions["dashboard"].trigger()
    dashboard = window.tools._open["dashboard"]
    assert isinstance(dashboard, DashboardView)
    wait(qtbot, lambda: dashboard.shape is not None)

    actions["promotion_wizard"].trigger()
    wizards = [w for w in window.findChildren(PromotionWizard) if w.isVisible()]
    assert len(wizards) == 1
    wait(qtbot, lambda: wizards[0].release_page.release.count() == 1)
    wizards[0].close()
    close(window)
    services.db.dispose()


def test_engineer_has_no_dashboard(
    qtbot: QtBot,
    sqlite_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services = open_services(sqlite_url, passwords=fast_passwords)
    make_people(services)
    window = log_in(qtbot, sqlite_url, "eng", fast_passwords, tmp_path)
    assert not window.actions_["dashboard"].isVisible()
    assert window.actions_["promotion_wizard"].isVisible()  # engineers install releases
    close(window)
    services.db.dispose()
