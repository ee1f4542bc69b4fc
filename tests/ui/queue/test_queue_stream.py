"""The id stream behind the queue's first page (issue 19): it steps aside for the rows
people wait for and for a view that moves, and a newer input stops it within a step."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueSort
from tests.support.people import People
from tests.support.queue_data import bulk_tickets
from tests.ui.queue.support import ALL, fetch_all, following_view, make_model, scroll_to
from ui.models import queue_stream
from ui.models.queue_cache import RowIds
from ui.tasks import TaskRunner


class Steps:
    """The stream's queries: (ids asked for, when), through the real ``QueueService.ids``;
    ``on_call(n)`` runs as the n-th starts."""

    def __init__(
        self,
        services: Services,
        monkeypatch: pytest.MonkeyPatch,
        on_call: Callable[[int], None] = lambda n: None,
    ) -> None:
        self.calls: list[tuple[int, float]] = []
        real_ids = services.queue.ids

        def ids(*args: Any) -> tuple[list[int], Any]:
            self.calls.append((args[4], time.perf_counter()))
            on_call(len(self.calls))
            return real_ids(*args)

        monkeypatch.setattr(services.queue, "ids", ids)

    @property
    def sizes(self) -> list[int]:
        return [limit for limit, _ in self.calls]


def test_the_id_stream_waits_for_the_rows_people_wait_for_and_stops_within_a_step(
    qtbot: QtBot,
    services: Services,
    people: People,
    numbers: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(queue_stream, "STEP", 2)
    monkeypatch.setattr(queue_stream, "YIELD_S", 10.0)
    foreground = queue_stream.Foreground()
    stream = queue_stream.IdStream(services, people.care, foreground)
    # A new input while the second step runs.
    steps = Steps(services, monkeypatch, lambda n: stream.stop() if n == 2 else None)
    released: list[float] = []
    chunks: list[object] = []
    foreground.begin()  # a first page on its way

    def release() -> None:
        released.append(time.perf_counter())
        foreground.end()

    QTimer.singleShot(100, release)
    walk = queue_stream.Walk(ALL, QueueSort(), RowIds(), chunks.append, chunks.append)
    stream.start(walk, None, 5)
    qtbot.waitUntil(lambda: len(steps.calls) == 2 and stream._runner.pending == 0, timeout=10_000)
    assert released and steps.calls[0][1] >= released[0]  # not before the page was in
    assert steps.sizes == [2, 2]  # stopped after its second step
    assert chunks == [] and not stream.running  # and nothing delivered


def test_the_id_stream_takes_short_steps_while_the_view_moves_and_full_ones_once_still(
    qtbot: QtBot,
    services: Services,
    people: People,
    numbers: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A step's Python part holds the GIL that every painted cell needs: while the view
    scrolls (``touch``, every 20 ms here) the stream waits, and when its patience
    (YIELD_S) is out it takes a short step; a full step only once the view has been
    still for QUIET_S. Without this, page scrolls on PostgreSQL took 47 ms at p90 while
    a stream ran (16 ms after it)."""
    monkeypatch.setattr(queue_stream, "STEP", 4)
    monkeypatch.setattr(queue_stream, "BUSY_STEP", 1)
    monkeypatch.setattr(queue_stream, "QUIET_S", 0.3)
    monkeypatch.setattr(queue_stream, "YIELD_S", 0.3)
    foreground = queue_stream.Foreground()
    stream = queue_stream.IdStream(services, people.care, foreground)
    steps = Steps(services, monkeypatch)
    moves: list[float] = []
    scrolling = QTimer()
    scrolling.setInterval(20)

    def move() -> None:
        moves.append(time.perf_counter())
        foreground.touch()

    scrolling.timeout.connect(move)
    foreground.touch()
    scrolling.start()
    started = time.perf_counter()
    chunks: list[Any] = []

    def arrived(chunk: Any) -> None:  # as the model does: the next chunk once one is in
        chunks.append(chunk)
        if chunk[2] is not None:
            stream.more(chunk[2])

    walk = queue_stream.Walk(ALL, QueueSort(), RowIds(), arrived, chunks.append)
    stream.start(walk, None, 5)
    qtbot.waitUntil(lambda: len(steps.calls) >= 1, timeout=10_000)
    scrolling.stop()
    qtbot.waitUntil(lambda: bool(chunks) and chunks[-1][2] is None, timeout=10_000)
    first_size, first_at = steps.calls[0]
    assert first_at >= started + 0.3  # it waited its patience out first
    assert first_size == 1  # then went ahead with a short step
    assert len(chunks[0][0]) == 1  # and handed that over at once: the scroll bar grows
    full = [(size, at) for size, at in steps.calls if size > 1]
    assert full, steps.sizes  # once still: a full step
    assert full[0][1] >= moves[-1] + 0.3  # not before the view had been still QUIET_S
    got = [ticket for chunk in chunks for ticket in chunk[0]]
    assert len(got) == len(set(got)) == 5  # every id, each once


def test_a_view_scrolling_over_the_model_tells_its_stream(
    qtbot: QtBot,
    services: Services,
    people: People,
    runner: TaskRunner,
) -> None:
    """The view's scrolls reach the stream's Foreground through the model (follow_viewport
    -> viewing): the wiring the short steps depend on."""
    bulk_tickets(services.db.engine, 200)
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=20, cache_max=200)
    fetch_all(model, runner)
    view = following_view(qtbot, model)
    before = model.foreground.moved
    scroll_to(qtbot, view, model, 150)
    assert model.foreground.moved > before
