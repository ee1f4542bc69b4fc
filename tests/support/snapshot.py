"""A fingerprint of everything in a database, to prove a refused command wrote nothing."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from app.persistence.engine import parse_url


def snapshot(db_url: str) -> dict[str, list[tuple[str, ...]]]:
    engine = create_engine(parse_url(db_url))
    try:
        with engine.connect() as conn:
            tables = sorted(inspect(conn).get_table_names())
            return {
                table: sorted(
                    tuple(map(str, row)) for row in conn.execute(text(f'SELECT * FROM "{table}"'))
                )
                for table in tables
            }
    finally:
        engine.dispose()
