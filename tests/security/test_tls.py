"""Encrypted connections: a cluster of the test's own with ssl=on and a certificate made
here; SupportDesk connects with verify-full, and refuses a server its CA did not sign."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.connection import ConnectionProfile, Kind
from app.domain.errors import DatabaseUnavailable
from app.persistence.database import Database
from tests.security.certs import make_ca, make_server_cert
from tests.security.cluster import Cluster, available, cluster
from tests.security.conftest import IN_CI


@pytest.fixture(scope="module")
def tls_cluster() -> Iterator[tuple[Cluster, Path, Path]]:
    reason = available()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    base = Path(tempfile.mkdtemp(prefix="sd-tls-"))
    certs = base / "certs"
    certs.mkdir()
    ca, ca_key, ca_cert = make_ca(certs, "team-ca")
    other_ca, _, _ = make_ca(certs, "someone-else-ca")
    server_crt, server_key = make_server_cert(certs, ca_key, ca_cert, "127.0.0.1")
    if os.geteuid() == 0:  # the server reads its key as the postgres account
        subprocess.run(["chown", "-R", "postgres", str(certs)], check=True)
    settings = {
        "ssl": "on",
        "ssl_cert_file": f"'{server_crt}'",
        "ssl_key_file": f"'{server_key}'",
    }
    try:
        with cluster(base, settings=settings) as running:
            yield running, ca, other_ca
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _profile(running: Cluster, mode: str, ca: Path | None) -> ConnectionProfile:
    return ConnectionProfile(
        kind=Kind.POSTGRESQL,
        host="127.0.0.1",
        port=running.port,
        database="postgres",
        db_user="postgres",
        ssl_mode=mode,
        ssl_root_cert=str(ca) if ca else "",
    )


def test_verify_full_with_the_teams_ca(tls_cluster: tuple[Cluster, Path, Path]) -> None:
    running, ca, _ = tls_cluster
    profile = _profile(running, "verify-full", ca)
    assert profile.encrypted
    db = Database.open(profile.url())
    try:
        with db.engine.connect() as conn:
            used = conn.exec_driver_sql(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).scalar_one()
        assert used is True
    finally:
        db.dispose()


def test_a_server_signed_by_another_ca_is_refused(tls_cluster: tuple[Cluster, Path, Path]) -> None:
    running, _, other_ca = tls_cluster
    with pytest.raises(DatabaseUnavailable, match="certificate") as refused:
        Database.open(_profile(running, "verify-full", other_ca).url())
    assert "not signed by the CA" in str(refused.value)


def test_only_sure_modes_count_as_encrypted() -> None:
    assert not ConnectionProfile(kind=Kind.POSTGRESQL, ssl_mode="prefer").encrypted
    assert not ConnectionProfile(kind=Kind.POSTGRESQL, ssl_mode="disable").encrypted
    assert ConnectionProfile(kind=Kind.POSTGRESQL, ssl_mode="verify-ca").encrypted
    assert ConnectionProfile(kind=Kind.EMBEDDED).encrypted
    url = ConnectionProfile(
        kind=Kind.POSTGRESQL, ssl_mode="verify-full", ssl_root_cert="/etc/ca.crt"
    ).url()
    assert url.endswith("?sslmode=verify-full&sslrootcert=/etc/ca.crt")
    assert ConnectionProfile.from_url(url).ssl_root_cert == "/etc/ca.crt"
