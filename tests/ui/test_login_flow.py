"""Logging in: problems come back as plain sentences, an empty embedded database as a
first-run offer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.bootstrap import Services
from app.connection import ConnectionProfile, Kind
from app.persistence import all_models
from app.services.auth import Passwords
from tests.support.people import PASSWORD, People
from ui.login_flow import Outcome, attempt_login, first_run_setup


def test_wrong_password_and_unknown_user_read_the_same(
    sqlite_url: str, fast_passwords: Passwords
) -> None:
    services = _people(sqlite_url, fast_passwords)
    profile = ConnectionProfile.from_url(sqlite_url)
    wrong = attempt_login(profile, "cara", "not-the-password", passwords=fast_passwords)
    nobody = attempt_login(profile, "zed", PASSWORD, passwords=fast_passwords)
    assert (wrong.outcome, wrong.message) == (Outcome.ERROR, "Wrong user name or password.")
    assert nobody.message == wrong.message
    ok = attempt_login(profile, "cara", PASSWORD, passwords=fast_passwords)
    assert ok.outcome == Outcome.OK and ok.actor is not None and ok.actor.username == "cara"
    assert ok.services is not None
    ok.services.db.dispose()
    services.db.dispose()


def test_a_server_that_is_down_is_said_in_words() -> None:
    profile = ConnectionProfile(kind=Kind.POSTGRESQL, host="127.0.0.1", port=1, db_user="x")
    result = attempt_login(profile, "ana", "whatever-pass")
    assert result.outcome == Outcome.ERROR
    assert "Traceback" not in result.message and result.message[0].isupper()
    assert "127.0.0.1" in result.message or "connect" in result.message.lower()


def test_an_empty_embedded_database_offers_the_first_run(
    tmp_path: Path, fast_passwords: Passwords
) -> None:
    profile = ConnectionProfile(sqlite_path=str(tmp_path / "new.db"))
    first = attempt_login(profile, "", "", passwords=fast_passwords)
    assert first.outcome == Outcome.FIRST_RUN
    done = first_run_setup(
        first.url,
        admin_name="boss",
        admin_password="long-password-1",
        load_demo=False,
        passwords=fast_passwords,
    )
    assert done.outcome == Outcome.OK and done.actor is not None
    assert done.actor.username == "boss"
    assert done.services is not None
    done.services.db.dispose()
    again = attempt_login(profile, "boss", "long-password-1", passwords=fast_passwords)
    assert again.outcome == Outcome.OK
    assert again.services is not None
    again.services.db.dispose()


def _people(url: str, passwords: Passwords) -> Services:
    from app.bootstrap import open_services
    from tests.support.people import make_people

    services = open_services(url, passwords=passwords)
    people: People = make_people(services)
    assert people.care.username == "cara"
    return services


def test_an_old_schema_is_explained_not_upgraded_behind_the_users_back(tmp_path: Path) -> None:
    from alembic import command

    from app.persistence.database import Database
    from app.persistence.migrations import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    db = Database.open(url, create=True)
    command.upgrade(alembic_config(db.engine), "0001")
    db.dispose()
    result = attempt_login(ConnectionProfile.from_url(url), "ana", "whatever-pass")
    assert result.outcome == Outcome.ERROR
    assert result.message == (
        "This database uses an older schema; run `supportdesk init` to upgrade it."
    )


_LOGIN_IN_A_FRESH_PROCESS = """
import re, sys
from pathlib import Path
from app.connection import ConnectionProfile
from tests.support.people import PASSWORD
from ui.login_flow import Outcome, attempt_login
result = attempt_login(ConnectionProfile.from_url(sys.argv[1]), "cara", PASSWORD)
assert result.outcome == Outcome.OK, result.message
listed = re.findall(r"^import (app\\.persistence\\.\\w+)", Path(sys.argv[2]).read_text(), re.M)
print(len(listed) > 10, [name for name in listed if name not in sys.modules])
"""


def test_the_login_loads_every_model_before_its_first_query(
    sqlite_url: str, fast_passwords: Passwords
) -> None:
    """The desktop client imports modules on another thread while the login runs; a
    model module seen half-imported at the first query failed the login ("failed to
    locate a name", twice in ~45 desktop drives). The login loads and configures every
    model first, so nothing half-made is ever configured."""
    services = _people(sqlite_url, fast_passwords)
    services.db.dispose()
    done = subprocess.run(
        [sys.executable, "-c", _LOGIN_IN_A_FRESH_PROCESS, sqlite_url, all_models.__file__],
        check=False, capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "[]"]  # every model module, none left out
