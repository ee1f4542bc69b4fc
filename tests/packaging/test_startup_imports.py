"""First paint comes first: showing the login window imports no database code.

A real ``supportdesk`` process (offscreen) shows its login window, waits until it has
painted, quits (``SUPPORTDESK_STARTUP_PROBE``) and then lists what it had imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "argon2",
    "app.services",
    "app.bootstrap",
    "app.persistence",
    "ui.main_window",
    "PySide6.QtCharts",
)

PROBE = """
import json, sys
from app.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SUPPORTDESK_DB"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SUPPORTDESK_STARTUP_PROBE="1",
        SUPPORTDESK_DATA_DIR=str(tmp_path / "data"),
        SUPPORTDESK_CONFIG_DIR=str(tmp_path / "config"),
        SUPPORTDESK_LOG_DIR=str(tmp_path / "log"),
    )
    return env


def _run(
    tmp_path: Path, *args: str, lang: str = "en_GB.UTF-8"
) -> tuple[list[str], dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**_env(tmp_path), "LANG": lang, "LC_ALL": lang},
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    return lines[:-1], json.loads(lines[-1])


def _heavy(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if m.startswith(HEAVY)]


def test_the_login_window_paints_before_any_database_code_is_imported(tmp_path: Path) -> None:
    printed, result = _run(tmp_path)

    assert printed == ["painted", "title Log in to SupportDesk"]
    assert result["code"] == 0
    assert "ui.dialogs.login" in result["modules"]  # type: ignore[operator]
    assert _heavy(result["modules"]) == []


def test_version_and_gui_need_no_command_group(tmp_path: Path) -> None:
    _, result = _run(tmp_path, "--version")

    assert [m for m in result["modules"] if m.startswith("app.cli.")] == []  # type: ignore[union-attr]
    assert _heavy(result["modules"]) == []


def test_a_greek_system_gets_the_greek_login_window(tmp_path: Path) -> None:
    printed, _ = _run(tmp_path, lang="el_GR.UTF-8")

    assert printed == ["painted", "title Σύνδεση στο SupportDesk"]
