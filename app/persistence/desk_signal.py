"""Desks first: a SQLite desk waiting for the write lock tells the background job,
which then gives the lock back at once (issue 19, item 5).

SQLite has one write lock for the whole file and no queue: a desk that finds it taken
by the background job (a scanned ticket's transaction, 20-50 ms of the change pipeline
after its first write) can only wait for the job's commit. So a desk that waits says
so, and the job, between its statements, looks and, seeing one, rolls its ticket back
(it is tried again after its pause; nothing was written) — the desk waits for one of
the job's statements, not for its whole transaction.

The signal is a shared ``flock`` on a side file next to the database (``<file>-desks``)
for as long as a desk waits; the job tests for one with a non-blocking exclusive
``flock`` of its own (the side file is empty, private like the database: 0600).
``flock`` locks belong to open files, not processes, so this also
works between a desk's action and the job running on a worker thread of the same
process. No signal where ``fcntl`` is missing (Windows) or for in-memory databases: the
job then only gives way at its first write, as before.
"""

from __future__ import annotations

import os

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SUFFIX = "-desks"
# The job's open side files, one per database file (its test needs its own open file).
_JOB_FILES: dict[str, int] = {}


def side_file(database: str | None) -> str | None:
    if fcntl is None or database in (None, "", ":memory:") or database.startswith("file:"):
        return None
    return database + SUFFIX


class Waiting:
    """A desk waiting for the write lock: :meth:`say` after each refused try (the job
    sees it from then on), :meth:`close` when the wait ends. Best effort: failing to
    say it only means the desk waits as it would have."""

    def __init__(self, database: str | None) -> None:
        self._path = side_file(database)
        self._fd = -1
        self._said = False

    def say(self) -> None:
        if self._said or self._path is None:
            return
        try:
            if self._fd < 0:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            self._said = True
        except BlockingIOError:
            pass  # the job is testing this very moment: say it at the next look
        except OSError:
            self._path = None  # e.g. a read-only folder: no signal

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing releases the lock
            self._fd = -1


def desk_waiting(database: str | None) -> bool:
    """Whether a desk (of any process, or another thread of this one) waits now."""
    path = side_file(database)
    if path is None:
        return False
    fd = _JOB_FILES.get(path)
    try:
        if fd is None:
            fd = _JOB_FILES[path] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False
