"""A psycopg cursor whose ``description`` is built only when something reads it.

psycopg builds ``cursor.description`` as a new list of ``Column`` objects (a name
decoded, a type looked up) each time it is asked for, and SQLAlchemy asks once per
statement — but for a statement it has run before it only checks that the answer is
not None: the result's columns come from the compiled statement's cached metadata.
On the write path that was ~110 ``Column`` objects per action, ~9 % of a desk's client
CPU (issue 19: the locked ticket read alone returns ~95 columns). Here the description
is a sequence that builds those same objects the first time it is indexed, iterated or
compared — never, on the hot path.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import psycopg
from psycopg import Column
from psycopg.pq import ExecStatus

_WITH_ROWS = (ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, ExecStatus.TUPLES_CHUNK)


class _Result:
    """What ``Column`` reads of a cursor, taken when the description was asked for: the
    cursor may have run another statement by the time the columns are built."""

    __slots__ = ("_encoding", "adapters", "pgresult")

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self.pgresult = cursor.pgresult
        self._encoding = cursor._encoding
        self.adapters = cursor.adapters


class LazyDescription(Sequence[Column]):
    """``cursor.description`` as psycopg gives it, built on first use."""

    __slots__ = ("_columns", "_count", "_source")

    def __init__(self, cursor: psycopg.Cursor[Any], count: int) -> None:
        self._source: _Result | None = _Result(cursor)
        self._count = count
        self._columns: list[Column] | None = None

    def _built(self) -> list[Column]:
        if self._columns is None:
            source: Any = self._source  # duck-typed: Column reads the three attributes
            self._columns = [Column(source, i) for i in range(self._count)]
            self._source = None
        return self._columns

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Column: ...

    @overload
    def __getitem__(self, index: slice) -> list[Column]: ...

    def __getitem__(self, index: int | slice) -> Column | list[Column]:
        return self._built()[index]

    def __iter__(self) -> Iterator[Column]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        return self._built() == (list(other) if isinstance(other, Sequence) else other)

    __hash__ = None  # type: ignore[assignment]  # a list is not hashable either

    def __repr__(self) -> str:
        return repr(self._built())


class LazyDescriptionCursor(psycopg.Cursor[Any]):
    """The connection's cursors (``Connection.cursor_factory``), set at connect."""

    @property
    def description(self) -> LazyDescription | None:  # type: ignore[override]
        # The same test as psycopg's own property: columns, or a result with rows
        # (``SELECT ;`` has none and still describes itself).
        res = self.pgresult
        if res and (res.nfields or res.status in _WITH_ROWS):
            return LazyDescription(self, res.nfields)
        return None
