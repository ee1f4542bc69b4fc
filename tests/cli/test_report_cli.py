"""``supportdesk report`` as scripts use it: a ticket's report and a customer's month
as JSON, CSV and PDF, and the clear refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People
from tests.support.report_data import build_month

pytestmark = pytest.mark.slow  # a dozen processes, two of them drawing PDFs

MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


def test_reports_through_the_cli(
    services: Services, people: People, clock: FakeClock, db_url: str, tmp_path: Path
) -> None:
    month = build_month(services, people, clock)
    cli = Cli(db_url)
    care = {"user": "cara", "password": PASSWORD}

    ticket = cli.ok("report", "ticket", month.a, **care).json()  # JSON to standard output
    assert (ticket["report"], ticket["number"], ticket["waiting_minutes"]) == (
        "ticket",
        month.a,
        1440,
    )
    assert ticket["resolution_business_minutes"] == 300

    text = cli.ok("report", "period", "--customer", "ACME", *MARCH, "--format", "csv", **care)
    rows = list(csv.DictReader(io.StringIO(text.out)))
    p3 = next(r for r in rows if r["section"] == "priority" and r["key"] == "P3")
    assert (p3["tickets"], p3["resolution_wall_median_hours"], p3["reopenings"]) == (
        "2",
        "33.0",
        "1",
    )
    breach = next(r for r in rows if r["section"] == "breach")
    assert breach["number"] == month.c

    pdf = tmp_path / "acme-march.pdf"
    done = cli.ok("report", "period", "--customer", "ACME", *MARCH, "--format", "pdf",
                  "--out", str(pdf), **care)  # fmt: skip
    assert f"report written to {pdf}" in done.err
    assert pdf.read_bytes().startswith(b"%PDF")
    ticket_pdf = tmp_path / "a.pdf"
    cli.ok("report", "ticket", month.a, "--format", "pdf", "--out", str(ticket_pdf), **care)
    assert ticket_pdf.stat().st_size > 10_000

    no_scope = cli.run("report", "period", *MARCH, **care)
    assert no_scope.code == 2 and "--customer CODE or --all" in no_scope.err
    no_file = cli.run("report", "ticket", month.a, "--format", "pdf", **care)
    assert no_file.code == 2 and "a PDF needs --out FILE" in no_file.err
    engineer = cli.run("report", "period", "--all", *MARCH, user="eng", password=PASSWORD)
    assert engineer.code == 2 and "may not read period reports" in engineer.err
    unknown = cli.run("report", "ticket", "SD-999999", **care)
    assert unknown.code == 2
    assert json.loads(cli.ok("report", "period", "--all", *MARCH, **care).out)["opened"] == 6
