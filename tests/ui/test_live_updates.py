"""Another desk's change, written by another OS process, shows up in this desk's queue
within 2 s: PostgreSQL by LISTEN/NOTIFY, SQLite by polling the change counter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Actor
from tests.support.people import People
from ui.live import ChangeWatcher
from ui.models.queue_model import QueueModel
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def watcher(qtbot: QtBot, services: Services) -> Iterator[ChangeWatcher]:
    # On PostgreSQL the poll is slowed right down: only LISTEN can be in time.
    interval = 60_000 if services.changes.supports_listen else 1000
    watch = ChangeWatcher(services, interval_ms=interval)
    watch.start()
    ready = watch.listening if services.changes.supports_listen else watch.primed
    qtbot.waitUntil(ready.is_set, timeout=5000)
    yield watch
    watch.stop()


def other_desk(url: str, actor: Actor, action: str, *args: str) -> str:
    """Run the action in another process; returns once that process has committed."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.other_desk", url, str(actor.user_id),
         actor.username, actor.role.value, action, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_ticket_opened_at_another_desk_appears_within_two_seconds(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    runner: TaskRunner,
    watcher: ChangeWatcher,
) -> None:
    model = QueueModel(services, people.engineer, runner)
    assert runner.wait_idle(5000)
    watcher.changed.connect(model.refresh)
    assert model.rowCount() == 0

    number = other_desk(db_url, people.care, "open", "Payroll export stopped")

    qtbot.waitUntil(lambda: model.row_of(number) is not None, timeout=2000)
    assert model.row_data(model.row_of(number)).subject == "Payroll export stopped"  # type: ignore[arg-type, union-attr]


def test_another_desk_taking_a_ticket_updates_its_row_within_two_seconds(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    runner: TaskRunner,
    watcher: ChangeWatcher,
) -> None:
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Disk full", service_type="managed_hosting"
    ).number
    model = QueueModel(services, people.care, runner)
    assert runner.wait_idle(5000)
    watcher.changed.connect(model.refresh)
    assert model.row_data(0).assignee is None  # type: ignore[union-attr]

    other_desk(db_url, people.engineer2, "take", number)

    qtbot.waitUntil(lambda: model.row_data(0).assignee == "eng2", timeout=2000)  # type: ignore[union-attr]
    assert model.row_data(0).status == "assigned"  # type: ignore[union-attr]
