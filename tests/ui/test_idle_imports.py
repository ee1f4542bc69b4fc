"""The main window's modules load one at a time on the GUI thread while the login dialog
waits (ui/idle_imports.py), so opening the window after a login imports nothing more."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.idle_imports import IdleImports

# A fresh process in the state ui.main leaves it in when the imports start: the login
# dialog's modules and the services' warm-up loaded. Each listed module must then bring
# in no other ui module (one module's code per idle turn), and the window's own imports
# must find every ui module loaded.
CHECK = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import ui.main
from ui.dialogs.login import LoginDialog
ui.main._warm_up()
from ui.idle_imports import WINDOW_MODULES

def ui_modules():
    return {m for m in sys.modules if m == "ui" or m.startswith("ui.")}

for name in WINDOW_MODULES:
    before = ui_modules()
    __import__(name)
    extra = ui_modules() - before - {name}
    if extra:
        print(f"{name} also imported {sorted(extra)}: list those before it")
before = ui_modules()
import ui.app_context, ui.drafts, ui.main_window
missing = sorted(ui_modules() - before)
if missing:
    print(f"the window imported {missing}: add them to WINDOW_MODULES")
"""


def test_the_list_is_complete_and_leaves_first() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A throw-away package whose modules record the thread that imported them."""
    root = tmp_path / "idle_pkg"
    root.mkdir()
    (root / "__init__.py").write_text("import threading\nimported_on = {}\n")
    for name in ("first", "second", "after"):
        (root / f"{name}.py").write_text(
            "import threading, idle_pkg\n"
            f"idle_pkg.imported_on[{name!r}] = threading.current_thread()\n"
        )
    (root / "broken.py").write_text("raise RuntimeError('broken on purpose')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "idle_pkg"
    for name in [m for m in sys.modules if m.startswith("idle_pkg")]:
        del sys.modules[name]


def test_modules_are_imported_on_the_gui_thread_when_idle(qtbot: QtBot, package: str) -> None:
    imports = IdleImports((f"{package}.first", f"{package}.second"))
    assert f"{package}.first" not in sys.modules
    imports.start()
    assert not imports.done  # nothing runs before the event loop turns
    qtbot.waitUntil(lambda: imports.done)
    recorded = sys.modules[package].imported_on
    assert set(recorded) == {"first", "second"}
    assert all(t is threading.main_thread() for t in recorded.values())


def test_a_module_that_fails_stops_the_rest_and_is_logged(
    qtbot: QtBot, package: str, caplog: pytest.LogCaptureFixture
) -> None:
    imports = IdleImports((f"{package}.broken", f"{package}.after"))
    with caplog.at_level(logging.ERROR, logger="ui.idle_imports"):
        imports.start()
        qtbot.waitUntil(lambda: imports.done)
    assert f"{package}.after" not in sys.modules
    assert "idle_pkg.broken" in caplog.text


def test_stopped_imports_import_nothing_more(qtbot: QtBot, package: str) -> None:
    imports = IdleImports((f"{package}.first",))
    imports.start()
    imports.stop()
    qtbot.wait(50)  # several idle turns: a running timer would have fired by now
    assert f"{package}.first" not in sys.modules
