"""The app's PostgreSQL cursors describe their results as psycopg's do, but build the
columns only when read (issue 19: ~110 ``Column`` objects per desk action that
SQLAlchemy never looked at). PostgreSQL only: SQLite's cursors are sqlite3's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, select, text

from app.persistence import pg_cursor
from app.persistence.engine import make_engine, parse_url
from app.persistence.orm import User
from app.persistence.pg_cursor import LazyDescription, LazyDescriptionCursor
from tests.support.databases import PostgresFactory, fresh_database


@pytest.fixture
def pg_engine(postgres_factory: PostgresFactory) -> Iterator[Engine]:
    with fresh_database(postgres_factory) as url:
        engine = make_engine(parse_url(url), pool_size=1, max_overflow=0)
        pg_cursor.reset_check()
        yield engine
        engine.dispose()
    pg_cursor.reset_check()  # a test that broke the internals leaves no trace


def described(column: Any) -> tuple[Any, ...]:
    return (column.name, column.type_code, column.internal_size, column.precision,
            column.scale, column.display_size, column.null_ok)  # fmt: skip


def test_the_description_is_psycopgs_built_when_read(pg_engine: Engine) -> None:
    query = "SELECT 1::int AS one, 'x'::varchar(7) AS word, now() AS at, 2.5::numeric(5,2) AS n"
    with pg_engine.connect() as conn:
        raw: Any = conn.connection.dbapi_connection
        assert raw.cursor_factory is LazyDescriptionCursor
        with raw.cursor() as cursor:
            cursor.execute(query)
            first = cursor.description  # the once-per-process check: psycopg's own list
            assert isinstance(first, list) and pg_cursor.lazy_ok() is True
            cursor.execute(query)
            lazy = cursor.description
            assert isinstance(lazy, LazyDescription)
            assert lazy._columns is None  # nothing built by asking
            # Read after the cursor ran something else: still the first result's.
            cursor.execute("SELECT 'other' AS other")
            got = [described(c) for c in lazy]
            assert lazy._columns is not None
            cursor.execute("UPDATE users SET id = id WHERE false")  # no rows: no description
            assert cursor.description is None
            cursor.execute("SELECT")  # rows of no columns: described, and empty
            empty = cursor.description
            assert empty is not None and len(empty) == 0 and list(empty) == []
        with psycopg.Cursor(raw) as plain:
            plain.execute(query)
            expected = [described(c) for c in plain.description or []]
    assert got == expected
    assert [name for name, *_ in got] == ["one", "word", "at", "n"]


def test_sqlalchemy_results_through_the_cursor(pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        for _ in range(3):  # first run builds SQLAlchemy's metadata, later ones reuse it
            row = conn.execute(select(User.username, User.id).where(User.username == "system"))
            assert [tuple(r._mapping.keys()) for r in row] == [("username", "id")]
        keyed = conn.execute(text("SELECT 1 AS a, 2 AS b")).mappings().one()
        assert dict(keyed) == {"a": 1, "b": 2}


class _Moved:
    """A psycopg whose cursor no longer has ``_encoding`` where this module reads it."""

    def __init__(self, cursor: Any) -> None:
        raise AttributeError("'Cursor' object has no attribute '_encoding'")


class _Renamed(psycopg.Column):
    """A psycopg whose ``Column`` reads the captured result differently."""

    @property
    def name(self) -> str:
        return "not " + super().name


@pytest.mark.parametrize(("part", "broken"), [("_Result", _Moved), ("Column", _Renamed)])
def test_internals_not_as_expected_fall_back_to_psycopgs_description(
    pg_engine: Engine, monkeypatch: pytest.MonkeyPatch, part: str, broken: type
) -> None:
    monkeypatch.setattr(pg_cursor, part, broken)
    query = "SELECT 1::int AS one, 'x'::varchar(7) AS word"
    with pg_engine.connect() as conn:
        raw: Any = conn.connection.dbapi_connection
        with raw.cursor() as cursor:
            for _ in range(2):  # checked at the first, the same answer after
                cursor.execute(query)
                got = cursor.description
                assert isinstance(got, list) and not isinstance(got, LazyDescription)
                assert described(got[0])[:2] == ("one", 23)
            assert pg_cursor.lazy_ok() is False
        # SQLAlchemy, before and after its result metadata is cached: still right.
        for _ in range(3):
            row = conn.execute(select(User.username, User.id).where(User.username == "system"))
            assert [tuple(r._mapping.keys()) for r in row] == [("username", "id")]
