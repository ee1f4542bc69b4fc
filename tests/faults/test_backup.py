"""``supportdesk backup FILE`` / ``restore FILE`` on both engines, as real processes: the
restore brings back exactly the backed-up state and both end with ``history verify``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import Services
from tests.support.cli import Cli
from tests.support.people import People


def comments(services: Services, people: People, number: str) -> list[str | None]:
    view = services.tickets.show(people.care, number)
    return [e.text for e in view.history if e.kind == "comment"]


def test_restore_brings_back_the_backed_up_state(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    cli = Cli(db_url)
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Disk full", service_type="first_level_support"
    ).number
    services.tickets.comment(people.engineer, number, "before the backup")
    file = tmp_path / "desk.backup"

    made = cli.ok("backup", str(file))
    assert "history intact" in made.out and file.stat().st_size > 0

    services.tickets.comment(people.engineer, number, "after the backup")
    services.db.dispose()  # this test's own pooled connections, as a desk would reconnect
    restored = cli.ok("restore", str(file))
    assert "history intact" in restored.out
    assert comments(services, people, number) == ["before the backup"]
    assert services.history.verify().ok


def test_a_file_that_is_no_backup_is_refused_and_changes_nothing(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all\n" * 10)
    result = Cli(db_url).run("restore", str(junk))
    assert result.code == 2
    assert "not a" in result.err and "backup" in result.err
    assert [u.username for u in services.users.list_users(people.admin)][:1] == ["admin"]
    missing = Cli(db_url).run("restore", str(tmp_path / "nowhere.backup"))
    assert (missing.code, "no backup file" in missing.err) == (2, True)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_without_pg_dump_the_message_says_what_to_install(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # no PostgreSQL client tools on it
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", db_url, "backup", str(tmp_path / "x.backup")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "pg_dump is not installed" in done.stderr and "postgresql-client" in done.stderr
    assert not (tmp_path / "x.backup").exists()
