"""The queue's reads take pooled connections without the pool's pre-ping (a round trip
of every page, issue 19); a connection the server dropped while it sat in the pool
(``pg_terminate_backend``, here for real) must still cost the desk no error: the read
runs again on a pinged connection (app.persistence.queue_connection.queue_read)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from app.bootstrap import Services
from app.domain.queue import QueueFilter, QueueSort, SavedView
from tests.support.people import People
from tests.support.queue_data import RARE_WORD, bulk_tickets


def _kill_the_desks_connections(admin: psycopg.Connection[Any]) -> int:
    """Terminate every other backend of this database (the desk's pooled connections,
    idle) and wait until they are gone."""
    killed = admin.execute(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    ).fetchone()
    return int(killed[0]) if killed else 0


def _pooled(services: Services) -> int:
    return int(services.db.engine.pool.checkedin())  # type: ignore[attr-defined]


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_queue_reads_survive_their_pooled_connections_killed(
    services: Services, people: People, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    bulk_tickets(services.db.engine, 20_000 // 10)
    actor = people.engineer
    queue = services.queue
    reads = {
        "page": lambda: len(queue.page(actor, QueueFilter(), QueueSort()).rows),
        "search": lambda: len(
            queue.page(actor, QueueFilter(view=SavedView.ALL, search=RARE_WORD), QueueSort()).rows
        ),
        "count": lambda: queue.count(actor, QueueFilter(view=SavedView.ALL)),
        "ids": lambda: len(queue.ids(actor, QueueFilter(), QueueSort())[0]),
    }
    expected = {name: read() for name, read in reads.items()}
    assert expected["page"] == 100 and expected["count"] == 1000
    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as admin:
        for name, read in reads.items():
            assert _pooled(services) >= 1  # the read takes one of these
            assert _kill_the_desks_connections(admin) >= 1
            caplog.clear()
            with caplog.at_level("WARNING", logger="supportdesk.retry"):
                assert read() == expected[name], name
            # It did meet the dead connection (no pre-ping) and read again.
            assert any("reading again" in r.getMessage() for r in caplog.records), name
    # And the pool works on: the next reads need no second try.
    caplog.clear()
    with caplog.at_level("WARNING", logger="supportdesk.retry"):
        assert {name: read() for name, read in reads.items()} == expected
    assert not caplog.records
