"""The desktop client on a big desk, driven end to end, with the GUI thread's timer gaps.

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 .venv/bin/python -m benchmarks.desktop_drive --db sqlite:////tmp/big.db \\
        --user admin --password demo-password-1 --shot /tmp/queue.png

Starts the real client (``ui.main.run_gui``: login dialog, main window, services on the
TaskRunner), logs in by typing into the dialog, then drives the queue with real key and
mouse events: "All open" until every position is known (the model streams the view's
ids), its scroll bar dragged to the end, then ``--pages`` pages down from the middle;
every column's header clicked twice (ascending, descending), the status / priority /
customer filters, a common and a rare search and a ticket number, then "All" likewise:
to the end, and paged; each view is also paged down right after it opens, while its
ids still stream. Each step waits until the rows the table shows are in. A
5 ms PreciseTimer on the GUI thread records every gap between its ticks: a stall of the
GUI thread is a gap. Prints the largest gap per step and overall and how many passed
16 / 50 / 100 ms, and the cycle collections of 16 ms or more (which step, which
generation); ``--shot`` takes ``import -window root`` at the end. The gap log is
benchmarks/desktop_drive_gaps.py; this module is the drive (its steps) and the report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QApplication, QComboBox

from app.domain.queue import SavedView
from benchmarks.desktop_drive_gaps import GapLog

POLL_MS = 20
STREAMING_PAGES = 30  # pages down right after a view opens, its ids still streaming


class Driver:
    """One step at a time, each waiting (by polling timers, never blocking) for the
    queue to settle before the next."""

    def __init__(self, app: QApplication, args: argparse.Namespace, gaps: GapLog) -> None:
        self.app, self.args, self.gaps = app, args, gaps
        self.steps: list[tuple[str, Callable[[], None], Callable[[], bool]]] = []
        self.window: Any = None
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}
        self.rows: dict[str, int] = {}
        self.streaming: dict[str, bool] = {}  # the id stream still ran when the step ended

    # -- finding the windows ---------------------------------------------------------

    def find(self, class_name: str) -> Any:
        for w in self.app.topLevelWidgets():
            if type(w).__name__ == class_name and w.isVisible():
                return w
        return None

    def log_in(self) -> None:
        dialog = self.find("LoginDialog")
        if dialog is None:
            QTimer.singleShot(POLL_MS, self.log_in)
            return
        dialog.username.setText(self.args.user)
        self.gaps.step = "typing the password"
        self.type_password(dialog, list(self.args.password))

    def type_password(self, dialog: Any, keys: list[str]) -> None:
        """A key every ``--key-ms`` as a person types (the login window warms the desk up
        meanwhile, ui.main), then Return: the "login" step is from Return to the window."""
        if keys:
            QTest.keyClicks(dialog.password, keys.pop(0))
            QTimer.singleShot(self.args.key_ms, lambda: self.type_password(dialog, keys))
            return
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        self.gaps.step = "login"
        self.wait_window()

    def wait_window(self) -> None:
        self.window = self.find("MainWindow")
        if self.window is None or self.queue.model.loading:
            QTimer.singleShot(POLL_MS, self.wait_window)
            return
        self.plan()
        self.next()

    @property
    def queue(self) -> Any:
        return self.window.queue

    # -- the steps ------------------------------------------------------------------------

    def settled(self) -> bool:
        queue = self.queue
        return not queue.model.loading and not queue.filter_bar.search_pending() and self.shown()

    def shown(self) -> bool:
        """The rows the table shows are in the model (not placeholders)."""
        table, model = self.queue.table, self.queue.model
        rows = model.rowCount()
        if not rows:
            return True
        last = table.rowAt(table.viewport().height() - 1)
        last = last if last >= 0 else rows - 1
        return all(model.row_data(r) is not None for r in range(max(0, table.rowAt(0)), last + 1))

    def plan(self) -> None:
        table, model = self.queue.table, self.queue.model
        self.add("open: All open", lambda: self.window.sidebar.select(SavedView.ALL_OPEN))
        self.add_scroll("All open", self.args.pages)
        # The steps bind their argument with partial (mypy cannot type a lambda's default
        # argument); what they read from the widgets is still read when the step runs.
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                continue
            for order in ("asc", "desc"):
                self.add(
                    f"sort {model.headerData(column, Qt.Orientation.Horizontal)} {order}",
                    partial(self.click_header, column),
                )
        for name, combo in (
            ("status", self.queue.status),
            ("priority", self.queue.priority),
            ("customer", self.queue.customer),
        ):
            self.add(f"filter {name}", partial(self.pick_second_entry, combo))
            self.add(f"filter {name} off", partial(combo.setCurrentIndex, 0))
        for word in ("mail", "zeppelin", "SD-000042"):
            self.add(f"search {word!r}", partial(self.type_search, word))
            self.add(f"search {word!r} cleared", self.queue.search.clear)
        self.add("view: All", lambda: self.window.sidebar.select(SavedView.ALL))
        self.add_scroll("All", self.args.pages)

    def click_header(self, column: int) -> None:
        header = self.queue.table.horizontalHeader()
        QTest.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2),
        )

    @staticmethod
    def pick_second_entry(combo: QComboBox) -> None:
        """The combo's second entry, or its only one: counted when the step runs, not
        when the plan is made."""
        combo.setCurrentIndex(min(1, combo.count() - 1))

    def type_search(self, word: str) -> None:
        self.queue.search.setFocus()
        QTest.keyClicks(self.queue.search, word)

    def add(self, name: str, act: Callable[[], None]) -> None:
        self.steps.append((name, act, self.settled))

    def add_scroll(self, view: str, pages: int) -> None:
        """Every position known (the id stream), the scroll bar dragged to its end, then
        ``pages`` pages down from the middle, each waiting for its rows."""
        model = self.queue.model
        bar = self.queue.table.verticalScrollBar()
        # First pages down while the view's ids still stream in (the stream's steps and
        # the pages' paints share the GIL and the cores); whether it still ran is noted.
        self._pages(f"{view}: {STREAMING_PAGES} pages down while ids stream", STREAMING_PAGES)
        self.steps.append((f"{view}: ids streamed", lambda: None, lambda: not model.streaming))
        self.add(
            f"{view}: drag to the end",
            lambda: bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum),
        )
        self.add(f"{view}: drag to the middle", lambda: bar.setValue(bar.maximum() // 2))
        self._pages(f"{view}: {pages} pages down", pages)

    def _pages(self, name: str, pages: int) -> None:
        """``pages`` pages down, each waiting for its rows."""
        bar = self.queue.table.verticalScrollBar()
        left = [pages]

        def page() -> None:
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)

        def done() -> bool:
            if not self.settled():
                return False
            if left[0] > 0:
                left[0] -= 1
                page()
                return False
            return True

        self.steps.append((name, page, done))

    def next(self) -> None:
        if not self.steps:
            self.finish()
            return
        name, act, done = self.steps.pop(0)
        self.gaps.step = name
        started = time.perf_counter()
        act()

        def wait() -> None:
            if done():
                self.timings[name] = round((time.perf_counter() - started) * 1000, 1)
                self.rows[name] = self.queue.model.rowCount()
                self.streaming[name] = self.queue.model.streaming
                if self.args.shot and name == self.args.shot_at:
                    # From a thread: ``import`` reads the X server, the GUI goes on.
                    shot = self.args.shot.replace(".png", "-step.png")
                    threading.Thread(
                        target=subprocess.run, args=(["import", "-window", "root", shot],)
                    ).start()
                QTimer.singleShot(POLL_MS, self.next)
            else:
                QTimer.singleShot(POLL_MS, wait)

        QTimer.singleShot(POLL_MS, wait)

    def finish(self) -> None:
        self.gaps.timer.stop()
        model = self.queue.model
        report = {
            "rows_loaded": model.rowCount(),
            "cached_rows": model.cached_rows,
            "total": model.total,
            "step_ms": self.timings,
            "rows_after_step": self.rows,
            "streaming_after_step": {k: v for k, v in self.streaming.items() if v},
            **self.gaps.summary(),
        }
        print(json.dumps(report, indent=2), flush=True)
        if self.args.json:
            with open(self.args.json, "w") as out:
                json.dump(report, out, indent=2)
        if self.args.shot:
            subprocess.run(["import", "-window", "root", self.args.shot], check=False)
        self.window.close()
        self.app.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="demo-password-1")
    parser.add_argument("--pages", type=int, default=200, help="pages to scroll, per view")
    parser.add_argument(
        "--key-ms", type=int, default=120, help="ms between the password's keys (0: at once)"
    )
    parser.add_argument("--shot-at", help="also a screenshot after this step (by name)")
    parser.add_argument("--shot", help="screenshot of the whole screen at the end")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument(
        "--switch-interval",
        type=float,
        help="sys.setswitchinterval (s) for this run: how long a thread waits for the GIL",
    )
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    app = QApplication(sys.argv)
    gaps = GapLog()
    gaps.start()
    driver = Driver(app, args, gaps)
    QTimer.singleShot(0, driver.log_in)
    from ui.main import run_gui

    run_gui(args.db, args.user)


if __name__ == "__main__":
    main()
