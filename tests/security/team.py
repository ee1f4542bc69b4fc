"""The team of the security tests: people, their passwords and roles."""

from __future__ import annotations

from dataclasses import dataclass

from app.bootstrap import Services, open_services
from tests.security.cluster import Cluster

PASSWORDS = {
    "OWNER_PASSWORD": "owner-Secret-1",
    "ROOT_PASSWORD": "root-Secret-12",
    "ELI_PASSWORD": "eli-Secret-123",
}


@dataclass(frozen=True)
class Team:
    cluster: Cluster
    output: str

    def url(self, user: str, password: str | None = None) -> str:
        login = f"{user}:{password}" if password else user
        return f"postgresql://{login}@127.0.0.1:{self.cluster.port}/supportdesk"


PW = {
    "root": PASSWORDS["ROOT_PASSWORD"],
    "eli": PASSWORDS["ELI_PASSWORD"],
    "cara": "cara-Secret-12",
    "mia": "mia-Secret-123",
}
ADMIN, ENGINEER, CARE, MANAGER = "root", "eli", "cara", "mia"
EVERYONE = frozenset(PW)
STAFF = frozenset({ADMIN, ENGINEER, MANAGER})
MANAGERS = frozenset({ADMIN, MANAGER})
NOBODY: frozenset[str] = frozenset()


def services_as(team: Team, login: str) -> Services:
    return open_services(team.url(login, PW[login]))
