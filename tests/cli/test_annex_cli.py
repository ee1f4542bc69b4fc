"""The SLA annex on the command line (both engines): targets, maintenance, outages, the
monthly report in every format, and the scheduled e-mail that never queues twice."""

from __future__ import annotations

from pathlib import Path

from app.bootstrap import Services
from tests.support.annex import hosting_contract
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People


def test_annex_commands_and_the_monthly_report(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    contract = hosting_contract(services, people)
    cli = Cli(db_url)
    mia = {"user": "mia", "password": PASSWORD}
    cli.ok("annex", "target", contract, "managed_hosting", "--availability", "99.8",
           "--systems", "erp-prod", "--band", "99.8:5", "--band", "99:20", **mia)  # fmt: skip
    targets = cli.ok("annex", "targets", "ACME", "--json", **mia).json()
    assert targets[0]["availability"] == "99.8" and targets[0]["bands"] == [
        ["99.8", "5"],
        ["99", "20"],
    ]
    cli.ok("annex", "maintenance", "ACME", "--from", "2026-03-10T22:00+02:00",
           "--to", "2026-03-11T01:00+02:00", "--note", "upgrade", **mia)  # fmt: skip
    number = cli.ok(
        "ticket", "open", "--customer", "ACME", "--service-type", "managed_hosting",
        "--criticality", "critical", "--subject", "ERP down", "--json", **mia,
    ).json()["number"]  # fmt: skip
    cli.ok("ticket", "take", number, user="eng", password=PASSWORD)
    outage = cli.ok("annex", "outage", number, "--system", "erp-prod",
                    "--start", "2026-03-05T10:00Z", "--end", "2026-03-05T12:00Z", "--json",
                    user="eng", password=PASSWORD).json()  # fmt: skip
    assert outage["ended_at"] == "2026-03-05T12:00:00+00:00"
    # Bad input: one clear line, exit 2, nothing written.
    bad = cli.run("annex", "outage", number, "--system", "erp-prod", "--start", "2026-03-05T10:00",
                  user="eng", password=PASSWORD)  # fmt: skip
    assert bad.code == 2 and "has no time zone" in bad.err
    assert cli.run("sla-report", "ACME", "--month", "2026-13", **mia).err.count("YYYY-MM") == 1

    data = cli.ok("sla-report", "ACME", "--month", "2026-03", **mia).json()
    [erp] = data["availability"]
    assert erp["downtime_minutes"] == 120.0
    assert erp["availability_pct"] == round(100 * (1 - 120 / (743 * 60 - 180)), 3)
    assert data["credits"] == [
        {"service_type": "managed_hosting", "system": "erp-prod",
         "availability_pct": erp["availability_pct"], "target_pct": 99.8, "credit_pct": 5.0}
    ]  # fmt: skip
    csv_text = cli.ok("sla-report", "ACME", "--month", "2026-03", "--format", "csv", **mia).out
    assert (
        f"availability,managed_hosting,erp-prod,,availability_pct,{erp['availability_pct']}"
        in csv_text
    )
    pdf = tmp_path / "sla.pdf"
    cli.ok("sla-report", "ACME", "--month", "2026-03", "--format", "pdf", "--out", str(pdf), **mia)
    assert pdf.read_bytes().startswith(b"%PDF")

    # Cron: queue the report to the customer's contacts; a second run queues nothing.
    sent = cli.ok("sla-report", "--all", "--month", "2026-03", "--send", "--json", **mia).json()
    assert sent["queued"] == {"ACME": ["jo@acme.example"]}
    again = cli.ok("sla-report", "--all", "--month", "2026-03", "--send", "--json", **mia).json()
    assert again["queued"] == {"ACME": []}
    [mail] = [m for m in services.notifications.list_outbox(people.manager)
              if m.kind == "monthly_sla_report"]  # fmt: skip
    assert (mail.to_address, mail.subject) == ("jo@acme.example", "SLA report 2026-03 · Acme Corp")


def test_engineers_may_not_read_or_send_monthly_reports(
    services: Services, people: People, db_url: str
) -> None:
    hosting_contract(services, people)
    result = Cli(db_url).run(
        "sla-report", "ACME", "--month", "2026-03", user="eng", password=PASSWORD
    )
    assert result.code == 2 and "may not read SLA reports" in result.err
