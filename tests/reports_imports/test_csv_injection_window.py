"""Issue 16, problem 6, in the client: the version matrix window's "Export CSV" writes a
customer named like a formula as text. Both engines, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from tests.reports_imports.test_csv_injection import EVIL_NAME, live_formulas
from tests.support.people import People
from ui.tasks import TaskRunner
from ui.views.release_views import VersionMatrixView


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_the_matrix_window_exports_no_formula(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, tmp_path: Path
) -> None:
    services.customers.add_customer(people.manager, code="EVIL", name=EVIL_NAME)
    services.customers.add_product(people.manager, code="ERP", name="ERP suite")
    matrix = VersionMatrixView(services, people.manager, runner)
    qtbot.addWidget(matrix)
    matrix.refresh()
    qtbot.waitUntil(lambda: matrix.model.rowCount() == 2, timeout=5000)

    out = tmp_path / "matrix.csv"
    matrix.export_csv(str(out))

    text = out.read_text(encoding="utf-8")
    assert live_formulas(text) == []
    assert "'=HYPERLINK(" in text
