"""Settings every PostgreSQL connection of the app carries, whichever connection of the
pool runs a statement (issue 19: JIT compiled desk reads for 8.7 ms at 1M tickets).
SQLite has no JIT; its connection settings are tested with the busy handling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, text

from app.persistence.engine import make_engine, parse_url
from tests.support.databases import PostgresFactory, fresh_database


@pytest.fixture
def pg_engine(postgres_factory: PostgresFactory) -> Iterator[Engine]:
    with fresh_database(postgres_factory) as url:
        engine = make_engine(parse_url(url), pool_size=2, max_overflow=0)
        yield engine
        engine.dispose()


def jit(conn: Connection) -> str:
    return str(conn.execute(text("SHOW jit")).scalar())


def test_no_postgresql_connection_compiles_with_jit(pg_engine: Engine) -> None:
    first, second = pg_engine.connect(), pg_engine.connect()  # two pooled connections
    try:
        assert (jit(first), jit(second)) == ("off", "off")
        first.rollback()  # the setting outlives a rolled-back transaction
        assert jit(first) == "off"
    finally:
        first.close()
        second.close()
    pg_engine.dispose()  # a reconnect's new connections get it too
    with pg_engine.connect() as again:
        assert jit(again) == "off"
