"""``mail ingest`` run by an MTA or cron: an unreachable database is a temporary failure
(exit 75, EX_TEMPFAIL, so the mail is retried), bad input stays a refusal (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.mails import plain, raw
from tests.support.smtp import free_port

EX_TEMPFAIL = 75


def ingest(db_url: str, data: bytes, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SUPPORTDESK_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", db_url, "mail", "ingest"],
        input=data,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_an_unreachable_postgresql_server_is_a_temporary_failure(tmp_path: Path) -> None:
    # A port nobody listens on: the connection is refused.
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/supportdesk"
    done = ingest(url, raw(plain("Scanner", "It jams.")), tmp_path)
    assert done.returncode == EX_TEMPFAIL, done.stderr
    assert b"cannot open the database" in done.stderr
    assert not (tmp_path / "data" / "mail-refused").exists()  # the MTA keeps the mail


def test_a_missing_sqlite_folder_is_a_temporary_failure(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'not-mounted-yet' / 'supportdesk.db'}"
    done = ingest(url, raw(plain("Scanner", "It jams.")), tmp_path)
    assert done.returncode == EX_TEMPFAIL, done.stderr
    assert b"no database at" in done.stderr
    assert not (tmp_path / "not-mounted-yet").exists()  # nothing created


def test_bad_input_is_still_refused_with_exit_2(db_url: str, tmp_path: Path) -> None:
    from app.bootstrap import open_services

    open_services(db_url).db.dispose()  # the fixture's database, reachable and current
    done = ingest(db_url, b"\x00\x01 not mail", tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"the message is malformed" in done.stderr


def test_a_usage_error_is_still_exit_2(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/supportdesk"
    env = {**os.environ, "SUPPORTDESK_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", url, "mail", "ingest", "--criticality", "dire"],
        input=b"",
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
