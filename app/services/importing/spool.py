"""The parsed rows of one import file, kept on disk so that an import's memory stays
bounded whatever the file's size (issue 12).

A ticket's rows may be anywhere in the file (an export sorted by update time spreads a
ticket over weeks of other tickets' updates), and a ticket can only be planned once all
its rows are known. So the first pass parses the file into a private temporary SQLite
file — each row once, with its ticket's first line and row count — and every later pass
reads the tickets back, in the order the file first names them, with all their rows,
a few hundred tickets at a time. The history ledger's links of the written tickets wait
here too until the import chains them at commit time.

The spool is a scratch file of this process only (journal off, no fsync); it is deleted
when the import ends, whatever happened. A process killed by a signal cannot delete it,
so its name carries the process id and the next import sweeps the spools of processes
that no longer exist.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from types import TracebackType

from app.domain.ledger import LedgerLink
from app.domain.tickets import Status
from app.services.importing.model import SourceRow

_PREFIX = "supportdesk-import-"
_SUFFIX = ".sqlite"
_FIELDS = tuple(f.name for f in fields(SourceRow))
_STATUS = _FIELDS.index("status")
_WRITE_BATCH = 5_000  # rows buffered before they go to the spool
_READ_TICKETS = 500  # tickets read back at a time
_SCHEMA = """
CREATE TABLE tickets (
    number TEXT PRIMARY KEY, first INTEGER NOT NULL, rows INTEGER NOT NULL, known INTEGER
);
CREATE TABLE rows (
    number TEXT NOT NULL, line INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (number, line)
) WITHOUT ROWID;
CREATE TABLE links (kind TEXT NOT NULL, number TEXT NOT NULL, seq INTEGER NOT NULL,
                    hash TEXT NOT NULL);
"""


def _pack(row: SourceRow) -> bytes:
    # A tuple of the values, not the dataclass: half the size and twice as fast.
    values = [getattr(row, name) for name in _FIELDS]
    if row.status is not None:
        values[_STATUS] = row.status.value
    return pickle.dumps(tuple(values), pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> SourceRow:
    row = SourceRow(*pickle.loads(data))  # our own scratch file
    if row.status is not None:
        row.status = Status(row.status)
    return row


class Spool:
    """Rows grouped by ticket on disk; use as a context manager."""

    def __init__(self) -> None:
        sweep_orphans(Path(tempfile.gettempdir()))
        handle, name = tempfile.mkstemp(prefix=f"{_PREFIX}{os.getpid()}-", suffix=_SUFFIX)
        os.close(handle)
        self._path = Path(name)
        self._db = sqlite3.connect(name, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -4000",
                       "temp_store = FILE"):  # fmt: skip
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript(_SCHEMA)
        self._pending: list[SourceRow] = []
        self.rows = 0
        self.tickets = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._db.close()
        self._path.unlink(missing_ok=True)

    # -- the first pass ------------------------------------------------------------------

    def add(self, row: SourceRow) -> None:
        self._pending.append(row)
        self.rows += 1
        if len(self._pending) >= _WRITE_BATCH:
            self._flush()

    def finish(self) -> None:
        """Every row is added: index the tickets by first appearance."""
        self._flush()
        self._db.execute("CREATE INDEX tickets_by_first ON tickets (first)")
        self.tickets = int(self._db.execute("SELECT count(*) FROM tickets").fetchone()[0])

    def _flush(self) -> None:
        if not self._pending:
            return
        with self._transaction():
            self._db.executemany(
                "INSERT INTO rows VALUES (?, ?, ?)",
                [(r.number, r.line, _pack(r)) for r in self._pending],
            )
            # Rows arrive in file order: the first insert of a number is its first line.
            self._db.executemany(
                "INSERT INTO tickets VALUES (?, ?, 1, NULL) "
                "ON CONFLICT (number) DO UPDATE SET rows = rows + 1",
                [(r.number, r.line) for r in self._pending],
            )
        self._pending.clear()

    # -- reading back --------------------------------------------------------------------

    def numbers(self) -> Iterator[list[str]]:
        """The tickets' source numbers, in order of first appearance, a few at a time."""
        for part in self._ticket_pages():
            yield [number for number, _ in part]

    def mark_known(self, known: dict[str, int]) -> None:
        """Tickets imported before, with the number of rows imported then."""
        with self._transaction():
            self._db.executemany(
                "UPDATE tickets SET known = ? WHERE number = ?",
                [(rows, number) for number, rows in known.items()],
            )

    def grouped(self) -> Iterator[tuple[str, int | None, list[SourceRow]]]:
        """``(number, rows imported before or None, rows in file order)`` of each ticket,
        in order of the ticket's first appearance in the file."""
        for part in self._ticket_pages():
            numbers = [number for number, _ in part]
            marks = ",".join("?" * len(numbers))
            rows: dict[str, list[SourceRow]] = {}
            query = f"SELECT number, data FROM rows WHERE number IN ({marks}) ORDER BY 1, line"
            for number, data in self._db.execute(query, numbers):
                rows.setdefault(number, []).append(_unpack(data))
            for number, known in part:
                yield number, known, rows.pop(number)

    def _ticket_pages(self) -> Iterator[list[tuple[str, int | None]]]:
        after = -1
        while True:
            part = self._db.execute(
                "SELECT number, known, first FROM tickets WHERE first > ? ORDER BY first LIMIT ?",
                (after, _READ_TICKETS),
            ).fetchall()
            if not part:
                return
            after = part[-1][2]
            yield [(number, known) for number, known, _ in part]

    # -- ledger links of the written tickets ---------------------------------------------

    def add_links(self, links: Sequence[LedgerLink]) -> None:
        with self._transaction():
            self._db.executemany(
                "INSERT INTO links VALUES (?, ?, ?, ?)",
                [(k.kind, k.ticket_number, k.event_seq, k.entry_hash) for k in links],
            )

    def links(self, size: int) -> Iterator[list[LedgerLink]]:
        """The links in the order they were added, ``size`` at a time."""
        after = 0
        while True:
            part = self._db.execute(
                "SELECT rowid, kind, number, seq, hash FROM links WHERE rowid > ? "
                "ORDER BY rowid LIMIT ?",
                (after, size),
            ).fetchall()
            if not part:
                return
            after = part[-1][0]
            yield [LedgerLink(kind, number, seq, digest) for _, kind, number, seq, digest in part]

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


def sweep_orphans(directory: Path) -> list[Path]:
    """Delete the spools left in ``directory`` by import processes that have died (a
    ``kill -9`` or a power cut ends an import before it can clean up); returns them.

    Only POSIX can tell whether a process id is alive without touching the process
    (signal 0); elsewhere nothing is swept. A live process with a reused id keeps its
    file: a spool is only ever deleted when it certainly has no owner."""
    if os.name != "posix":
        return []
    swept = []
    for path in directory.glob(f"{_PREFIX}*-*{_SUFFIX}"):
        owner = path.name[len(_PREFIX) :].split("-", 1)[0]
        if not owner.isdigit() or int(owner) == os.getpid() or _alive(int(owner)):
            continue
        try:
            path.unlink()
        except OSError:  # another user's file in a shared /tmp, or swept meanwhile
            continue
        swept.append(path)
    return swept


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN")

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
