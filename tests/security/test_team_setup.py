"""README's team set-up works as written, and leaves what docs/security.md promises."""

from __future__ import annotations

import psycopg
import pytest

from tests.security.team import PASSWORDS, Team


def test_the_readme_team_setup_runs(team: Team) -> None:
    assert "administrator root created" in team.output
    assert "user eli added (engineer, technical)" in team.output


def test_each_person_has_their_own_login_in_their_group(team: Team) -> None:
    with psycopg.connect(team.cluster.url(database="supportdesk")) as conn:
        rows = conn.execute(
            "SELECT u.rolname, g.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname IN ('root', 'eli') AND g.rolname LIKE 'supportdesk_%' "
            "ORDER BY 1, 2"
        ).fetchall()
        owner = conn.execute(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'tickets'"
        ).fetchone()
    assert rows == [
        ("eli", "supportdesk_engineer"),
        ("eli", "supportdesk_people"),
        ("root", "supportdesk_admin"),
        ("root", "supportdesk_people"),
    ]
    assert owner == ("supportdesk_owner",)


def test_a_wrong_password_is_refused_by_the_server(team: Team) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(team.url("eli", "not-" + PASSWORDS["ELI_PASSWORD"]))
