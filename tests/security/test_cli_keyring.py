"""The command line reads the password the desktop client remembered in the OS keyring
(no SUPPORTDESK_PASSWORD, no prompt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.cli.secrets import KEYRING_SERVICE
from app.connection import ConnectionProfile
from tests.support.people import PASSWORD, People


def test_the_cli_logs_in_with_the_remembered_password(
    db_url: str, people: People, tmp_path: Path
) -> None:
    store = tmp_path / "keyring.json"
    key = ConnectionProfile.from_url(db_url).secret_key("eng")
    store.write_text(json.dumps({f"{KEYRING_SERVICE}|{key}": PASSWORD}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTDESK_PASSWORD")}
    env |= {
        "PYTHON_KEYRING_BACKEND": "tests.security.file_keyring.FileKeyring",
        "SD_TEST_KEYRING_FILE": str(store),
    }
    argv = [sys.executable, "-m", "app", "--db", db_url, "--user", "eng", "ticket", "list"]
    done = subprocess.run(
        argv,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    store.write_text("{}")  # forgotten: now the CLI says how to give a password
    again = subprocess.run(
        argv,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert again.returncode == 2
    assert "no password for eng" in again.stderr
