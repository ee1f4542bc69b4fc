"""The 1M benchmark's hand-written floors (benchmarks/million_sql.py) plan PostgreSQL
pages on connections set up like the app's walks (sorts and bitmap scans priced out for
the whole session). Those connections come from the app's pool; closed as they were,
they went back to it with their settings, and the app's later reads on them (the
benchmark's alternated recheck) planned a search's words' collection as a scan of every
event: 5.6-9.5 s a call at 1M instead of ~5 ms."""

from __future__ import annotations

from sqlalchemy import text

from app.bootstrap import Services
from benchmarks.million_sql import Floor

PLANNER = (
    "SELECT current_setting('enable_sort') || current_setting('enable_bitmapscan')"
    " || current_setting('enable_incremental_sort')"
)


def test_the_floors_leave_the_apps_pool_as_they_found_it(services: Services) -> None:
    engine = services.db.engine
    floor = Floor(engine)
    assert floor.page("SELECT 1") == [(1,)]
    if engine.dialect.name == "sqlite":
        # No session planner settings there: every floor reads on its one connection.
        assert floor.walks is floor.conn and floor.strict is floor.conn
        floor.close()
        return
    assert floor.walks is not floor.conn
    floor.close()
    held = [engine.connect() for _ in range(4)]  # more than the floors gave back
    try:
        settings = {c.execute(text(PLANNER)).scalar() for c in held}
    finally:
        for conn in held:
            conn.close()
    assert settings == {"ononon"}
