"""The history model: every step of a ticket, filterable by kind, with time logged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.services.dto import EventView
from tests.support.people import People
from ui.i18n import Translations
from ui.models.history_model import HistoryModel, summary


@pytest.fixture
def events(services: Services, people: People, clock: FakeClock) -> list[EventView]:
    t = services.tickets
    number = t.open_ticket(
        people.care,
        customer="ACME",
        subject="Invoices are not sent",
        service_type="first_level_support",
    ).number
    clock.advance(minutes=5)
    t.take(people.engineer, number)
    t.start(people.engineer, number)
    t.comment(people.engineer, number, "Queue worker died", internal=True, minutes=20)
    t.resolve(
        people.engineer, number, problem_nature="out of memory", solution="restart", minutes=25
    )
    return list(t.show(people.care, number).history)


def test_every_event_is_one_line_in_order(qtbot: QtBot, events: list[EventView]) -> None:
    model = HistoryModel()
    model.set_events(list(reversed(events)))  # whatever order they come in
    assert model.rowCount() == len(events)
    lines = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert "cara opened the ticket" in lines[0]
    assert any("eng changed the status: New → Assigned" in line for line in lines)
    assert any("Queue worker died · 20 min · internal" in line for line in lines)
    assert model.total_minutes() == 45
    row = next(
        r
        for r in range(model.rowCount())
        if model.data(model.index(r), HistoryModel.IsInternalRole)
    )
    assert model.data(model.index(row), HistoryModel.EventRole).kind == "comment"


def test_filter_by_kind_keeps_the_total(qtbot: QtBot, events: list[EventView]) -> None:
    model = HistoryModel()
    model.set_events(events)
    model.set_kind_filter({"comment", "resolution"})
    kinds = [model.data(model.index(r), HistoryModel.KindRole) for r in range(model.rowCount())]
    assert kinds == ["comment", "resolution"]
    assert model.total_minutes() == 45
    assert set(model.kinds()) >= {"created", "assigned", "status", "comment", "resolution"}
    model.set_kind_filter(None)
    assert model.rowCount() == len(events)


def test_long_text_is_shortened_in_the_line_not_in_the_tooltip(events: list[EventView]) -> None:
    comment = next(e for e in events if e.kind == "comment")
    long = EventView(**{**{f: getattr(comment, f) for f in comment.__slots__}, "text": "x" * 300})
    assert summary(long).count("x") == 79
    model = HistoryModel()
    model.set_events([long])
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    shown = QTextDocument()
    shown.setHtml(tip)  # the tooltip is escaped markup: it shows the text as typed
    assert shown.toPlainText() == "x" * 300


def test_the_history_model_passes_the_qt_model_tester(
    qtbot: QtBot, qtmodeltester: object, events: list[EventView]
) -> None:
    model = HistoryModel()
    model.set_events(events)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_kind_filter({"status"})
    model.set_events(events[:2])
    model.set_kind_filter(set())
    assert model.rowCount() == 2


def test_the_one_line_summary_speaks_the_users_language(
    qapp: QApplication, events: list[EventView]
) -> None:
    # It said "Comment", "20m" and "(internal)" in English in the Greek client (the
    # history's tooltips and what a screen reader reads).
    comment = next(e for e in events if e.kind == "comment")
    translations = Translations(qapp)
    assert translations.install("el") == "el"
    try:
        line = summary(comment)
    finally:
        translations.install("en")
    assert "20 λεπτά" in line and "εσωτερικό" in line
    assert "Queue worker died" in line  # what people typed stays as typed
    assert "internal" not in line and "min" not in line
