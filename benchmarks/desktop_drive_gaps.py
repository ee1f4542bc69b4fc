"""The GUI thread's timer-gap log for benchmarks.desktop_drive: a 5 ms PreciseTimer on the
GUI thread records every gap between its ticks (a stall of the GUI thread is a gap), per
step of the drive; a watchdog thread notes what the GUI thread runs during a stall, and
the cycle collections and SQL statements on the GUI thread are counted too.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, QTimer

from benchmarks.gui_stalls import innermost as _innermost
from benchmarks.gui_stalls import kernel_state as _kernel_state

TICK_MS = 5
STALL_S = 0.1
STACK_DEPTH = 8
SAMPLE_S = 0.01
BIG_GAP_MS = 50


@dataclass
class GapLog:
    """Ticks every 5 ms on the GUI thread; any longer wait is time the thread was busy."""

    step: str = "start"
    last: float = 0.0
    last_cpu: float = 0.0
    per_step: dict[str, float] = field(default_factory=dict)
    per_step_cpu: dict[str, float] = field(default_factory=dict)
    ticks: dict[str, int] = field(default_factory=dict)
    gaps: list[float] = field(default_factory=list)
    cpu_gaps: list[float] = field(default_factory=list)
    timer: QTimer = field(default_factory=QTimer)

    stalls: list[dict[str, Any]] = field(default_factory=list)
    # Cycle collections of 16 ms or more (step, generation, ms): a CPU gap's usual
    # culprit that no stack shows (ui.gui_collector collects on the GUI thread).
    collections: list[tuple[str, int, float]] = field(default_factory=list)
    gui_statements: list[dict[str, str]] = field(default_factory=list)
    big_gaps: list[tuple[str, float, float]] = field(default_factory=list)
    _gc_started: float = 0.0

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
            return
        took = (time.perf_counter() - self._gc_started) * 1000
        if took >= 16:
            self.collections.append((self.step, info["generation"], round(took, 1)))

    def start(self) -> None:
        gc.callbacks.append(self._on_gc)
        self._watch_gui_statements()
        # A watchdog thread: when a tick is 100 ms late, it notes what the GUI thread is
        # running right then (the culprit of the stall, by name).
        gui = threading.get_ident()
        native = threading.get_native_id()

        def watch() -> None:
            noted = 0.0
            while self.timer.isActive() or not self.gaps:
                time.sleep(SAMPLE_S)
                late = time.perf_counter() - self.last
                if late <= STALL_S:
                    continue
                frames = sys._current_frames()
                frame = frames.get(gui)
                if self.last != noted:
                    # First look at this stall: every thread's stack (who holds the GIL
                    # or a lock the GUI thread waits on shows among the others).
                    noted = self.last
                    where = traceback.format_stack(frame, limit=STACK_DEPTH) if frame else []
                    names = {t.ident: t.name for t in threading.enumerate()}
                    others = {
                        f"{names.get(ident, '?')}#{ident}": _innermost(f, 16)
                        for ident, f in frames.items()
                        if ident not in (gui, threading.get_ident())
                    }
                    stall = {"step": self.step, "late_ms": round(late * 1000), "stack": where}
                    stall["others"] = others
                    stall["samples"] = {}
                    self.stalls.append(stall)
                # Then every SAMPLE_S while it lasts: where the GUI thread is, counted.
                samples = self.stalls[-1]["samples"]
                # The kernel's word too: R running (or waiting for a core), S asleep on
                # wchan (futex: the GIL or a lock; poll: the event loop, e.g. the X
                # server's reply), D in disk I/O.
                key = f"[{_kernel_state(native)}] " + (_innermost(frame) if frame else "?")
                samples[key] = samples.get(key, 0) + 1
                self.stalls[-1]["late_ms"] = round(late * 1000)

        threading.Thread(target=watch, daemon=True).start()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def _watch_gui_statements(self) -> None:
        """Every SQL statement run on the GUI thread, with its caller: the design says
        none ever is (a statement there is a stall as long as the database takes)."""
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        gui = threading.get_ident()

        def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if threading.get_ident() == gui:
                caller = _innermost(sys._getframe(1), 24)
                self.gui_statements.append(
                    {"step": self.step, "sql": " ".join(statement.split())[:120], "at": caller}
                )

        event.listen(Engine, "before_cursor_execute", before)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self.last) * 1000
        # The GUI thread's own CPU time between two ticks: the stall it would be on an
        # idle machine (this one runs ~15 runnable threads per core at times).
        cpu_gap = (cpu - self.last_cpu) * 1000
        self.last, self.last_cpu = now, cpu
        self.gaps.append(gap)
        self.cpu_gaps.append(cpu_gap)
        if gap > BIG_GAP_MS:  # wall and CPU of the same gap: little CPU is a blocked thread
            self.big_gaps.append((self.step, round(gap, 1), round(cpu_gap, 1)))
        self.per_step[self.step] = max(self.per_step.get(self.step, 0.0), gap)
        self.ticks[self.step] = self.ticks.get(self.step, 0) + 1
        self.per_step_cpu[self.step] = max(self.per_step_cpu.get(self.step, 0.0), cpu_gap)

    def summary(self) -> dict[str, Any]:
        over = {f">{n}ms": sum(g > n for g in self.gaps) for n in (16, 50, 100)}
        cpu_over = {f"cpu>{n}ms": sum(g > n for g in self.cpu_gaps) for n in (16, 50, 100)}
        return {
            "ticks": len(self.gaps),
            "max_gap_ms": round(max(self.gaps, default=0.0), 1),
            "p99_gap_ms": _p99(self.gaps),
            "p99_cpu_gap_ms": _p99(self.cpu_gaps),
            **over,
            "max_cpu_gap_ms": round(max(self.cpu_gaps, default=0.0), 1),
            **cpu_over,
            "per_step_max_ms": {k: round(v, 1) for k, v in self.per_step.items()},
            "per_step_max_cpu_ms": {k: round(v, 1) for k, v in self.per_step_cpu.items()},
            "ticks_per_step": self.ticks,
            "collections_over_16ms": self.collections,
            "gaps_over_50ms": self.big_gaps,
            "stalls": self.stalls,
            "gui_thread_statements": self.gui_statements,
        }


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[int(len(ordered) * 0.99)], 1) if ordered else 0.0
