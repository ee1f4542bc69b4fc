"""Open every screen a Greek manager can reach and list what still reads English:
the main window with a ticket open (detail, history, composer), the dashboard, each page
of the promotion wizard, the release views and every section (and tab) of the
administration window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from tests.support.people import People
from tests.ui.desk import open_ticket_number, wait
from tests.ui.i18n_walk import untranslated
from ui.main_window import MainWindow
from ui.views.dashboard import DashboardView
from ui.views.release_views import PendingVerificationsView, VersionMatrixView
from ui.views.ticket_area import COMMENT, HISTORY, TICKET
from ui.wizards.promotion import PromotionWizard

W = TypeVar("W", bound=QWidget)

# What the seeded records say: names and codes are data, not words to translate.
DATA = [
    "Mia Manager",
    "Eli Engineer",
    "Eva Engineer",
    "Cara Care",
    "Ada Admin",
    "Jo Smith",
    "Jo QA",
    "jo@acme.example",
    "qa@acme.example",
    "Acme Corp",
    "Acme ERP",
    "Payments fail",
    "ACME",
    "ERP",
    "mia",
    "eng2",
    "eng",
    "cara",
    "admin",
    # contract tiers, calendar codes and zones, examples of codes, template fields
    "Platinum",
    "Gold",
    "Silver",
    "Bronze",
    "GR-OFFICE",
    "GR",
    "Europe/Athens",
    "SD-000123",
    "$number",
    "$customer",
]


def seed(services: Services, people: People) -> str:
    """A product with two releases, ACME on the older one, and an assigned ticket."""
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
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Payments fail",
        service_type="second_level_support",
        criticality="critical",
    ).number
    services.tickets.take(people.engineer, number)
    return number


def english_on_every_screen(
    qtbot: QtBot, window: MainWindow, number: str, data: list[str]
) -> list[str]:
    found: list[str] = []

    def walk(where: str, root: QWidget) -> None:
        found.extend(f"{where} › {text}" for text in untranslated(root, data=data))

    open_ticket_number(qtbot, window, number)
    wait(qtbot, lambda: window.history.model.rowCount() > 0)
    window.queue.search.clear()
    walk("main window", window)
    for pane in (HISTORY, COMMENT):  # tabbed on a narrow window: each in its turn
        window.area.show_pane(pane)
        walk(f"main window › {window.area.tabs.tabText(pane)}", window)
    window.area.show_pane(TICKET)

    window.tools.dashboard()
    dashboard = _top(DashboardView)
    wait(qtbot, lambda: dashboard.shape is not None and dashboard.scope.count() > 1)
    walk("dashboard", dashboard)

    window.tools.version_matrix()
    matrix = _top(VersionMatrixView)
    wait(qtbot, lambda: matrix.model.rowCount() > 0)
    walk("version matrix", matrix)

    walk_wizard(qtbot, window, walk)

    window.tools.pending_verifications()
    pending = _top(PendingVerificationsView)
    wait(qtbot, lambda: pending.model.rowCount() > 0)
    walk("pending verifications", pending)

    admin = window.administration()
    for row, section in enumerate(admin.sections):
        admin.index.setCurrentRow(row)
        qtbot.wait(50)
        window.ctx.runner.wait_idle(5000)
        tabs = [t for t in section.findChildren(QTabWidget) if t.isVisibleTo(admin)]
        if not tabs:
            walk(f"administration › {section.title}", admin)
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                window.ctx.runner.wait_idle(5000)
                qtbot.wait(20)
                walk(f"administration › {section.title} › {tab.tabText(index)}", admin)
    admin.close()
    return found


def walk_wizard(qtbot: QtBot, window: MainWindow, walk: Callable[[str, QWidget], None]) -> None:
    """Every page, with its data loaded: ACME goes to test and waits for its answer."""
    window.tools.promotion_wizard()
    wizard = _top(PromotionWizard)
    runner = window.ctx.runner
    release = wizard.release_page
    wait(qtbot, lambda: release.release.count() == 2)
    release.release.setCurrentText("1.1.0")
    walk("wizard › release", wizard)
    wizard.next()
    customers = wizard.customers_page
    wait(qtbot, lambda: customers.model.rowCount() == 1)
    customers.model.item(0, 0).setCheckState(Qt.CheckState.Checked)
    walk("wizard › customers", wizard)
    wizard.next()
    wait(qtbot, lambda: wizard.preview_page.model.rowCount() == 1)
    walk("wizard › preview", wizard)
    wizard.next()
    test = wizard.test_page
    wait(qtbot, test.go.isEnabled)
    walk("wizard › install on test", wizard)
    test.run()
    wait(qtbot, lambda: not test.batch.running and test.model.item(0, 2).text() != "")
    runner.wait_idle(5000)
    walk("wizard › installed on test", wizard)
    wizard.next()
    verify = wizard.verification_page
    wait(qtbot, lambda: verify.model.rowCount() == 1 and verify.contact.count() > 0)
    walk("wizard › verification", wizard)
    wizard.next()
    wait(qtbot, lambda: wizard.production_page.model.rowCount() == 1)
    walk("wizard › install on production", wizard)
    wizard.close()


def _top(kind: type[W]) -> W:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())
