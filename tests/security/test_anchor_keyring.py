"""The anchor signing key kept in the OS keyring (no --key-file): made, used and
refused through the ``keyring`` library with a real file-based backend
(``tests.security.file_keyring.FileKeyring``, chosen by PYTHON_KEYRING_BACKEND the way a
user picks a backend), by the CLI in its own process. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.bootstrap import Services
from app.services.anchors import KEYRING_ENTRY, KEYRING_SERVICE, read_anchor
from tests.support.cli import Cli
from tests.support.people import People


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "keyring.json"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.security.file_keyring.FileKeyring")
    monkeypatch.setenv("SD_TEST_KEYRING_FILE", str(path))
    return path


def _ticket(services: Services, people: People) -> None:
    services.tickets.open_ticket(
        people.care, customer="ACME", subject="Anchored", service_type="first_level_support"
    )


def test_the_signing_key_lives_in_the_keyring(
    services: Services, people: People, db_url: str, store: Path, tmp_path: Path
) -> None:
    _ticket(services, people)
    cli = Cli(db_url)
    made = cli.ok("history", "anchor-key", "--json").json()
    assert made["stored_in"] == "the OS keyring"
    pem = json.loads(store.read_text())[f"{KEYRING_SERVICE}|{KEYRING_ENTRY}"]
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert raw.hex() == made["public_key"]
    assert not list(tmp_path.glob("*.pem"))  # nothing written beside it

    anchor = tmp_path / "today.anchor"
    cli.ok("history", "anchor", "--out", str(anchor))
    assert read_anchor(anchor, [made["public_key"]]).public_key == made["public_key"]
    verified = cli.ok("history", "verify", "--anchor", str(anchor), "--public-key", raw.hex())
    assert verified.out.startswith("history intact")

    # A second key would orphan every anchor signed so far: refused, the first one kept.
    again = cli.run("history", "anchor-key")
    assert again.code == 2
    assert "the keyring holds a signing key already" in again.err
    assert json.loads(store.read_text())[f"{KEYRING_SERVICE}|{KEYRING_ENTRY}"] == pem


def test_an_empty_keyring_says_how_to_make_a_key(
    services: Services, people: People, db_url: str, store: Path, tmp_path: Path
) -> None:
    _ticket(services, people)
    result = Cli(db_url).run("history", "anchor", "--out", str(tmp_path / "a.anchor"))
    assert result.code == 2
    assert "no signing key in the OS keyring" in result.err
    assert "history anchor-key" in result.err
    assert not (tmp_path / "a.anchor").exists()


def test_no_usable_keyring_points_to_a_key_file(
    services: Services, people: People, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ticket(services, people)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    result = Cli(db_url).run("history", "anchor-key")
    assert result.code == 2
    assert "the OS keyring cannot be used" in result.err
    assert "--key-file FILE" in result.err
    assert "Traceback" not in result.err
