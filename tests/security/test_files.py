"""The person's files are theirs alone (0600 in 0700 folders), and no password is
taken from a command line."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
import time
from pathlib import Path

from app.bootstrap import open_services
from app.config import paths, save_settings
from app.logs import setup_logging


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        f"SUPPORTDESK_{n}_DIR": str(tmp_path / "home" / n.lower())
        for n in ("DATA", "CONFIG", "LOG")
    }


def test_settings_file_is_private(tmp_path: Path) -> None:
    where = paths(_env(tmp_path))
    save_settings(where, {"database_url": "postgresql://ana@db.example/desk"})
    assert (mode(where.settings_file), mode(where.config_dir)) == (0o600, 0o700)


def test_database_files_are_private(tmp_path: Path) -> None:
    db_file = tmp_path / "data" / "desk.db"
    services = open_services(f"sqlite:///{db_file}", create=True, require_schema=False)
    try:
        services.db.upgrade()
        services.users.create_first_admin("admin", "admin-password-1")
        wal = db_file.with_name(db_file.name + "-wal")
        assert wal.exists()
        assert (mode(db_file), mode(wal), mode(db_file.parent)) == (0o600, 0o600, 0o700)
    finally:
        services.db.dispose()


def test_log_file_is_private(tmp_path: Path) -> None:
    where = paths(_env(tmp_path))
    target = setup_logging(where)
    assert target is not None
    try:
        logging.getLogger("supportdesk.test").warning("a line")
        assert (mode(target), mode(target.parent)) == (0o600, 0o700)
    finally:
        setup_logging(paths())  # back to the session's folder


def test_a_password_in_a_db_url_is_refused_with_a_hint(tmp_path: Path) -> None:
    secret = "Sekr1t-on-the-command-line"
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", f"postgresql://ana:{secret}@db.example/desk",
         "history", "verify"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--db URLs must not carry a password" in done.stderr
    assert "keyring" in done.stderr and "PGPASSFILE" in done.stderr
    assert secret not in done.stderr + done.stdout


_RACE = """
import sys, time
from pathlib import Path
from app.private_files import private_dir
start, target = float(sys.argv[1]), Path(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
private_dir(target)
"""


def test_programs_started_together_share_the_new_folder(tmp_path: Path) -> None:
    """Two desks (or a desk and a CLI job) that start at once both create the log
    folder; seen as 'cannot write the log file … File exists' before the fix."""
    for attempt in range(6):
        target = tmp_path / f"run{attempt}" / "state" / "log"
        start = time.time() + 0.8  # every process imports first, then all go at once
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", _RACE, str(start), str(target)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        failures = [err for run in runs if (err := run.communicate()[1]) and run.returncode]
        assert failures == []
        assert mode(target) == 0o700
