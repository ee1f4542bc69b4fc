"""The queue model's fixtures, shared by its test modules: a runner and five tickets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.people import People
from tests.ui.queue.support import five_tickets
from ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """A TaskRunner for the model, shut down afterwards (``qtbot``: a QApplication)."""
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def numbers(services: Services, people: People, clock: FakeClock) -> list[str]:
    """Five tickets of ``support.SUBJECTS``, opened five minutes apart: their numbers."""
    return five_tickets(services, people, clock)
