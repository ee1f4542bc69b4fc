"""A psycopg cursor whose ``description`` is built only when something reads it.

psycopg builds ``cursor.description`` as a new list of ``Column`` objects (a name
decoded, a type looked up) each time it is asked for, and SQLAlchemy asks once per
statement — but for a statement it has run before it only checks that the answer is
not None: the result's columns come from the compiled statement's cached metadata.
On the write path that was ~110 ``Column`` objects per action, ~9 % of a desk's client
CPU (issue 19: the locked ticket read alone returns ~95 columns). Here the description
is a sequence that builds those same objects the first time it is indexed, iterated or
compared — never, on the hot path.

It reads three psycopg internals to build them later (``cursor.pgresult``,
``cursor._encoding``, ``cursor.adapters``: what ``psycopg.Column`` reads of a cursor).
Those are not psycopg's public API, so the first description a process asks for is
checked once against psycopg's own; if building it that way fails or differs (a psycopg
whose internals moved), every cursor answers with psycopg's own ``description`` from
then on — slower, never wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any, overload

import psycopg
from psycopg import Column
from psycopg.pq import ExecStatus

log = logging.getLogger(__name__)
# The statuses psycopg describes even without columns (``SELECT ;``); by name, so a psycopg
# without one of them (TUPLES_CHUNK is recent) still imports this module.
_WITH_ROWS = tuple(
    getattr(ExecStatus, name)
    for name in ("TUPLES_OK", "SINGLE_TUPLE", "TUPLES_CHUNK")
    if hasattr(ExecStatus, name)
)


class _Check:
    """Whether lazy descriptions match psycopg's own, checked once per process: None not
    yet, True they do, False they did not (or could not be built): psycopg's own is
    used from then on."""

    ok: bool | None = None


_check_state = _Check()


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


def _described(column: Any) -> tuple[Any, ...]:
    return (column.name, column.type_code, column.display_size, column.internal_size,
            column.precision, column.scale, column.null_ok)  # fmt: skip


def _check(cursor: psycopg.Cursor[Any], own: list[Column] | None) -> bool:
    """Whether a lazy description of ``cursor``'s result, built now, is psycopg's own
    (``own``): the internals it reads are where and what this module expects."""
    try:
        res = cursor.pgresult
        count = res.nfields if res is not None else 0
        lazy = [_described(c) for c in LazyDescription(cursor, count)]
        same = own is not None and lazy == [_described(c) for c in own]
    except Exception:  # any failure means: internals not as expected
        log.warning("psycopg's cursor internals are not as expected", exc_info=True)
        return False
    if not same:
        log.warning("lazy cursor descriptions differ from psycopg's; using psycopg's")
    return same


class LazyDescriptionCursor(psycopg.Cursor[Any]):
    """The connection's cursors (``Connection.cursor_factory``), set at connect."""

    @property
    def description(self) -> Sequence[Column] | None:  # type: ignore[override]
        if not _check_state.ok:
            own = super().description
            if _check_state.ok is None and own:  # checked once, on a result with columns
                _check_state.ok = _check(self, own)
            return own
        # The same test as psycopg's own property: columns, or a result with rows
        # (``SELECT ;`` has none and still describes itself).
        res = self.pgresult
        if res and (res.nfields or res.status in _WITH_ROWS):
            return LazyDescription(self, res.nfields)
        return None


def reset_check() -> None:
    """Check the internals again at the next description (tests)."""
    _check_state.ok = None


def lazy_ok() -> bool | None:
    """The check's outcome in this process (None: not made yet)."""
    return _check_state.ok
