"""After login the desk loads, on a worker thread, what the first SLA clock would
otherwise load inside someone's action (the public holidays' rules: 0.3 s alone, 1.7 s
on a busy machine)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.main_window
from app.domain.calendar import load_holiday_rules
from app.services.auth import Passwords
from app.services.sla import SlaService
from tests.support.people import People
from tests.ui.desk import close, mias_window, wait


def test_the_holiday_rules_load_off_the_gui_thread_after_login(
    qtbot: QtBot,
    db_url: str,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert people.manager.username == "mia"  # the window is hers
    threads: list[threading.Thread] = []
    real = SlaService.warm_up

    def recorded(self: SlaService) -> None:
        threads.append(threading.current_thread())
        real(self)

    monkeypatch.setattr(SlaService, "warm_up", recorded)
    # As in a fresh desk process (another test may have loaded them in this one).
    monkeypatch.setattr(ui.main_window, "holiday_rules_loaded", lambda: False)
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    try:
        wait(qtbot, lambda: bool(threads))
        assert window.ctx.runner.wait_idle()
        assert len(threads) == 1
        assert threads[0] is not threading.main_thread()
    finally:
        close(window)


def test_a_desk_whose_login_loaded_the_rules_does_not_ask_again(
    qtbot: QtBot,
    db_url: str,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ui.main loads the rules while the login window is up; the window then adds no
    task of its own."""
    load_holiday_rules()
    asked: list[str] = []
    monkeypatch.setattr(SlaService, "warm_up", lambda self: asked.append("warm-up"))
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    try:
        assert window.ctx.runner.wait_idle()
        assert asked == []
    finally:
        close(window)
