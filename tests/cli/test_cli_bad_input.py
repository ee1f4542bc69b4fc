"""Bad input through the CLI: exit code 2, one clear line on stderr, nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Services, open_services
from app.cli import main
from app.services.auth import Passwords
from tests.support.people import PASSWORD, make_people
from tests.support.snapshot import snapshot


@pytest.fixture
def populated(db_url: str) -> Iterator[str]:
    """A database with people, a customer and one new ticket; real argon2 parameters, so
    logging in never needs to upgrade a hash (which would be a legitimate write)."""
    svc: Services = open_services(db_url, passwords=Passwords())
    people = make_people(svc)
    svc.tickets.open_ticket(
        people.care, customer="ACME", subject="Printer on fire", service_type="first_level_support"
    )
    svc.db.dispose()
    yield db_url


def refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, f"exit {code}; stderr: {captured.err!r}"
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {captured.err!r}"
    assert captured.out == ""
    return lines[0]


OPEN = ["ticket", "open", "--service-type", "first_level_support"]


@pytest.mark.parametrize(
    ("user", "argv", "expected"),
    [
        ("cara", [*OPEN, "--customer", "NOPE", "--subject", "x"], "no customer with code 'NOPE'"),
        ("cara", [*OPEN, "--customer", "ACME", "--subject", "   "], "subject is required"),
        (
            "cara",
            [*OPEN, "--customer", "ACME", "--subject", "x" * 1_048_576],
            "subject is too long: 1,048,576 characters",
        ),
        (
            "mia",
            ["ticket", "resolve", "SD-000001", "--problem", "p", "--solution", "s"],
            "SD-000001 is new; from new you can: assign",
        ),
        ("cara", ["ticket", "take", "SD-000001"], "cara (care) may not take a ticket"),
        (
            "eng",
            ["ticket", "approve", "SD-000001", "--contact", "Jo Smith", "--channel", "phone"],
            "cannot record the customer's approval",
        ),
        (
            "eng",
            ["ticket", "open", "--customer", "ACME", "--subject", "x", "--service-type", "coffee"],
            "invalid choice: 'coffee'",
        ),
        ("cara", ["ticket", "show", "SD-999999"], "no ticket 'SD-999999'"),
    ],
)
def test_refused_commands_write_nothing(
    populated: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    argv: list[str],
    expected: str,
) -> None:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", PASSWORD)
    before = snapshot(populated)
    line = refused(capsys, ["--db", populated, "--user", user, *argv])
    assert expected in line
    assert snapshot(populated) == before


def test_wrong_password(
    populated: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "not-the-password")
    before = snapshot(populated)
    line = refused(capsys, ["--db", populated, "--user", "cara", "ticket", "take", "SD-000001"])
    assert line == "supportdesk: wrong user name or password."
    after = snapshot(populated)
    # The failed attempt is counted per name and per source (login throttling); nothing
    # else changes.
    failures = sorted(row[0] for row in after.pop("login_failures"))
    assert len(failures) == 2
    assert failures[0] == "cara"
    assert failures[1].startswith("source:")
    assert before.pop("login_failures") == []
    assert after == before


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "malformed database URL 'not a url'"),
        ("mysql://root@localhost/x", "unsupported database 'mysql'"),
        ("sqlite:///{tmp}/missing/none.db", "no database at"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot open the database"),
    ],
)
def test_unusable_database_urls(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    expected: str,
) -> None:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", PASSWORD)
    line = refused(capsys, ["--db", url.format(tmp=tmp_path), "--user", "cara", "ticket", "list"])
    assert expected in line
    assert not (tmp_path / "missing").exists()


def test_a_file_that_is_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", PASSWORD)
    impostor = tmp_path / "notes.db"
    content = b"Meeting notes, not a database.\n" * 200
    impostor.write_bytes(content)
    for argv in (["--user", "cara", "ticket", "list"], ["init"]):
        line = refused(capsys, ["--db", f"sqlite:///{impostor}", *argv])
        assert "is not a SupportDesk database" in line
    assert impostor.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_uninitialised_database_says_run_init(
    sqlite_factory: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", PASSWORD)
    empty = tmp_path / "empty.db"
    empty.touch()
    line = refused(capsys, ["--db", f"sqlite:///{empty}", "--user", "cara", "ticket", "list"])
    assert "run `supportdesk init` first" in line


def test_missing_user_and_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    assert "needs --user NAME" in refused(capsys, ["--db", sqlite_url, "ticket", "list"])
    assert "(see supportdesk" in refused(capsys, ["ticket", "frobnicate"])
