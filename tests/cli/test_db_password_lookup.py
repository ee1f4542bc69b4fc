"""The remembered database password (issue 11) is looked up in the OS keyring only when
the server asks for one: loading the keyring costs every CLI command ~0.1 s of CPU and,
on Linux, seconds of waiting on ``ldconfig``/``gcc`` (issue 12)."""

from __future__ import annotations

import pytest

from app.cli import secrets
from app.domain.errors import DatabaseUnavailable

URL = "postgresql://eng@db.example/desk"
NO_PASSWORD = (
    'connection failed: connection to server at "10.0.0.1", port 5432 failed: '
    "fe_sendauth: no password supplied"
)


def _refusal(words: str) -> DatabaseUnavailable:
    """What Database.open raises: our words, raised from None over the driver's error."""
    try:
        try:
            raise OSError(words)
        except OSError:
            raise DatabaseUnavailable(f"cannot open the database {URL}: {words}") from None
    except DatabaseUnavailable as exc:
        return exc


@pytest.fixture
def keyring_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def remembered(url: str, username: str, suffix: str = "") -> str | None:
        asked.append(username + suffix)
        return "s3cret/pw"

    monkeypatch.setattr(secrets, "remembered", remembered)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("PGPASSFILE", raising=False)
    return asked


def test_a_server_that_asks_no_password_never_loads_the_keyring(keyring_asked: list[str]) -> None:
    opened = secrets.open_with_remembered_password(URL, "eng", lambda url: url)

    assert opened == URL
    assert keyring_asked == []


def test_a_server_that_asks_for_one_gets_the_remembered_password(
    keyring_asked: list[str],
) -> None:
    tried: list[str] = []

    def open_db(url: str) -> str:
        tried.append(url)
        if len(tried) == 1:
            raise _refusal(NO_PASSWORD)
        return url

    opened = secrets.open_with_remembered_password(URL, "eng", open_db)

    assert keyring_asked == ["eng:db"]
    assert opened == "postgresql://eng:s3cret%2Fpw@db.example/desk"
    assert tried == [URL, opened]


def test_other_failures_are_not_retried(keyring_asked: list[str]) -> None:
    def open_db(url: str) -> str:
        raise _refusal("password authentication failed for user eng")

    with pytest.raises(DatabaseUnavailable, match="authentication failed"):
        secrets.open_with_remembered_password(URL, "eng", open_db)
    assert keyring_asked == []


def test_nothing_remembered_leaves_the_servers_question(
    keyring_asked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets, "remembered", lambda *_: None)

    def open_db(url: str) -> str:
        raise _refusal(NO_PASSWORD)

    with pytest.raises(DatabaseUnavailable, match="no password supplied"):
        secrets.open_with_remembered_password(URL, "eng", open_db)
