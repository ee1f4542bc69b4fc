"""Connection profiles become URLs; passwords never land in the saved profile."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.connection import ConnectionProfile, Kind
from app.domain.errors import ValidationError


def test_the_embedded_profile_is_a_sqlite_file() -> None:
    assert ConnectionProfile(sqlite_path="/data/sd.db").url() == "sqlite:////data/sd.db"


def test_a_postgresql_profile_carries_tls_mode_and_quotes_the_password() -> None:
    profile = ConnectionProfile(
        kind=Kind.POSTGRESQL,
        host="db.example",
        port=5433,
        database="desk",
        db_user="ana",
        ssl_mode="require",
    )
    url = profile.url("p@ss/word")
    assert url == "postgresql+psycopg://ana:p%40ss%2Fword@db.example:5433/desk?sslmode=require"
    assert "p@ss" not in str(profile.to_dict())


def test_a_profile_round_trips_through_settings_and_from_a_url() -> None:
    profile = ConnectionProfile(kind=Kind.POSTGRESQL, host="h", db_user="u", ssl_mode="disable")
    # A PostgreSQL profile still remembers a default file for switching back to embedded.
    assert ConnectionProfile.from_dict(profile.to_dict(), "/x.db") == replace(
        profile, sqlite_path="/x.db"
    )
    parsed = ConnectionProfile.from_url("postgresql://u@h:5432/supportdesk?sslmode=disable")
    assert parsed == profile


def test_bad_profiles_are_explained() -> None:
    with pytest.raises(ValidationError, match="host"):
        ConnectionProfile(kind=Kind.POSTGRESQL, host=" ").url()
    with pytest.raises(ValidationError, match="TLS"):
        ConnectionProfile(kind=Kind.POSTGRESQL, ssl_mode="maybe").url()
