"""What a stalled GUI thread is doing, for benchmarks/desktop_drive.py's watchdog: its
Python stack in one line, and the kernel's word on it (running, waiting for a lock or
the GIL, in disk I/O)."""

from __future__ import annotations

from typing import Any


def kernel_state(tid: int) -> str:
    """A thread's scheduler state and the kernel function it sleeps in (Linux)."""
    try:
        with open(f"/proc/self/task/{tid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
        with open(f"/proc/self/task/{tid}/wchan") as wchan:
            where = wchan.read().strip()
        with open(f"/proc/self/task/{tid}/syscall") as syscall:  # its number (x86-64)
            call = syscall.read().split(maxsplit=1)[0]
        return f"{state} {where} syscall {call}"
    except OSError:
        return "?"


def innermost(frame: Any, depth: int = 4) -> str:
    """A frame and its callers, one line: ``file:line fn < file:line fn ...``."""
    parts: list[str] = []
    while frame is not None and len(parts) < depth:
        code = frame.f_code
        parts.append(f"{code.co_filename.rsplit('/', 2)[-1]}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return " < ".join(parts)
