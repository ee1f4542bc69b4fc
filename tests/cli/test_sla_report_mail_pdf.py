"""The scheduled SLA report mail (``sla-report --send``, then the outbox) carries the
report as a PDF that a PDF reader opens: the customer's name and the month (issue 17),
delivered to a real aiosmtpd, on both engines."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.annex import hosting_contract
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People
from tests.support.smtp import smtp_server


def pdf_parts(mail: EmailMessage) -> list[EmailMessage]:
    return [p for p in mail.walk() if p.get_content_type() == "application/pdf"]


def test_the_monthly_report_mail_carries_its_pdf(
    services: Services, people: People, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    contract = hosting_contract(services, people)
    cli = Cli(db_url)
    mia = {"user": "mia", "password": PASSWORD}
    cli.ok("annex", "target", contract, "managed_hosting", "--availability", "99.8",
           "--systems", "erp-prod", **mia)  # fmt: skip
    sent = cli.ok("sla-report", "--all", "--month", "2026-03", "--send", "--json", **mia).json()
    assert sent["queued"] == {"ACME": ["jo@acme.example"]}

    # The CLI queued it at the wall clock's time; the fixture's services send at theirs.
    clock.set(datetime.now(UTC) + timedelta(minutes=1))
    with smtp_server() as (inbox, smtp):
        report = services.notifications.send_pending(smtp)
        assert report.sent == 1, report
        [mail] = inbox.to("jo@acme.example")
    assert mail["Subject"] == "SLA report 2026-03 · Acme Corp"
    [part] = pdf_parts(mail)
    assert part.get_filename() == "SLA-report-ACME-2026-03.pdf"
    data = part.get_content()
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    pdf = tmp_path / "attached.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Acme Corp" in text
    assert "March 2026" in text
    # The text part is still there for mail clients that show no attachments.
    [body] = [p for p in mail.walk() if p.get_content_type() == "text/plain"]
    assert "2026-03" in body.get_content()
