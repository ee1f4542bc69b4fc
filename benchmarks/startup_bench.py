"""Start-up: process start → first paint of the login window, beside a bare PySide6
window measured in the same run (same machine, same load, interleaved).

    .venv/bin/python -m benchmarks.startup_bench             # from source (+ frozen if built)
    .venv/bin/python -m benchmarks.startup_bench --runs 9 --frozen dist/SupportDesk/supportdesk
    xvfb-run -a .venv/bin/python -m benchmarks.startup_bench --platform xcb   # a real X server

Each contender is a fresh process that prints "painted" once its window has drawn its
first frame (``SUPPORTDESK_STARTUP_PROBE`` in ui/main.py; the bare window uses the same
paint-event watch) and quits; the clock runs from ``Popen`` to that line. Prints the
median and best of each and the ratio to the bare window (goal: ≤ 2×). It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
app = QApplication(sys.argv)
window = QWidget()
window.setWindowTitle("bare")
QVBoxLayout(window).addWidget(QLabel("a bare PySide6 window"))
class Watch(QObject):
    def eventFilter(self, obj, event):
        if obj is window and event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False
watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""


def time_to_paint(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, env=env, text=True, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "painted":
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit(f"{argv[0]} never painted (exit {proc.wait()})")
    proc.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    default_frozen = ROOT / "dist" / "SupportDesk" / "supportdesk"
    parser.add_argument("--frozen", type=Path, default=default_frozen)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if k != "SUPPORTDESK_DB"}
        env.update(
            QT_QPA_PLATFORM=args.platform,
            SUPPORTDESK_STARTUP_PROBE="1",
            SUPPORTDESK_DATA_DIR=scratch,
            SUPPORTDESK_CONFIG_DIR=scratch,
            SUPPORTDESK_LOG_DIR=scratch,
        )
        contenders = {
            "bare PySide6 window": [sys.executable, "-c", BARE],
            "supportdesk (source)": [sys.executable, "-m", "app"],
        }
        if args.frozen.exists():
            contenders["supportdesk (frozen)"] = [str(args.frozen)]
            # The frozen bare window would need its own bundle; the interpreter's is the
            # same Qt, so it stays the yardstick for both.
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for argv in contenders.values():  # warm the file cache once
            time_to_paint(argv, env)
        for _ in range(args.runs):
            for name, argv in contenders.items():
                times[name].append(time_to_paint(argv, env))
    bare = statistics.median(times["bare PySide6 window"])
    print(f"platform {args.platform}, {args.runs} runs each, interleaved; {os.cpu_count()} CPUs")
    print(f"{'':24} {'median':>8} {'best':>8} {'× bare':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:24} {median:7.3f}s {min(values):7.3f}s {median / bare:7.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
