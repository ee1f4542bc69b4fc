"""First paint comes first: showing the login window imports no database code; and a
CLI ticket command imports only what it needs.

A real ``supportdesk`` process (offscreen) shows its login window, waits until it has
painted, quits (``SUPPORTDESK_STARTUP_PROBE``) and then lists what it had imported; a
real ``supportdesk ticket …`` process runs against the test database, then lists its.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TypedDict

from tests.support.people import PASSWORD, People

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


class Probe(TypedDict):
    """What PROBE prints last, as JSON."""

    code: int
    modules: list[str]


def _run(tmp_path: Path, *args: str, lang: str = "en_GB.UTF-8") -> tuple[list[str], Probe]:
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
    result: Probe = json.loads(lines[-1])
    assert isinstance(result["modules"], list)
    return lines[:-1], result


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(HEAVY)]


def test_the_login_window_paints_before_any_database_code_is_imported(tmp_path: Path) -> None:
    printed, result = _run(tmp_path)

    assert printed == ["painted", "title Log in to SupportDesk"]
    assert result["code"] == 0
    assert "ui.dialogs.login" in result["modules"]
    assert _heavy(result["modules"]) == []


def test_version_and_gui_need_no_command_group(tmp_path: Path) -> None:
    _, result = _run(tmp_path, "--version")

    assert [m for m in result["modules"] if m.startswith("app.cli.")] == []
    assert _heavy(result["modules"]) == []


def test_a_greek_system_gets_the_greek_login_window(tmp_path: Path) -> None:
    printed, _ = _run(tmp_path, lang="el_GR.UTF-8")

    assert printed == ["painted", "title Σύνδεση στο SupportDesk"]


# A CLI command loads only what it needs (issue 12: 16 scripts of 50 commands paid
# ~1.4 s of CPU per command for imports before). ``ticket open/show/comment`` never load
# migrations, signing, holidays, the keyring, PDF, Qt, or the services and models of
# reports, imports, alerts, mail-in and the SLA annex.
NOT_FOR_A_TICKET = (
    "alembic",
    "mako",
    "cryptography",
    "holidays",
    "keyring",
    "reportlab",
    "PySide6",
    "ui",
    "app.persistence.migrations",
    "app.persistence.orm_annex",
    "app.persistence.import_repository",
    "app.services.alerts",
    "app.services.anchors",
    "app.services.history_replay",
    "app.services.importing",
    "app.services.mail_in",
    "app.services.reports",
    "app.services.outages",
)


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def _cli_modules(db_url: str, user: str, *args: str) -> tuple[str, list[str]]:
    """(what the command printed, the modules it had loaded when it returned)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTDESK_PASSWORD")}
    env["SUPPORTDESK_PASSWORD"] = PASSWORD
    for name in ("PGPASSWORD", "PGPASSFILE"):  # the keyring stays unasked without them too
        env.pop(name, None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", db_url, "--user", user, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    *printed, last = proc.stdout.splitlines()
    result = json.loads(last)
    assert result["code"] == 0, proc.stderr
    return "\n".join(printed), result["modules"]


def test_ticket_commands_load_no_heavy_modules(db_url: str, people: People) -> None:
    printed, opened = _cli_modules(
        db_url, "cara", "--json", "ticket", "open", "--customer", "ACME",
        "--service-type", "first_level_support", "--subject", "lean start",
    )  # fmt: skip
    number = json.loads(printed)["number"]
    _, shown = _cli_modules(db_url, "eng", "ticket", "show", number)
    _, commented = _cli_modules(db_url, "eng", "ticket", "comment", number, "lean")

    assert "app.services.tickets" in opened  # the probe sees the command's own imports
    assert _loaded(opened, NOT_FOR_A_TICKET) == []
    assert _loaded(shown, NOT_FOR_A_TICKET) == []
    assert _loaded(commented, NOT_FOR_A_TICKET) == []
