"""``engineer …``, ``assign policy`` and ``ticket take-next`` from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from app.bootstrap import Services
from app.cli import main
from tests.support.people import PASSWORD, People

Supportdesk = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(
    services: Services,
    people: People,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Supportdesk:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", PASSWORD)
    url = services.db.url.render_as_string(hide_password=False)

    def supportdesk(user: str, *args: str) -> tuple[int, str, str]:
        code = main(["--db", url, "--user", user, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return supportdesk


def test_an_engineer_sets_up_their_availability_and_takes_work(
    run: Supportdesk, services: Services, people: People
) -> None:
    assert run("mia", "assign", "policy", "--set", "least_loaded", "--auto", "off")[:2] == (
        0,
        "policy least_loaded, automatic assignment off\n",
    )
    assert run("eng", "assign", "policy", "--set", "round_robin")[0] == 2
    services.customers.add_product(people.manager, code="ERP", name="Our ERP")

    code, out, _ = run("eng", "engineer", "schedule", "mon-fri 08:00-16:00", "--timezone", "UTC")
    assert code == 0
    assert "mon 08:00-16:00; tue 08:00-16:00" in out
    assert run("eng", "engineer", "skills", "erp")[0] == 0
    assert run("eng", "engineer", "max", "2")[0] == 0
    code, out, _ = run("eng", "engineer", "status", "--set", "available", "--json")
    status = json.loads(out)
    assert (code, status["state"], status["skills"], status["max_open"]) == (
        0,
        "available",
        ["ERP"],
        2,
    )
    code, _, err = run("eng", "engineer", "schedule", "mon 9-5")
    assert code == 2
    assert "cannot read the schedule" in err

    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="ERP down", service_type="first_level_support"
    ).number
    code, out, _ = run("eng", "ticket", "take-next")
    assert (code, out.split()[0]) == (0, number)
    assert run("eng", "ticket", "take-next")[1] == "no unassigned ticket for you right now\n"
    code, out, _ = run("mia", "engineer", "list")
    assert "eng " in out
    assert "1/2" in out
