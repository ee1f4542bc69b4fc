"""A bug in a slot: the user gets a calm dialog and keeps working; the log gets the rest."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.config import Paths
from app.logs import setup_logging
from ui.crash import CrashHandler


class Emitter(QObject):
    poke = Signal()


def _crash_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()
    ]


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = setup_logging(Paths(tmp_path, tmp_path, tmp_path / "log"))
    assert path is not None
    return path


@pytest.fixture
def handler(qapp: QApplication, log_path: Path) -> Iterator[CrashHandler]:
    crash = CrashHandler(qapp, log_path)
    crash.install()
    yield crash
    crash.uninstall()
    for box in _crash_dialogs():
        box.done(0)


def test_an_exception_in_a_slot_shows_a_friendly_dialog_and_logs_the_traceback(
    qtbot: QtBot, handler: CrashHandler, log_path: Path
) -> None:
    emitter = Emitter()
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise ZeroDivisionError("division by zero in the totals")

    emitter.poke.connect(broken)
    emitter.poke.emit()
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    box = _crash_dialogs()[0]
    shown = f"{box.text()}\n{box.informativeText()}"

    assert "Traceback" not in shown and 'File "' not in shown
    assert "division by zero in the totals" in shown
    assert str(log_path) in shown
    for handler_ in logging.getLogger().handlers:
        handler_.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError" in logged

    # The app keeps running: the same slot runs again, and the burst shows no second box.
    emitter.poke.emit()
    assert calls == [1, 1]
    assert len(_crash_dialogs()) == 1
    assert handler.count == 2


def test_copy_details_copies_without_closing_and_without_a_traceback(
    qtbot: QtBot, handler: CrashHandler, log_path: Path
) -> None:
    handler.handle(ValueError, ValueError("bad total"), None)
    box = _crash_dialogs()[0]
    copy = next(b for b in box.findChildren(QPushButton) if b.text() == "Copy details")
    copy.click()

    copied = QGuiApplication.clipboard().text()
    assert "ValueError: bad total" in copied
    assert str(log_path) in copied
    assert "Traceback" not in copied
    assert box.isVisible()


def test_the_log_never_holds_sql_parameters(log_path: Path, tmp_path: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from app.persistence.engine import make_engine, parse_url

    engine = make_engine(parse_url(f"sqlite:///{tmp_path / 'p.db'}"))
    with engine.begin() as conn:
        conn.execute(text("create table t (id integer primary key)"))
        conn.execute(text("insert into t values (1)"))
    with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
        conn.execute(text("insert into t values (:secret)"), {"secret": 1})
    engine.dispose()
    logging.getLogger("supportdesk.test").error("failed", exc_info=caught.value)
    for handler_ in logging.getLogger().handlers:
        handler_.flush()

    logged = log_path.read_text(encoding="utf-8")
    assert "IntegrityError" in logged
    assert "parameters hidden" in logged
