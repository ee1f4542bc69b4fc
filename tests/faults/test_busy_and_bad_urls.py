"""A SQLite lock held longer than the busy policy waits is a plain refusal (exit 2, nothing
written), reads and logins are not held up by a writer at all, and a malformed --db URL
is exit 2 as well."""

from __future__ import annotations

import sqlite3

import pytest

from app.bootstrap import Services
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_lock_that_outlasts_the_busy_timeout_is_exit_2_and_reads_still_work(
    services: Services, people: People, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(db_url)
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Slow disk", service_type="first_level_support"
    ).number
    cli.ok("ticket", "show", number, user="eng", password=PASSWORD)  # settles the password hash
    monkeypatch.setenv("SUPPORTDESK_SQLITE_BUSY_MS", "300")

    other_program = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        refused = cli.run("ticket", "comment", number, "anyone?", user="eng", password=PASSWORD)
        shown = cli.run("ticket", "show", number, user="eng", password=PASSWORD)
    finally:
        other_program.execute("ROLLBACK")
        other_program.close()

    assert refused.code == 2, refused.err
    assert "database is busy" in refused.err and "Nothing was written" in refused.err
    assert "unexpected" not in refused.err
    assert shown.code == 0 and "Slow disk" in shown.out  # login and reads took no write lock
    assert [e.kind for e in services.tickets.show(people.care, number).history] == ["created"]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://postgres@127.0.0.1:port/db",
        "postgresql://postgres@127.0.0.1:54x2/db",
        "nonsense",
        "mysql://x@y/z",
    ],
)
def test_a_malformed_database_url_is_exit_2(url: str) -> None:
    result = Cli(url).run("ticket", "list", user="eng", password=PASSWORD)
    assert result.code == 2
    assert "unexpected" not in result.err
    assert result.err.startswith("supportdesk: ")
