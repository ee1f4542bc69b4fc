"""The icons are drawn while the login dialog waits (ui/idle_icons.py), so building the
main window after Return draws none of them on the GUI thread."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.theme
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, mias_window, wait
from ui.gui_collector import GuiThreadCollector
from ui.idle_icons import IdleIcons, icon_names
from ui.main import services_in


def test_every_bundled_icon_is_listed_but_the_apps_own() -> None:
    names = icon_names()
    assert "app" not in names
    assert {"previous", "mail_unmatched"} <= set(names)  # two of the files in ui/resources
    assert names == sorted(names)


def test_the_window_draws_no_icon_after_the_idle_turns(
    qtbot: QtBot,
    db_url: str,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ui.theme.app_icon()  # ui.main sets the application's icon before the login dialog
    ui.theme._tinted.cache_clear()
    icons = IdleIcons()
    icons.start()
    wait(qtbot, lambda: icons.done)
    assert ui.theme._tinted.cache_info().currsize == len(icon_names())

    drawn: list[bytes] = []
    real = ui.theme._icon_from_svg

    def counting(svg: bytes) -> object:
        drawn.append(svg)
        return real(svg)

    monkeypatch.setattr(ui.theme, "_icon_from_svg", counting)
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    try:
        assert ui.theme._tinted.cache_info().hits > 0  # the window did ask for icons
        assert drawn == []  # ... and found every one drawn already
    finally:
        close(window)


def test_stop_leaves_the_rest_undrawn(qtbot: QtBot) -> None:
    ui.theme._tinted.cache_clear()
    icons = IdleIcons()
    icons.start()
    icons.stop()
    qtbot.wait(50)  # turns of the event loop in which a running timer would fire
    assert ui.theme._tinted.cache_info().currsize == 0
    assert not icons.done


def test_the_services_are_frozen_out_of_collections_before_the_idle_work(
    qtbot: QtBot, gui_thread_collector: GuiThreadCollector
) -> None:
    """A generation-2 pass while the user typed walked every module the warm-up had
    imported (89.9 ms in the 1M drive): they are frozen first, then the idle work runs."""
    ui.theme._tinted.cache_clear()
    icons = IdleIcons()
    assert gc.get_freeze_count() == 0
    services_in(gui_thread_collector, icons)
    try:
        assert gc.get_freeze_count() > 0
        wait(qtbot, lambda: icons.done)
        assert ui.theme._tinted.cache_info().currsize == len(icon_names())
    finally:
        gui_thread_collector.release()
