"""What the search's plan tests add to tests/support/query_plans.py (issue 19 item 3):
the desk they run on and one more question about a plan, "does this statement walk
the tickets testing each one's words?" (the common-word plan).

The statements are captured and explained with query_plans' own ``capture`` and rules
(``problems_of``); this module only loads the desk and reads the one shape the search
cares about from the same ``EXPLAIN (FORMAT JSON)`` tree those rules read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from app.bootstrap import Services, open_services
from tests.support.databases import PostgresFactory, SqliteFactory, fresh_database
from tests.support.desk_shape import load_desk
from tests.support.people import People, make_people
from tests.support.query_plans import TICKET_NAMES, Statement


@contextmanager
def plan_desk(
    factory: SqliteFactory | PostgresFactory, tickets: int
) -> Iterator[tuple[Services, People]]:
    """Services on a fresh database holding a desk shaped like a real one."""
    with fresh_database(factory) as url:
        services = open_services(url)
        try:
            people = make_people(services)
            load_desk(services.db.engine, tickets)
            yield services, people
        finally:
            services.db.dispose()


def walks_testing(engine: Engine, stmt: Statement) -> bool:
    """The statement reads tickets one by one testing their words (the common-word
    plan): SQLite's ``sd_has_words`` on tickets not reached by collected ids (those come
    through ``json_each``); PostgreSQL a scan of tickets with an ``@@`` filter."""
    if engine.dialect.name == "sqlite":
        return "sd_has_words" in stmt.sql and "json_each" not in stmt.sql
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {stmt.sql}", stmt.params).scalar_one()
        conn.rollback()
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    return _scan_testing_words(plan)


def _scan_testing_words(node: dict[str, Any]) -> bool:
    scans = node["Node Type"] in ("Seq Scan", "Index Scan", "Index Only Scan")
    if scans and node.get("Relation Name") in TICKET_NAMES and "@@" in str(node.get("Filter", "")):
        return True
    return any(_scan_testing_words(child) for child in node.get("Plans", []))
