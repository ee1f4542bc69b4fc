"""The team's PostgreSQL: a cluster of the tests' own, set up by running the README's
"Using PostgreSQL" block, as a new team would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.cluster import PG_BIN, Cluster, available, cluster
from tests.security.team import ADMIN, CARE, MANAGER, PASSWORDS, PW, Team, services_as

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


def readme_block(marker: str = "<!-- team-setup -->") -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(marker) + r"\s*```bash\n(.*?)```", text, re.S)
    assert found, f"README.md has no {marker} bash block"
    return found.group(1)


@pytest.fixture(scope="session")
def own_cluster() -> Iterator[Cluster]:
    reason = available()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    base = Path(tempfile.mkdtemp(prefix="sd-security-"))
    try:
        with cluster(base) as running:
            yield running
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def team(own_cluster: Cluster) -> Team:
    """The README's team set-up, run by bash with the README's own commands."""
    block = readme_block().replace("export PGHOST=dbhost PGPORT=5432", "")
    env = {
        **os.environ,
        **PASSWORDS,
        "PGHOST": "127.0.0.1",
        "PGPORT": str(own_cluster.port),
        "PATH": f"{Path(sys.executable).parent}:{PG_BIN}:{os.environ['PATH']}",
    }
    for name in ("SUPPORTDESK_DB", "SUPPORTDESK_PASSWORD", "PGPASSWORD", "PGUSER"):
        env.pop(name, None)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"README team set-up failed:\n{done.stdout}\n{done.stderr}"
    return Team(own_cluster, done.stdout)


@pytest.fixture(scope="session")
def team_people(team: Team) -> None:
    """The administrator adds care and a manager; the manager a customer and a product."""
    svc = services_as(team, ADMIN)
    try:
        root = svc.users.login(ADMIN, PW[ADMIN])
        svc.users.add_user(root, username=CARE, password=PW[CARE], role="care")
        svc.users.add_user(root, username=MANAGER, password=PW[MANAGER], role="manager")
    finally:
        svc.db.dispose()
    svc = services_as(team, MANAGER)
    try:
        mia = svc.users.login(MANAGER, PW[MANAGER])
        svc.customers.add_customer(mia, code="ACME", name="Acme Corp")
        svc.customers.add_product(mia, code="ERP", name="Invoicing")
    finally:
        svc.db.dispose()
