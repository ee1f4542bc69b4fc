"""``supportdesk import`` as scripts use it: a dry run, the import, and a refused file."""

from __future__ import annotations

from pathlib import Path

from app.bootstrap import Services
from tests.integration.test_import_servicenow import acme_history
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People
from tests.support.servicenow_export import export_text, write_export


def test_cli_dry_run_then_import_then_a_refused_file(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    cli = Cli(db_url)
    export = write_export(tmp_path / "acme.csv", acme_history())
    args = ("import", "servicenow", str(export), "--customer", "ACME", "--source-tz", "UTC")

    dry = cli.ok(*args, "--dry-run", user="mia", password=PASSWORD)
    assert "(dry run)" in dry.out and "would add 3 tickets" in dry.out
    assert "line 7: INC0000047: unknown state '-100' kept as it is" in dry.out

    done = cli.ok(*args, user="mia", password=PASSWORD)
    assert "added 3 tickets (SD-000001…SD-000003)" in done.out
    assert "writing history" in done.err  # progress goes to stderr
    again = cli.ok(*args, "--json", user="mia", password=PASSWORD).json()
    assert (again["tickets_new"], again["already_imported_by_run"]) == (0, 1)

    text = export_text(acme_history())
    broken = tmp_path / "broken.csv"
    broken.write_text(text.replace("1/3/2016 13:00", "2016-03-01 13:00"), encoding="utf-8")
    refused = cli.run("import", "servicenow", str(broken), "--customer", "ACME",
                      "--source-tz", "UTC", user="mia", password=PASSWORD)  # fmt: skip
    assert refused.code == 2
    assert "line 13:" in refused.err and "nothing was imported" in refused.err

    listed = cli.run("import", "servicenow", str(broken), "--customer", "ACME",
                     "--source-tz", "UTC", "--dry-run", user="mia", password=PASSWORD)  # fmt: skip
    assert listed.code == 2
    assert "line 13: sys_updated_at '2016-03-01 13:00'" in listed.out
    verify = cli.ok("history", "verify")
    assert "history intact: 3 tickets" in verify.out
