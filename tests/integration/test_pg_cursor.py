"""The app's PostgreSQL cursors describe their results as psycopg's do, but build the
columns only when read (issue 19: ~110 ``Column`` objects per desk action that
SQLAlchemy never looked at). PostgreSQL only: SQLite's cursors are sqlite3's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, select, text

from app.persistence.engine import make_engine, parse_url
from app.persistence.orm import User
from app.persistence.pg_cursor import LazyDescription, LazyDescriptionCursor
from tests.support.databases import PostgresFactory, fresh_database


@pytest.fixture
def pg_engine(postgres_factory: PostgresFactory) -> Iterator[Engine]:
    with fresh_database(postgres_factory) as url:
        engine = make_engine(parse_url(url), pool_size=1, max_overflow=0)
        yield engine
        engine.dispose()


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
