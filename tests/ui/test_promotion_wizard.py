"""The release promotion wizard, driven through its widgets for three customers: one
approves, one rejects, one has not answered yet — the version matrix then shows it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.release_views import MatrixCell
from tests.support.people import People
from ui.tasks import TaskRunner
from ui.views.release_views import PendingVerificationsView, VersionMatrixView
from ui.wizards.batch import BatchRun
from ui.wizards.promotion import PromotionWizard
from ui.wizards.promotion_steps import VerificationPage

TRIO = ("ALFA", "BRAVO", "CHARLIE")
# How long a step may take to come back from the database before the test gives up. Not
# a speed goal (those live in benchmarks/): a rejection opens a ticket through the whole
# pipeline, and on a CI machine sharing PostgreSQL with the other worker that once took
# longer than the 5 s used before. waitUntil returns as soon as the step is done.
WAIT_MS = 30_000


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def estate(services: Services, people: People) -> People:
    """Three customers running ERP 1.0.0 on test and production; 1.1.0 is out."""
    m = people.manager
    services.customers.add_product(m, code="ERP", name="Acme ERP")
    for version in ("1.0.0", "1.1.0"):
        services.releases.add_release(m, product="ERP", version=version, state="available")
    for code in TRIO:
        services.customers.add_customer(m, code=code, name=f"{code.title()} Ltd")
        services.customers.add_contact(
            m,
            customer_code=code,
            name=f"{code.title()} QA",
            email=f"qa@{code.lower()}.example",
            verifies_releases=True,
        )
        for env in ("test", "production"):
            services.releases.record_baseline(
                m,
                customer=code,
                product="ERP",
                environment=env,
                version="1.0.0",
                reason="tracked from today",
            )
    return people


def visible_customers(wizard: PromotionWizard) -> list[str]:
    """The customers the user sees in the list (through the sorting proxy)."""
    page = wizard.customers_page
    return [
        page.proxy.index(row, 0).data()
        for row in range(page.proxy.rowCount())
        if not page.view.isRowHidden(row)
    ]


def check(wizard: PromotionWizard, customers: tuple[str, ...]) -> None:
    """Tick the customers' boxes where the user sees them."""
    page = wizard.customers_page
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() in customers:
            page.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def choose(page: VerificationPage, customer: str) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r, 0).text() == customer)
    page.view.selectRow(row)


def ready_for(page: VerificationPage, customer: str) -> bool:
    return (
        page.record.isEnabled()
        and page.selected_customer() == customer
        and page.contact.count() > 0
        and page.contact.currentText() == f"{customer.title()} QA"
    )


def answer(
    qtbot: QtBot, wizard: PromotionWizard, customer: str, approve: bool, reason: str = ""
) -> None:
    page = wizard.verification_page
    choose(page, customer)
    # As a user would: the form is ready once the list has come back from the last
    # answer (Record is enabled again) and the contacts of *this* customer are shown.
    qtbot.waitUntil(lambda: ready_for(page, customer), timeout=WAIT_MS)
    (page.approved if approve else page.rejected).setChecked(True)
    page.comments.setPlainText(reason)
    qtbot.mouseClick(page.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.feedback.text().startswith(f"{customer}:"), timeout=WAIT_MS)


def to_verification(qtbot: QtBot, wizard: PromotionWizard) -> None:
    """Choose 1.1.0 for the trio, install it on their test systems, reach verification."""
    qtbot.waitUntil(lambda: wizard.release_page.release.count() == 2, timeout=WAIT_MS)
    wizard.release_page.release.setCurrentText("1.1.0")
    assert wizard.currentPage().isComplete()
    wizard.next()

    qtbot.waitUntil(lambda: len(visible_customers(wizard)) == 4, timeout=WAIT_MS)
    assert visible_customers(wizard) == ["ACME", *TRIO]
    assert not wizard.currentPage().isComplete()
    check(wizard, TRIO)
    assert wizard.state.customers == list(TRIO)
    wizard.next()

    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.model.rowCount() == 3, timeout=WAIT_MS)
    assert [preview.model.item(r, 5).text() for r in range(3)] == ["yes"] * 3
    assert preview.model.item(0, 6).text() == "qa@alfa.example"
    wizard.next()

    test_page = wizard.test_page
    qtbot.waitUntil(test_page.go.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(test_page.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: test_page.summary.text().startswith("Done"), timeout=WAIT_MS)
    assert test_page.summary.text() == "Done: 3 installed on test, 0 failed."
    wizard.next()

    qtbot.waitUntil(lambda: wizard.verification_page.model.rowCount() == 3, timeout=WAIT_MS)


def test_three_customers_one_approves_one_rejects_one_pending(
    qtbot: QtBot, services: Services, estate: People, runner: TaskRunner
) -> None:
    wizard = PromotionWizard(services, estate.manager, runner)
    qtbot.addWidget(wizard)
    wizard.show()
    to_verification(qtbot, wizard)

    verify = wizard.verification_page
    answer(qtbot, wizard, "ALFA", approve=True)
    assert verify.feedback.text() == "ALFA: verified."
    answer(qtbot, wizard, "BRAVO", approve=False, reason="Totals are rounded wrongly")
    assert "BRAVO: rejected; ticket SD-" in verify.feedback.text()
    qtbot.waitUntil(lambda: verify.model.rowCount() == 1, timeout=WAIT_MS)
    assert verify.model.item(0, 0).text() == "CHARLIE"
    wizard.next()

    production = wizard.production_page
    qtbot.waitUntil(production.go.isEnabled, timeout=WAIT_MS)
    assert production.targets == ["ALFA"]
    qtbot.mouseClick(production.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: production.summary.text().startswith("Done"), timeout=WAIT_MS)
    assert production.summary.text() == "Done: 1 installed on production, 0 failed."

    matrix = VersionMatrixView(services, estate.manager, runner)
    qtbot.addWidget(matrix)
    matrix.refresh()
    qtbot.waitUntil(lambda: matrix.model.rowCount() == 4, timeout=WAIT_MS)
    cells: dict[str, MatrixCell] = {}
    for r in range(4):
        cell = matrix.model.cell(r, 2)
        assert cell is not None  # columns 0-1 are customer and name
        cells[matrix.model.data(matrix.model.index(r, 0))] = cell
    assert (cells["ALFA"].test, cells["ALFA"].production, cells["ALFA"].behind) == (
        "1.1.0",
        "1.1.0",
        False,
    )
    assert (
        cells["BRAVO"].test,
        cells["BRAVO"].production,
        cells["BRAVO"].behind,
        cells["BRAVO"].awaiting_verification,
    ) == ("1.1.0", "1.0.0", True, None)
    assert (cells["CHARLIE"].production, cells["CHARLIE"].awaiting_verification) == (
        "1.0.0",
        "1.1.0",
    )
    assert cells["ACME"].production is None

    pending = PendingVerificationsView(services, estate.manager, runner)
    qtbot.addWidget(pending)
    pending.refresh()
    qtbot.waitUntil(lambda: pending.model.rowCount() == 1, timeout=WAIT_MS)
    with qtbot.waitSignal(pending.resume_requested) as resumed:
        pending.view.selectRow(0)
        qtbot.mouseClick(pending.open_button, Qt.MouseButton.LeftButton)
    assert resumed.args == ["ERP", "1.1.0", "CHARLIE"]


def test_the_list_reloading_after_an_answer_keeps_the_customer_the_user_chose(
    qtbot: QtBot,
    services: Services,
    estate: People,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CI once clicked Record while the list was still reloading after ALFA's answer; the
    reload then selected the first row. A user who had meanwhile chosen CHARLIE would have
    had their rejection filed against BRAVO."""
    wizard = PromotionWizard(services, estate.manager, runner)
    qtbot.addWidget(wizard)
    wizard.show()
    to_verification(qtbot, wizard)
    verify = wizard.verification_page

    # Hold the list's reload in its worker until the user has chosen CHARLIE.
    reload_may_run = threading.Event()
    candidates = wizard.state.promotions.candidates

    def held_candidates(*args: Any, **kwargs: Any) -> Any:
        assert reload_may_run.wait(WAIT_MS / 1000)
        return candidates(*args, **kwargs)

    monkeypatch.setattr(wizard.state.promotions, "candidates", held_candidates)
    answer(qtbot, wizard, "ALFA", approve=True)
    assert verify.model.rowCount() == 3
    choose(verify, "CHARLIE")
    reload_may_run.set()
    qtbot.waitUntil(lambda: verify.model.rowCount() == 2, timeout=WAIT_MS)
    assert verify.selected_customer() == "CHARLIE"
    qtbot.waitUntil(lambda: ready_for(verify, "CHARLIE"), timeout=WAIT_MS)
    answer(qtbot, wizard, "CHARLIE", approve=False, reason="Print preview is blank")
    assert "CHARLIE: rejected; ticket SD-" in verify.feedback.text()
    qtbot.waitUntil(lambda: verify.model.rowCount() == 1, timeout=WAIT_MS)
    assert verify.model.item(0, 0).text() == "BRAVO"
    qtbot.waitUntil(lambda: ready_for(verify, "BRAVO"), timeout=WAIT_MS)  # nothing in flight


def test_a_long_batch_keeps_the_gui_turning_and_can_be_cancelled(
    qtbot: QtBot, services: Services, estate: People, runner: TaskRunner
) -> None:
    for i in range(60):
        services.customers.add_customer(estate.manager, code=f"C{i:03d}", name=f"Customer {i}")
    customers = [f"C{i:03d}" for i in range(60)]
    batch = BatchRun(runner)
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(batch.running))
    timer.start()
    progress: list[int] = []

    def on_progress(done: int, total: int, customer: str) -> None:
        progress.append(done)
        if done == 10:
            batch.cancel()

    batch.progress.connect(on_progress)
    with qtbot.waitSignal(batch.finished, timeout=30000) as finished:
        batch.start(
            customers,
            lambda code: (
                services.promotions.install_on_test(
                    estate.engineer, product="ERP", version="1.1.0", customer=code
                ).state
            ),
        )
    timer.stop()
    results = finished.args[0]
    assert 10 <= len(results) < 60  # stopped between customers, soon after the request
    assert all(r.ok for r in results)
    assert progress[:10] == list(range(1, 11))
    assert any(ticks), "the GUI event loop did not turn while the batch ran"
    done = {r.customer for r in results}
    candidates = services.promotions.candidates(estate.manager, product="ERP", version="1.1.0")
    states = {c.customer: c.state for c in candidates if c.customer.startswith("C0")}
    assert {c for c, s in states.items() if s} == done  # nothing half-done after cancel
