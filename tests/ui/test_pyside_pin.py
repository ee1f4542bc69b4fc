"""Guard against PySide6 6.12's none_dealloc abort on Python 3.11: stay on 6.11.x."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import PySide6

CALLS = 20_000


def test_pyside6_is_pinned_to_6_11() -> None:
    assert PySide6.__version__.startswith("6.11."), PySide6.__version__


def test_many_void_qt_calls_do_not_abort_the_interpreter() -> None:
    script = textwrap.dedent(
        f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        for i in range({CALLS}):
            label.setText(str(i))
        print(label.text())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == str(CALLS - 1)
